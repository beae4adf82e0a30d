package io.scenarioops.producer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scenarioops.events.EventCodec;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Which of a run's records on the request topic a replay publishes, decided without a broker. */
class RunReplayerTest {
    private static final String RUN_ID = "run-replayed";
    private static final Instant FIRST = Instant.parse("2026-12-03T09:00:00Z");
    private static final RunPlan PLAN = RunPlan.create(RUN_ID, ScenarioDefinition.SEED_DEFAULTS, 7, FIRST);

    private final List<ConsumerRecord<byte[], byte[]>> topic = new ArrayList<>();

    private void append(String key, byte[] value) {
        topic.add(new ConsumerRecord<>("scenario-requested", 0, topic.size(), key.getBytes(UTF_8), value));
    }

    private void append(ScenarioRequested event) {
        append(event.key(), EventCodec.SCENARIO_REQUESTED.encode(event));
    }

    private List<ScenarioRequested> accepted() {
        return RunReplayer.accepted(RUN_ID, topic, EventCodec.SCENARIO_REQUESTED);
    }

    /** The scenario requested again under a new event id, with other knobs. */
    private static ScenarioRequested requestedAgain(ScenarioRequested original) {
        ScenarioHeader h = original.header();
        ScenarioHeader header = new ScenarioHeader(h.schemaVersion(), "6f1c0c1e-2f7a-4d55-9a43-0b1d3f1b2c11",
                h.runId(), h.dt(), h.occurredAtUtc(), h.scenarioCount(), h.runCreatedAtUtc(), h.scenarioId());
        return new ScenarioRequested(header, original.seed(), new Knobs(3.0, 1.0, 1.0), original.notes());
    }

    /** The scenario under another id, its request's other facts changed by {@code dt} and {@code scenarioCount}. */
    private static ScenarioRequested intruder(ScenarioRequested original, String scenarioId, String dt,
            int scenarioCount) {
        ScenarioHeader h = original.header();
        ScenarioHeader header = new ScenarioHeader(h.schemaVersion(), "0d6f3c52-8f0e-4a51-b1c8-5d9a3c2e7f10",
                h.runId(), dt, h.occurredAtUtc(), scenarioCount, h.runCreatedAtUtc(), scenarioId);
        return new ScenarioRequested(header, original.seed(), original.knobs(), original.notes());
    }

    @Test
    void theRunsOwnRequestsAreReplayedAndWhatThePipelineRefusedIsNot() {
        ScenarioRequested baseline = PLAN.events().get(0);
        ScenarioRequested demandUp = PLAN.events().get(1);
        append(RunPlan.create("another-run", ScenarioDefinition.SEED_DEFAULTS, 7, FIRST).events().get(0));
        PLAN.events().forEach(this::append);
        append(requestedAgain(baseline));
        append(intruder(baseline, "intruder", baseline.dt(), 3));
        append(intruder(baseline, "intruder_dt", "2020-01-01", 3));
        append(intruder(baseline, "intruder_count", baseline.dt(), 4));
        append(baseline.key(), EventCodec.SCENARIO_REQUESTED.encode(demandUp));
        append(baseline.key(), "{not json".getBytes(UTF_8));
        // the same plan published again (say, by an earlier replay): the same events
        PLAN.events().forEach(this::append);

        assertEquals(PLAN.events(), accepted());
    }

    @Test
    void aLaterRequestOfTheRunSupersedesTheEarlierWhateverComesAfter() {
        RunPlan later = RunPlan.create(RUN_ID, ScenarioDefinition.SEED_DEFAULTS.subList(0, 2), 7,
                FIRST.plusSeconds(3600));
        PLAN.events().forEach(this::append);
        later.events().forEach(this::append);
        append(PLAN.events().get(2));

        assertEquals(later.events(), accepted());
    }
}
