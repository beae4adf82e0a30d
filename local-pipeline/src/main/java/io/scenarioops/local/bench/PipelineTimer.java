package io.scenarioops.local.bench;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.producer.RunWatcher;
import java.time.Duration;
import java.time.Instant;

/** Times runs through the running pipeline, as a planner sees them: from publishing to {@code run-completed}. */
final class PipelineTimer {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

    private final KafkaSettings kafka;

    PipelineTimer(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    /**
     * @param publishing seconds to publish the request (a new producer, one transaction)
     * @param processing seconds from the request's commit to the run's completion
     * @param committed when the request was committed, by the wall clock the stages stamp their events with
     * @param seen when the watcher read {@code run-completed}, by that clock
     */
    record Timing(double publishing, double processing, Instant committed, Instant seen) {
        double total() {
            return publishing + processing;
        }
    }

    /** Publishes the run and times it to its completion; fails unless every scenario passed. */
    Timing run(RunPlan plan) {
        try (RunWatcher watcher = new RunWatcher(kafka)) {
            // Wall-clock instants throughout: the commit's is the one the publisher took, and the
            // hops compare them with the stages' own stamps.
            Instant start = Instant.now();
            Instant committedAt = new RunPublisher(kafka).publish(plan.runId(), plan.events());
            RunWatcher.Progress progress = watcher.await(plan.runId(), RunWatcher.Progress::isCompleted, RUN_TIMEOUT,
                    ignored -> { });
            Instant seenAt = Instant.now();
            RunCompleted completed = progress.completed().orElseThrow(() -> new IllegalStateException("run "
                    + plan.runId() + " of " + plan.scenarios().size() + " scenarios not completed within " + RUN_TIMEOUT
                    + ": " + progress.summary()));
            if (completed.failedCount() > 0) {
                throw new IllegalStateException("run " + plan.runId() + " completed with " + completed.failedCount()
                        + " failed scenarios: a bench of a failing pipeline measures nothing");
            }
            return new Timing(seconds(start, committedAt), seconds(committedAt, seenAt), committedAt, seenAt);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
