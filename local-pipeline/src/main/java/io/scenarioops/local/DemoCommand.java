package io.scenarioops.local;

import io.scenarioops.core.config.Redaction;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunFollower;
import io.scenarioops.producer.RunWatcher;
import io.scenarioops.producer.cli.Cli;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import io.scenarioops.producer.cli.RunOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The whole pipeline on the embedded stack, in one process, for one run. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start Kafka, an S3 server and PostgreSQL in-process (unless configured as external), run every"
                + " service, publish one run (default: the seed's three scenarios), wait until QC completes it, and"
                + " print the KPIs, QC verdicts and the objects written. Exit 0 when every scenario passed, 1 when"
                + " the run failed or did not complete, 2 for bad input.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    ScenarioOpsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions runOptions;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--solvers", defaultValue = "2", description = "Solver instances in the group (default: ${DEFAULT-VALUE}).")
    int solvers;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "Give up if the run is not through after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        RunPlan plan = runOptions.plan(Instant.now());
        ScenarioOpsConfig config = dataDir.applyTo(root.config());
        PrintWriter out = spec.commandLine().getOut();
        try (LocalPipeline pipeline = LocalPipeline.start(config, solvers)) {
            long stackReady = System.nanoTime();
            ScenarioOpsConfig running = pipeline.config();
            out.printf(Locale.ROOT, "stack up in %.1f s: Kafka %s, S3 %s, PostgreSQL %s%n", seconds(started, stackReady),
                    running.kafka().bootstrapServers(), Redaction.url(running.objectStore().endpoint()),
                    Redaction.url(running.postgres().jdbcUrl()));
            RunWatcher.Progress progress = RunFollower.publishAndFollow(running, plan,
                    Duration.ofSeconds(timeoutSeconds), out);
            long runDone = System.nanoTime();
            if (!RunFollower.reportIfNotCompleted(progress, plan, timeoutSeconds, spec.commandLine().getErr())) {
                return Cli.EXIT_FAILED;
            }
            new DemoReport(running, plan).print(out, progress);
            out.printf(Locale.ROOT, "wall time %.1f s (stack start %.1f s, run %.1f s)%n", seconds(started, runDone),
                    seconds(started, stackReady), seconds(stackReady, runDone));
            // as run --wait: a script learns from the exit code whether every scenario passed
            return RunCompleted.STATUS_PASSED.equals(progress.completed().orElseThrow().status()) ? Cli.EXIT_OK
                    : Cli.EXIT_FAILED;
        }
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
