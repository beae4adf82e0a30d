package io.scenarioops.producer.cli;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.producer.RunFollower;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.producer.RunWatcher;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Publishes a run request to the configured Kafka, and with --wait follows it to completion. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Validate a run request and publish it as scenario-requested events in one transaction.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ScenarioOpsCommand root;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--wait", description = "Show progress (solved / published / checked of N) until the run"
            + " completes; exit 0 only if every scenario passed QC.")
    boolean waitForCompletion;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        RunPlan plan = runOptions.plan(Instant.now());
        ScenarioOpsConfig config = root.config();
        PrintWriter out = spec.commandLine().getOut();
        if (!waitForCompletion) {
            new RunPublisher(config.kafka()).publish(plan, config::objectStore);
            RunFollower.announce(plan, config, out);
            return Cli.EXIT_OK;
        }
        RunWatcher.Progress progress = RunFollower.publishAndFollow(config, plan, Duration.ofSeconds(timeoutSeconds),
                out);
        if (!RunFollower.reportIfNotCompleted(progress, plan, timeoutSeconds, spec.commandLine().getErr())) {
            return Cli.EXIT_FAILED;
        }
        RunCompleted completed = progress.completed().get();
        out.println("run " + completed.status() + ": " + completed.runMetadataKey());
        return RunCompleted.STATUS_PASSED.equals(completed.status()) ? Cli.EXIT_OK : Cli.EXIT_FAILED;
    }
}
