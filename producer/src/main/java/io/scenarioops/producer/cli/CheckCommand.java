package io.scenarioops.producer.cli;

import io.scenarioops.producer.StackProbe;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Reports whether Kafka, the object store and PostgreSQL answer. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Report whether Kafka, the object store and PostgreSQL answer (exit 1 if any does not).")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ScenarioOpsCommand root;

    @Override
    public Integer call() {
        List<StackProbe.Result> results = StackProbe.checkAll(root.config());
        PrintWriter out = spec.commandLine().getOut();
        for (StackProbe.Result r : results) {
            out.printf("%-13s %-6s %s%n", r.component(), r.ok() ? "OK" : "FAILED", r.detail());
        }
        return results.stream().allMatch(StackProbe.Result::ok) ? Cli.EXIT_OK : Cli.EXIT_FAILED;
    }
}
