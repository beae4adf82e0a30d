package io.scenarioops.kafka.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StageMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void stagesSharingARegistryKeepTheirCountsApartByTheServiceTag() {
        StageMetrics solver = new StageMetrics(registry, "solver");
        StageMetrics publisher = new StageMetrics(registry, "publisher");

        solver.processed(3);
        publisher.processed(2);
        solver.deadLettered(DeadLetterReason.INVALID_INPUT, 1);
        solver.failedStandIns(1);

        assertEquals(3, count(StageMetrics.PROCESSED, "solver"));
        assertEquals(2, count(StageMetrics.PROCESSED, "publisher"));
        assertEquals(1, registry.get(StageMetrics.DEAD_LETTERED).tag("service", "solver")
                .tag("reason", "invalid-input").counter().count());
        assertEquals(0, registry.get(StageMetrics.DEAD_LETTERED).tag("service", "publisher")
                .tag("reason", "invalid-input").counter().count());
        assertEquals(1, count(StageMetrics.FAILED_STAND_INS, "solver"));
    }

    @Test
    void anOutageBeginsWithTheFirstRetryAndEndsWithTheNextProcessedRecord() {
        StageMetrics stage = new StageMetrics(registry, "publisher");
        assertTrue(stage.ongoingOutage().isEmpty());

        stage.retried();
        stage.retried();
        stage.retried();

        assertTrue(stage.ongoingOutage().isPresent());
        assertEquals(3, count(StageMetrics.RETRIES, "publisher"));
        assertEquals(1, count(StageMetrics.OUTAGES, "publisher"), "three retries of one outage");

        stage.processed(1);
        assertTrue(stage.ongoingOutage().isEmpty());
        assertEquals(0, registry.get(StageMetrics.OUTAGE_DURATION).gauge().value());

        stage.retried();
        assertEquals(2, count(StageMetrics.OUTAGES, "publisher"), "a retry after progress is a new outage");
    }

    /** Two solvers in one JVM: the gauge follows the second one's outage too, and counts add up. */
    @Test
    void instancesOfOneStageShareTheirCountersAndTheOutageGaugeShowsTheLongest() {
        StageMetrics first = new StageMetrics(registry, "solver");
        StageMetrics second = new StageMetrics(registry, "solver");
        first.processed(2);
        second.processed(3);
        assertEquals(5, count(StageMetrics.PROCESSED, "solver"));

        second.retried();

        assertTrue(first.ongoingOutage().isEmpty());
        assertTrue(registry.get(StageMetrics.OUTAGE_DURATION).tag(StageMetrics.SERVICE_TAG, "solver").gauge().value() > 0,
                "the second solver's outage");
        assertEquals(1, registry.find(StageMetrics.OUTAGE_DURATION).gauges().size());
        second.processed(1);
        assertEquals(0, registry.get(StageMetrics.OUTAGE_DURATION).gauge().value());

        first.retried();
        first.stopped();
        assertEquals(0, registry.get(StageMetrics.OUTAGE_DURATION).gauge().value(), "a stopped stage has no outage");
    }

    /** The registry of stopped stages (one per stage in tests) can be collected. */
    @Test
    void aDroppedRegistryIsNotKeptAlive() {
        WeakReference<SimpleMeterRegistry> dropped = dropRegistryWithAStage();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return dropped.get() == null;
        });
    }

    private static WeakReference<SimpleMeterRegistry> dropRegistryWithAStage() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        new StageMetrics(own, "solver").retried();
        return new WeakReference<>(own);
    }

    private double count(String name, String service) {
        return registry.get(name).tag(StageMetrics.SERVICE_TAG, service).counter().count();
    }
}
