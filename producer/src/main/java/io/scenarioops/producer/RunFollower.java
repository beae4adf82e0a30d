package io.scenarioops.producer;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.runstore.RunDatabase;
import io.scenarioops.runstore.RunQueries;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Publishes a run and follows it to completion, printing progress (solved / published / checked
 * of N) at most once a second. The checked count comes from QC's rows in PostgreSQL when that is
 * configured.
 */
public final class RunFollower {
    private RunFollower() {
    }

    public static RunWatcher.Progress publishAndFollow(ScenarioOpsConfig config, RunPlan plan, Duration timeout,
            PrintWriter out) {
        RunDatabase runs = config.pgUrl().isPresent() ? RunDatabase.openExisting(config.postgres()) : null;
        try {
            ToIntFunction<String> checked = runs == null ? runId -> -1
                    : new RunQueries(runs)::countScenarios;
            try (RunWatcher watcher = new RunWatcher(config.kafka(), checked)) {
                new RunPublisher(config.kafka()).publish(plan, config::objectStore);
                announce(plan, config, out);
                out.flush();
                return watcher.await(plan.runId(), RunWatcher.Progress::isCompleted, timeout, new Printer(out));
            }
        } finally {
            if (runs != null) {
                runs.close();
            }
        }
    }

    /** The two lines a published run is announced with: its id, and what was published where. */
    public static void announce(RunPlan plan, ScenarioOpsConfig config, PrintWriter out) {
        out.println("run_id=" + plan.runId());
        out.println("published " + plan.describe() + " to " + config.kafka().bootstrapServers());
    }

    /** Says on {@code err} how far a run got if it did not complete; returns whether it completed. */
    public static boolean reportIfNotCompleted(RunWatcher.Progress progress, RunPlan plan, long timeoutSeconds,
            PrintWriter err) {
        if (!progress.isCompleted()) {
            err.println("error: run " + plan.runId() + " not completed after " + timeoutSeconds + " s: "
                    + progress.summary());
        }
        return progress.isCompleted();
    }

    /** At most one line a second, and always the completing one. */
    private static final class Printer implements Consumer<RunWatcher.Progress> {
        private final PrintWriter out;
        private long lastPrinted;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void accept(RunWatcher.Progress progress) {
            long now = System.nanoTime();
            if (progress.isCompleted() || now - lastPrinted > 1_000_000_000L) {
                out.println("  " + progress.summary());
                out.flush();
                lastPrinted = now;
            }
        }
    }
}
