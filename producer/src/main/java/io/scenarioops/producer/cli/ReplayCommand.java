package io.scenarioops.producer.cli;

import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.producer.RunReplayer;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Re-runs a run from its original request events. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-publish a run's original scenario-requested events unchanged (one transaction): the"
                + " pipeline recomputes it, rewriting byte-identical artifacts; rows and run-completed are not"
                + " duplicated.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ScenarioOpsCommand root;

    @Parameters(paramLabel = "RUN_ID", description = "The run to replay.")
    String runId;

    @Override
    public Integer call() {
        List<ScenarioRequested> events = new RunReplayer(root.config().kafka()).replay(runId);
        PrintWriter out = spec.commandLine().getOut();
        out.println("run_id=" + runId);
        out.println("re-published " + events.size() + " scenario-requested events of run " + runId + " (created "
                + events.get(0).runCreatedAtUtc() + ")");
        return Cli.EXIT_OK;
    }
}
