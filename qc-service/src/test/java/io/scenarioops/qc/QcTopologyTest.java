package io.scenarioops.qc;

import static io.scenarioops.qc.PublishedScenarios.BASELINE;
import static io.scenarioops.qc.PublishedScenarios.CHECKED_AT;
import static io.scenarioops.qc.PublishedScenarios.COSTS_UP_10;
import static io.scenarioops.qc.PublishedScenarios.DEMAND_UP_10;
import static io.scenarioops.qc.PublishedScenarios.PUBLISHED_AT;
import static io.scenarioops.qc.PublishedScenarios.RUN_CREATED_AT;
import static io.scenarioops.qc.PublishedScenarios.SOLVED_AT;
import static io.scenarioops.qc.PublishedScenarios.publish;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.events.EventCodec;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.EventSerde;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.model.Knobs;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.qc.PublishedScenarios.Published;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The QC topology under {@link TopologyTestDriver}: real published scenarios in, run completions
 * and dead letters out, the objects in a map and the side effects in a recording double.
 */
class QcTopologyTest {
    private static final TopicCatalog TOPICS = new TopicCatalog("");
    private static final String RUN_A = "run-a";
    private static final String RUN_B = "run-b";
    private static final String DT = PublishedScenarios.DT;

    /** The bucket: every published scenario's objects, added as a test publishes them. */
    private final Map<String, byte[]> bucket = Collections.synchronizedMap(new LinkedHashMap<>());
    private final RecordingRecorder recorder = new RecordingRecorder();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> published;
    private TestOutputTopic<String, RunCompleted> completed;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "qc-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        // as QcService sets it (Kafka 5.0's default); without it Streams warns on every driver
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "kafka-streams-state", UUID.randomUUID().toString()).toAbsolutePath().toString());
        driver = new TopologyTestDriver(QcTopology.build(TOPICS, key -> Optional.ofNullable(bucket.get(key)), recorder,
                Clock.fixed(CHECKED_AT, ZoneOffset.UTC)), props);
        published = driver.createInputTopic(TOPICS.scenarioPublished().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        completed = driver.createOutputTopic(TOPICS.runCompleted().name(), new StringDeserializer(),
                new EventSerde<>(EventCodec.RUN_COMPLETED).deserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetter(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    // ------------------------------------------------------------------ helpers

    private Published store(Published scenario) {
        bucket.putAll(scenario.objects());
        return scenario;
    }

    private List<Published> storeSeedRun(String runId) {
        return PublishedScenarios.seedRun(runId).stream().map(this::store).toList();
    }

    private void pipe(ScenarioPublished event) {
        published.pipeInput(utf8(event.runId() + "/" + event.scenarioId()),
                EventCodec.SCENARIO_PUBLISHED.encode(event));
    }

    private void pipe(Published scenario) {
        pipe(scenario.event());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> verdicts(RunCompleted run) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        run.scenarios().forEach(v -> verdicts.put(v.scenarioId(), v.verdict()));
        return verdicts;
    }

    private RunProgress runProgress(String runId) {
        KeyValueStore<String, RunProgress> store = driver.getKeyValueStore(QcTopology.RUN_PROGRESS_STORE);
        return store.get(runId);
    }

    /** Scenario ids with a stored result for the run, in key order. */
    private List<String> storedScenarios(String runId) {
        KeyValueStore<String, ScenarioQcResult> store = driver.getKeyValueStore(QcTopology.SCENARIO_RESULTS_STORE);
        List<String> ids = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.key.startsWith(runId + "/")) {
                    ids.add(entry.value.scenarioId());
                }
            });
        }
        return ids;
    }

    // ------------------------------------------------------------------ aggregation and completion

    @Test
    void aRunCompletesOnceAfterItsLastScenarioWithEveryVerdictAndItsMetadata() {
        List<Published> run = storeSeedRun(RUN_A);

        pipe(run.get(0));
        assertTrue(completed.isEmpty(), "1 of 3 checked");
        pipe(run.get(1));
        assertTrue(completed.isEmpty(), "2 of 3 checked");
        pipe(run.get(2));

        TestRecord<String, RunCompleted> record = completed.readRecord();
        assertTrue(completed.isEmpty(), "exactly one run-completed");
        assertEquals(RUN_A, record.key());
        RunCompleted done = record.value();
        assertEquals(RunCompleted.STATUS_PASSED, done.status());
        assertEquals(RUN_A, done.runId());
        assertEquals(DT, done.dt());
        assertEquals(3, done.scenarioCount());
        assertEquals(Timestamps.utc(CHECKED_AT), done.occurredAtUtc());
        assertEquals("runs/dt=" + DT + "/run_id=run-a/run_metadata.json", done.runMetadataKey());
        assertEquals(List.of(
                new RunCompleted.ScenarioVerdict("baseline", "passed", List.of()),
                new RunCompleted.ScenarioVerdict("costs_up_10", "passed", List.of()),
                new RunCompleted.ScenarioVerdict("demand_up_10", "passed", List.of())), done.scenarios());
        // the id is derived from the run's published events and their outcomes, so a re-run of QC repeats it
        String outcomes = String.join(",", run.get(0).event().eventId() + ":passed",
                run.get(2).event().eventId() + ":passed", run.get(1).event().eventId() + ":passed");
        assertEquals(EventIds.derived(QcTopology.STAGE, RUN_A + ":" + outcomes), done.eventId());
        assertTrue(deadLetters.isEmpty());

        assertEquals(3, recorder.checked.size());
        assertEquals(List.of("baseline", "demand_up_10", "costs_up_10"),
                recorder.checked.stream().map(ScenarioQcResult::scenarioId).toList());
        assertTrue(recorder.checked.stream().allMatch(r -> r.verdict().equals("passed") && r.checks().size() == 4));
        assertEquals(1, recorder.completedRuns.size());
        RunMetadata metadata = recorder.completedRuns.get(0);
        assertEquals(RUN_A, metadata.runId());
        assertEquals(DT, metadata.dt());
        assertEquals(Timestamps.utc(RUN_CREATED_AT), metadata.createdAtUtc());
        assertEquals(List.of("baseline", "costs_up_10", "demand_up_10"), metadata.scenarios());
        assertEquals(3, metadata.scenarioCount());
        assertEquals("passed", metadata.status());
        assertEquals(Timestamps.utc(CHECKED_AT), metadata.completedAtUtc());

        RunMetadata.ScenarioEntry demandUp = metadata.scenarioResults().get("demand_up_10");
        assertEquals(new Knobs(1.1, 1.0, 1.0), demandUp.knobs());
        assertEquals("Demand +10%", demandUp.notes());
        assertEquals(GoldenKpis.kpiTotal(DEMAND_UP_10.scenarioId()), demandUp.kpiTotal());
        assertEquals(GoldenKpis.kpiCostBreakdown(DEMAND_UP_10.scenarioId()), demandUp.kpiCostBreakdown());
        assertEquals("passed", demandUp.qc().verdict());
        assertEquals(List.of(), demandUp.qc().failedChecks());
        assertEquals(List.of(QualityGate.ARTIFACTS_MATCH_MANIFEST, QualityGate.JSON_SCHEMA_VALID,
                QualityGate.KPI_RECONCILIATION, QualityGate.NON_NEGATIVE_AND_COMPLETE),
                demandUp.qc().checks().stream().map(CheckResult::name).toList());
        assertEquals("runs/dt=" + DT + "/run_id=run-a/scenario_id=demand_up_10/", demandUp.artifactPrefix());
        assertEquals(new RunMetadata.Stages(Timestamps.utc(RUN_CREATED_AT), Timestamps.utc(SOLVED_AT),
                Timestamps.utc(PUBLISHED_AT), Timestamps.utc(CHECKED_AT)), demandUp.stages());
        assertEquals(new Knobs(1.0, 1.1, 1.1), metadata.scenarioResults().get("costs_up_10").knobs());
        assertEquals(GoldenKpis.kpiTotal(BASELINE.scenarioId()), metadata.scenarioResults().get("baseline").kpiTotal());

        RunProgress progress = runProgress(RUN_A);
        assertTrue(progress.completed());
        assertEquals(3, progress.scenarioCount());
        assertEquals(3, progress.checked());
        assertEquals(List.of("baseline", "costs_up_10", "demand_up_10"), storedScenarios(RUN_A));
        assertNull(runProgress(RUN_B));
        assertEquals(List.of(), storedScenarios(RUN_B));
    }

    @Test
    void interleavedRunsArrivingInReverseOrderEachCompleteOnceAfterTheirOwnLastScenario() {
        List<Published> a = storeSeedRun(RUN_A);
        List<Published> b = storeSeedRun(RUN_B);
        List<Published> arrival = List.of(b.get(2), a.get(2), b.get(1), a.get(1), b.get(0), a.get(0));
        List<String> completions = new ArrayList<>();

        for (int i = 0; i < arrival.size(); i++) {
            pipe(arrival.get(i));
            int index = i;
            completed.readRecordsToList().forEach(r -> completions.add(index + ":" + r.key() + ":" + r.value().status()));
        }

        assertEquals(List.of("4:run-b:passed", "5:run-a:passed"), completions);
        assertEquals(6, recorder.checked.size());
        assertEquals(List.of(RUN_B, RUN_A), recorder.completedRuns.stream().map(RunMetadata::runId).toList());
        assertTrue(runProgress(RUN_A).completed());
        assertTrue(runProgress(RUN_B).completed());
    }

    @Test
    void aRunOfOneScenarioCompletesAtOnce() {
        Published single = store(publish("run-single", "only", PublishedScenarios.SEED, Knobs.NEUTRAL, "single", 1));

        pipe(single);

        RunCompleted done = completed.readValue();
        assertEquals("run-single", done.runId());
        assertEquals(1, done.scenarioCount());
        assertEquals(RunCompleted.STATUS_PASSED, done.status());
        assertTrue(completed.isEmpty());
    }

    // ------------------------------------------------------------------ duplicates

    @Test
    void aRedeliveredEventNeitherCompletesTheRunEarlyNorTwice() {
        List<Published> run = storeSeedRun(RUN_A);

        pipe(run.get(0));
        pipe(run.get(0));
        pipe(run.get(1));
        assertTrue(completed.isEmpty(), "a duplicate is not a second scenario");
        pipe(run.get(2));
        assertEquals(RUN_A, completed.readKeyValue().key);
        pipe(run.get(0));
        pipe(run.get(2));

        // a replay re-sends the same event ids; the publisher stamps a new publish time
        pipe(PublishedScenarios.republishedAt(run.get(1).event(), PUBLISHED_AT.plusSeconds(3600)));

        assertTrue(completed.isEmpty(), "one run-completed per run");
        assertEquals(1, recorder.completedRuns.size(), "the recorder sees no second completion");
        // every delivery is checked and recorded (the recorder upserts); only the first counts for the run
        assertEquals(7, recorder.checked.size());
        RunProgress progress = runProgress(RUN_A);
        assertTrue(progress.completed());
        assertEquals(3, progress.checked());
        assertEquals(3, storedScenarios(RUN_A).size());
    }

    /** The same event checked again with another outcome (a replay restored the artifact) is news: the run is updated. */
    @Test
    void aRecheckWithAnotherOutcomeCompletesTheRunAgain() {
        List<Published> run = storeSeedRun(RUN_A);
        Published baseline = run.get(0);
        byte[] original = baseline.bytes(ObjectLayout.KPI_TOTAL);
        bucket.put(baseline.key(ObjectLayout.KPI_TOTAL), utf8(text(original).replace("DE_KA", "PL_PO")));
        run.forEach(this::pipe);
        assertEquals(RunCompleted.STATUS_PARTIAL, completed.readValue().status());

        bucket.put(baseline.key(ObjectLayout.KPI_TOTAL), original);
        pipe(baseline);

        RunCompleted again = completed.readValue();
        assertTrue(completed.isEmpty());
        assertEquals(RunCompleted.STATUS_PASSED, again.status());
        assertEquals(List.of("partial", "passed"), recorder.completedRuns.stream().map(RunMetadata::status).toList());
        pipe(baseline);
        assertTrue(completed.isEmpty(), "a re-delivery with the same outcome changes nothing");
    }

    // ------------------------------------------------------------------ failed scenarios

    @Test
    void aTamperedScenarioMakesTheRunPartialAndIsNamedWithItsFailedChecks() {
        List<Published> run = storeSeedRun(RUN_A);
        Published demandUp = run.get(1);
        byte[] forged = utf8(text(demandUp.bytes(ObjectLayout.KPI_TOTAL))
                .replace(String.valueOf(GoldenKpis.kpiTotal(DEMAND_UP_10.scenarioId()).totalCost()), "300000.0"));
        bucket.put(demandUp.key(ObjectLayout.KPI_TOTAL), forged);

        run.forEach(this::pipe);

        RunCompleted done = completed.readValue();
        assertTrue(completed.isEmpty());
        assertEquals(RunCompleted.STATUS_PARTIAL, done.status());
        assertEquals(List.of(
                new RunCompleted.ScenarioVerdict("baseline", "passed", List.of()),
                new RunCompleted.ScenarioVerdict("costs_up_10", "passed", List.of()),
                new RunCompleted.ScenarioVerdict("demand_up_10", "failed",
                        List.of(QualityGate.ARTIFACTS_MATCH_MANIFEST, QualityGate.KPI_RECONCILIATION))),
                done.scenarios());

        RunMetadata metadata = recorder.completedRuns.get(0);
        assertEquals("partial", metadata.status());
        RunMetadata.Qc qc = metadata.scenarioResults().get("demand_up_10").qc();
        assertEquals("failed", qc.verdict());
        CheckResult integrity = qc.checks().get(0);
        assertEquals(QualityGate.ARTIFACTS_MATCH_MANIFEST, integrity.name());
        assertTrue(integrity.detail().startsWith("outputs/kpi_total.json has " + forged.length + " bytes"),
                integrity.detail());
        // what the bucket holds is what QC reports, so the forged KPI is recorded, next to the verdict that rejects it
        assertEquals(300000.0, metadata.scenarioResults().get("demand_up_10").kpiTotal().totalCost());
    }

    @Test
    void aRunWhoseScenariosAllFailIsFailedAndNamesEachReason() {
        Published baseline = store(publish(RUN_A, BASELINE, 3));
        Published demandUp = store(publish(RUN_A, DEMAND_UP_10, 3).withoutManifest());
        bucket.remove(demandUp.event().manifestKey());
        ScenarioPublished costsUp = PublishedScenarios.failedUpstream(RUN_A, COSTS_UP_10.scenarioId(), 3,
                "solver crashed");
        bucket.put(baseline.key(ObjectLayout.FACT_PRODUCTION), utf8("[]"));

        pipe(baseline);
        pipe(demandUp);
        pipe(costsUp);

        RunCompleted done = completed.readValue();
        assertEquals(RunCompleted.STATUS_FAILED, done.status());
        assertEquals(List.of(
                new RunCompleted.ScenarioVerdict("baseline", "failed", List.of(QualityGate.ARTIFACTS_MATCH_MANIFEST,
                        QualityGate.KPI_RECONCILIATION, QualityGate.NON_NEGATIVE_AND_COMPLETE)),
                new RunCompleted.ScenarioVerdict("costs_up_10", "failed", List.of(QualityGate.UPSTREAM_STAGE)),
                new RunCompleted.ScenarioVerdict("demand_up_10", "failed",
                        List.of(QualityGate.ARTIFACTS_MATCH_MANIFEST))),
                done.scenarios());

        RunMetadata.ScenarioEntry failedUpstream = recorder.completedRuns.get(0).scenarioResults().get("costs_up_10");
        assertEquals(List.of(CheckResult.fail(QualityGate.UPSTREAM_STAGE, "failed in solver: solver crashed")),
                failedUpstream.qc().checks());
        assertNull(failedUpstream.kpiTotal());
        assertNull(failedUpstream.kpiCostBreakdown());
        assertEquals(Timestamps.utc(SOLVED_AT), failedUpstream.stages().solvedAtUtc());
    }

    // ------------------------------------------------------------------ dead letters

    @Test
    void unreadableEventsAreDeadLetteredWithTheirReasonAndTheRunStillCompletes() {
        List<Published> run = storeSeedRun(RUN_A);
        byte[] notJson = utf8("not json");
        byte[] futureVersion = utf8(text(EventCodec.SCENARIO_PUBLISHED.encode(run.get(1).event()))
                .replace("\"schema_version\":1,", "\"schema_version\":2,"));
        RecordHeaders traced = new RecordHeaders();
        traced.add("trace-id", utf8("abc-123"));

        pipe(run.get(0));                                                             // offset 0
        published.pipeInput(new TestRecord<>(utf8("run-a/garbage"), notJson, traced)); // offset 1
        pipe(run.get(1));                                                             // offset 2
        published.pipeInput(utf8("run-a/demand_up_10"), futureVersion);             // offset 3
        pipe(run.get(2));                                                             // offset 4

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(2, dead.size());

        TestRecord<String, byte[]> first = dead.get(0);
        assertEquals("run-a/garbage", first.key());
        assertArrayEquals(notJson, first.value());
        assertEquals("abc-123", DeadLetters.header(first.headers(), "trace-id"), "original headers are kept");
        assertEquals("qc", DeadLetters.header(first.headers(), DeadLetters.STAGE));
        String reason = DeadLetters.header(first.headers(), DeadLetters.REASON);
        assertTrue(reason.startsWith("invalid scenario-published event: not valid JSON"), reason);
        assertEquals("scenario-published", DeadLetters.header(first.headers(), DeadLetters.SOURCE_TOPIC));
        assertEquals("0", DeadLetters.header(first.headers(), DeadLetters.SOURCE_PARTITION));
        assertEquals("1", DeadLetters.header(first.headers(), DeadLetters.SOURCE_OFFSET));
        assertEquals("io.scenarioops.events.InvalidEventException",
                DeadLetters.header(first.headers(), DeadLetters.ERROR_CLASS));

        TestRecord<String, byte[]> second = dead.get(1);
        assertEquals("run-a/demand_up_10", second.key());
        assertArrayEquals(futureVersion, second.value());
        assertEquals("invalid scenario-published event: schema_version 2 is not supported (this build reads version 1)",
                DeadLetters.header(second.headers(), DeadLetters.REASON));
        assertEquals("3", DeadLetters.header(second.headers(), DeadLetters.SOURCE_OFFSET));

        RunCompleted done = completed.readValue();
        assertTrue(completed.isEmpty());
        assertEquals(RunCompleted.STATUS_PASSED, done.status());
        assertEquals(3, done.scenarios().size());
        assertEquals(3, recorder.checked.size(), "dead letters are not recorded as checked scenarios");
        assertTrue(runProgress(RUN_A).completed());
    }

    @Test
    void anEventUnderAnotherScenariosKeyIsDeadLetteredBeforeAnythingIsRecorded() {
        List<Published> run = storeSeedRun(RUN_A);
        byte[] baseline = EventCodec.SCENARIO_PUBLISHED.encode(run.get(0).event());

        published.pipeInput(utf8("run-a/demand_up_10"), baseline);
        published.pipeInput(utf8("run-b/baseline"), baseline);

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(List.of("run-a/demand_up_10", "run-b/baseline"), dead.stream().map(TestRecord::key).toList());
        assertEquals("invalid scenario-published event: key: the record key \"run-b/baseline\", expected"
                + " <run_id>/<scenario_id> of the event, \"run-a/baseline\"",
                DeadLetters.header(dead.get(1).headers(), DeadLetters.REASON));
        assertArrayEquals(baseline, dead.get(1).value());
        assertTrue(recorder.checked.isEmpty(), "nothing is checked or recorded under a forged key");
        assertTrue(completed.isEmpty());
    }

    // ------------------------------------------------------------------ the recording double

    /** Records QC's side effects; a completed run's metadata "lands" at the layout's key. */
    static final class RecordingRecorder implements QcRecorder {
        final List<ScenarioQcResult> checked = Collections.synchronizedList(new ArrayList<>());
        final List<RunMetadata> completedRuns = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void scenarioChecked(ScenarioQcResult result) {
            checked.add(result);
        }

        @Override
        public String runCompleted(RunMetadata metadata) {
            completedRuns.add(metadata);
            return ObjectLayout.runMetadataKey(metadata.dt(), metadata.runId());
        }
    }
}
