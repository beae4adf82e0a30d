package io.scenarioops.producer.cli;

import io.scenarioops.common.config.KafkaSettings;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunPublisher;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Publishes a run request to the configured Kafka. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Validate a run request and publish it as scenario-requested events in one transaction.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ScenarioOpsCommand root;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() {
        RunPlan plan = runOptions.plan(Instant.now());
        KafkaSettings kafka = root.config().kafka();
        new RunPublisher(kafka).publish(plan);
        PrintWriter out = spec.commandLine().getOut();
        out.println("run_id=" + plan.runId());
        out.println("published " + plan.scenarios().size() + " scenarios (seed " + plan.seed() + ", dt "
                + plan.dt() + ") to " + kafka.bootstrapServers());
        return Cli.EXIT_OK;
    }
}
