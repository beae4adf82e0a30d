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

import io.scenarioops.core.TransientException;
import io.scenarioops.events.EventCodec;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.EventSerde;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.kafka.metrics.DeadLetterReason;
import io.scenarioops.kafka.metrics.StageMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ToySolver;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.report.RunReportData;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.qc.PublishedScenarios.Published;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
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
    private static final Instant DRIVER_START = Instant.parse("2024-05-17T10:00:00Z");

    /** The bucket: every published scenario's objects, added as a test publishes them. */
    private final Map<String, byte[]> bucket = Collections.synchronizedMap(new LinkedHashMap<>());
    private final RecordingRecorder recorder = new RecordingRecorder(bucket);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StageMetrics metrics = new StageMetrics(meters, QcTopology.STAGE);
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> requested;
    private TestInputTopic<byte[], byte[]> published;
    private TestOutputTopic<String, RunCompleted> completed;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        startDriver(StateRetention.DEFAULT);
    }

    private void startDriver(Duration stateRetention) {
        startDriver(key -> Optional.ofNullable(bucket.get(key)), Clock.fixed(CHECKED_AT, ZoneOffset.UTC),
                stateRetention);
    }

    private void startDriver(ArtifactSource artifacts, Clock clock, Duration stateRetention) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "qc-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        // as QcService sets it (Kafka 5.0's default); without it Streams warns on every driver
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        QcService.errorHandling(props, TOPICS, metrics);
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "kafka-streams-state", UUID.randomUUID().toString()).toAbsolutePath().toString());
        driver = new TopologyTestDriver(QcTopology.checksAndAggregation(TOPICS, artifacts, recorder, clock, stateRetention, metrics), props,
                DRIVER_START);
        requested = driver.createInputTopic(TOPICS.scenarioRequested().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
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

    /** The scenario's objects in the bucket and its request on its topic, as before a real publication. */
    private Published store(Published scenario) {
        bucket.putAll(scenario.objects());
        pipeRequest(scenario.event());
        return scenario;
    }

    /** The producer's request of the scenario this event publishes. */
    private void pipeRequest(ScenarioPublished event) {
        ScenarioRequested request = PublishedScenarios.request(event.runId(), event.scenarioId(), event.seed(),
                event.knobs(), "", event.scenarioCount());
        requested.pipeInput(utf8(request.key()), EventCodec.SCENARIO_REQUESTED.encode(request));
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

    /** Each scenario's verdict and failed checks, as the run's metadata records them. */
    private static Map<String, List<String>> failedChecks(RunMetadata metadata) {
        Map<String, List<String>> failed = new LinkedHashMap<>();
        metadata.scenarioResults().forEach((id, entry) -> failed.put(id, entry.qc().failedChecks()));
        return failed;
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

    // ------------------------------------------------------------------ the two applications

    /**
     * The checks and the aggregation meet only through the run-inputs topic, so that each runs as
     * its own Streams client and the aggregation never waits behind the checks' tasks.
     */
    @Test
    void theChecksFeedTheAggregationOnlyThroughTheRunInputsTopic() {
        Clock clock = Clock.fixed(CHECKED_AT, ZoneOffset.UTC);
        ArtifactSource artifacts = key -> Optional.ofNullable(bucket.get(key));
        TopologyDescription checks = QcTopology.checks(TOPICS, artifacts, clock, metrics).describe();
        TopologyDescription aggregation = QcTopology.aggregation(TOPICS, artifacts, recorder, clock,
                StateRetention.DEFAULT, metrics).describe();

        assertEquals(Set.of(TOPICS.scenarioRequested().name(), TOPICS.scenarioPublished().name()), sources(checks));
        assertEquals(Set.of(TOPICS.qcRunInputs(), TOPICS.deadLetter()), sinks(checks));
        assertEquals(Set.of(), stores(checks), "the checks keep no state");
        assertEquals(Set.of(TOPICS.qcRunInputs()), sources(aggregation));
        assertEquals(Set.of(TOPICS.runCompleted().name(), TOPICS.deadLetter()), sinks(aggregation));
        assertEquals(Set.of(QcTopology.RUN_PROGRESS_STORE, QcTopology.REQUESTED_SCENARIOS_STORE,
                QcTopology.SCENARIO_RESULTS_STORE, QcTopology.AWAITING_REQUEST_STORE), stores(aggregation));
    }

    private static Set<String> sources(TopologyDescription topology) {
        Set<String> topics = new TreeSet<>();
        nodes(topology).filter(TopologyDescription.Source.class::isInstance)
                .forEach(node -> topics.addAll(((TopologyDescription.Source) node).topicSet()));
        return topics;
    }

    private static Set<String> sinks(TopologyDescription topology) {
        Set<String> topics = new TreeSet<>();
        nodes(topology).filter(TopologyDescription.Sink.class::isInstance)
                .forEach(node -> topics.add(((TopologyDescription.Sink) node).topic()));
        return topics;
    }

    private static Set<String> stores(TopologyDescription topology) {
        Set<String> names = new TreeSet<>();
        nodes(topology).filter(TopologyDescription.Processor.class::isInstance)
                .forEach(node -> names.addAll(((TopologyDescription.Processor) node).stores()));
        return names;
    }

    private static Stream<TopologyDescription.Node> nodes(TopologyDescription topology) {
        return topology.subtopologies().stream().flatMap(subtopology -> subtopology.nodes().stream());
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
        assertEquals(RunCompleted.SCHEMA_VERSION, done.schemaVersion());
        assertEquals(3, done.passedCount());
        assertEquals(0, done.failedCount());
        assertEquals(List.of(), done.failedScenarioIds());
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

        RunReportData.Scenario demandUp = metadata.scenarioResults().get("demand_up_10");
        assertEquals(new Knobs(1.1, 1.0, 1.0), demandUp.knobs());
        assertEquals("Demand +10%", demandUp.notes());
        assertEquals(GoldenKpis.kpiTotal(DEMAND_UP_10.scenarioId()), demandUp.kpiTotal());
        assertEquals(GoldenKpis.kpiCostBreakdown(DEMAND_UP_10.scenarioId()), demandUp.kpiCostBreakdown());
        assertEquals("passed", demandUp.qc().verdict());
        assertEquals(List.of(), demandUp.qc().failedChecks());
        assertEquals(List.of(QualityGate.ARTIFACTS_MATCH_MANIFEST, QualityGate.JSON_SCHEMA_VALID,
                QualityGate.KPI_RECONCILIATION, QualityGate.NON_NEGATIVE_AND_COMPLETE),
                demandUp.qc().checks().stream().map(RunReportData.Check::name).toList());
        assertEquals("runs/dt=" + DT + "/run_id=run-a/scenario_id=demand_up_10/", demandUp.artifactPrefix());
        assertEquals(new RunReportData.Stages(Timestamps.utc(RUN_CREATED_AT), Timestamps.utc(SOLVED_AT),
                Timestamps.utc(PUBLISHED_AT), Timestamps.utc(CHECKED_AT)), demandUp.stages());
        ScenarioPublished demandUpEvent = run.get(1).event();
        assertEquals(new RunReportData.Lineage(demandUpEvent.lineage().requestEventId(),
                demandUpEvent.lineage().solvedEventId(), demandUpEvent.eventId(),
                "runs/dt=" + DT + "/run_id=run-a/scenario_id=demand_up_10/manifest.json"), demandUp.lineage());
        assertEquals(ToySolver.COMPONENT.version(), demandUp.solverVersion());
        assertEquals(BaselineGenerator.COMPONENT, demandUp.generator());
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
        assertEquals(2, done.passedCount());
        assertEquals(1, done.failedCount());
        assertEquals(List.of("demand_up_10"), done.failedScenarioIds());

        RunMetadata metadata = recorder.completedRuns.get(0);
        assertEquals(Map.of("baseline", List.of(), "costs_up_10", List.of(),
                "demand_up_10", List.of(QualityGate.ARTIFACTS_MATCH_MANIFEST, QualityGate.KPI_RECONCILIATION)),
                failedChecks(metadata));
        assertEquals("partial", metadata.status());
        RunReportData.Qc qc = metadata.scenarioResults().get("demand_up_10").qc();
        assertEquals("failed", qc.verdict());
        RunReportData.Check integrity = qc.checks().get(0);
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
        pipeRequest(costsUp);
        bucket.put(baseline.key(ObjectLayout.FACT_PRODUCTION), utf8("[]"));

        pipe(baseline);
        pipe(demandUp);
        pipe(costsUp);

        RunCompleted done = completed.readValue();
        assertEquals(RunCompleted.STATUS_FAILED, done.status());
        assertEquals(0, done.passedCount());
        assertEquals(3, done.failedCount());
        assertEquals(List.of("baseline", "costs_up_10", "demand_up_10"), done.failedScenarioIds());
        assertEquals(Map.of(
                "baseline", List.of(QualityGate.ARTIFACTS_MATCH_MANIFEST, QualityGate.KPI_RECONCILIATION,
                        QualityGate.NON_NEGATIVE_AND_COMPLETE),
                "costs_up_10", List.of(QualityGate.UPSTREAM_STAGE),
                "demand_up_10", List.of(QualityGate.ARTIFACTS_MATCH_MANIFEST)), failedChecks(recorder.completedRuns.get(0)));

        RunReportData.Scenario failedUpstream = recorder.completedRuns.get(0).scenarioResults().get("costs_up_10");
        assertEquals(List.of(new RunReportData.Check(QualityGate.UPSTREAM_STAGE, false, "failed in solver: solver crashed")),
                failedUpstream.qc().checks());
        assertNull(failedUpstream.kpiTotal());
        assertNull(failedUpstream.kpiCostBreakdown());
        assertEquals(Timestamps.utc(SOLVED_AT), failedUpstream.stages().solvedAtUtc());
    }

    // ------------------------------------------------------------------ dead letters

    /**
     * The run-inputs topic is an input of the aggregation like any other: bytes that are not a
     * run input, and a run input that is neither a request nor a checked scenario, are
     * dead-lettered as they were read, and the run still completes.
     */
    @Test
    void whatTheRunInputsTopicCannotCarryIsDeadLetteredAndTheRunStillCompletes() {
        TestInputTopic<byte[], byte[]> runInputs = driver.createInputTopic(TOPICS.qcRunInputs(),
                new ByteArraySerializer(), new ByteArraySerializer());
        List<Published> run = storeSeedRun(RUN_A);
        byte[] notJson = utf8("not json");
        byte[] empty = utf8("{}");

        pipe(run.get(0));
        runInputs.pipeInput(utf8(RUN_A), notJson);
        pipe(run.get(1));
        runInputs.pipeInput(utf8(RUN_A), empty);
        pipe(run.get(2));

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(2, dead.size());
        for (TestRecord<String, byte[]> letter : dead) {
            assertEquals(RUN_A, letter.key());
            assertEquals(TOPICS.qcRunInputs(), DeadLetters.header(letter.headers(), DeadLetters.SOURCE_TOPIC));
        }
        assertArrayEquals(notJson, dead.get(0).value());
        assertArrayEquals(empty, dead.get(1).value());
        assertEquals(2, deadLettered(DeadLetterReason.INVALID_INPUT));

        RunCompleted done = completed.readValue();
        assertTrue(completed.isEmpty());
        assertEquals(RunCompleted.STATUS_PASSED, done.status());
        assertEquals(3, done.checkedCount());
    }

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
        assertEquals(3, done.checkedCount());
        assertEquals(3, recorder.checked.size(), "dead letters are not recorded as checked scenarios");
        assertTrue(runProgress(RUN_A).completed());
        assertEquals(2, deadLettered(DeadLetterReason.INVALID_INPUT));
        assertEquals(3, meters.get(StageMetrics.PROCESSED).counter().count(), "scenarios recorded");
        assertEquals(3, meters.get(StageMetrics.RECORD_DURATION).timer().count(), "scenarios checked");
    }

    @Test
    void anEventBeyondTheRecordSizeLimitIsDeadLetteredTruncatedAndTheRunStillCompletes() {
        List<Published> run = storeSeedRun(RUN_A);
        String json = text(EventCodec.SCENARIO_PUBLISHED.encode(run.get(1).event()));
        byte[] huge = utf8(json.substring(0, json.length() - 1) + ",\"padding\":\"" + "a".repeat(2 << 20) + "\"}");

        pipe(run.get(0));
        published.pipeInput(utf8("run-a/demand_up_10"), huge);
        pipe(run.get(1));
        pipe(run.get(2));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertTrue(deadLetters.isEmpty());
        assertEquals("run-a/demand_up_10", dead.key());
        assertEquals(Integer.toString(huge.length), DeadLetters.header(dead.headers(), DeadLetters.ORIGINAL_VALUE_BYTES));
        assertTrue(dead.value().length < KafkaClientProperties.MAX_RECORD_BYTES, "value of " + dead.value().length
                + " bytes");
        assertArrayEquals(java.util.Arrays.copyOf(huge, dead.value().length), dead.value(), "the value's first bytes");
        assertTrue(DeadLetters.header(dead.headers(), DeadLetters.REASON).contains("more than the"));
        assertEquals(RunCompleted.STATUS_PASSED, completed.readValue().status());
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

    // ------------------------------------------------------------------ failures of one record

    @Test
    void aRecordWhoseRecordingFailsIsDeadLetteredAndTheNextRunCompletes() {
        List<Published> a = storeSeedRun(RUN_A);
        recorder.refusedScenario = RUN_A + "/demand_up_10";
        a.forEach(this::pipe);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertTrue(deadLetters.isEmpty());
        assertEquals("run-a/demand_up_10", dead.key());
        assertArrayEquals(EventCodec.SCENARIO_PUBLISHED.encode(a.get(1).event()), dead.value(), "the original bytes");
        assertEquals("qc", DeadLetters.header(dead.headers(), DeadLetters.STAGE));
        assertEquals("scenario-published", DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC));
        assertEquals("1", DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET));
        assertEquals("java.lang.IllegalArgumentException", DeadLetters.header(dead.headers(), DeadLetters.ERROR_CLASS));
        assertTrue(DeadLetters.header(dead.headers(), DeadLetters.REASON).contains("0x00"));
        assertTrue(completed.isEmpty(), "run-a lacks the refused scenario");
        assertEquals(1, deadLettered(DeadLetterReason.ERROR));
        assertEquals(0, deadLettered(DeadLetterReason.REFUSED) + deadLettered(DeadLetterReason.INVALID_INPUT));

        List<Published> b = storeSeedRun(RUN_B);
        b.forEach(this::pipe);
        RunCompleted done = completed.readValue();
        assertEquals(RUN_B, done.runId());
        assertEquals(RunCompleted.STATUS_PASSED, done.status());
        assertEquals(2, storedScenarios(RUN_A).size(), "the refused scenario left no state");
    }

    @Test
    void anExceptionEscapingAProcessorIsDeadLetteredByTheHandlerAndQcGoesOn() {
        Map<String, byte[]> throwingBucket = new LinkedHashMap<>();
        Published run = publish("run-single", "only", PublishedScenarios.SEED, Knobs.NEUTRAL, "single", 1);
        throwingBucket.putAll(run.objects());
        driver.close();
        // the clock fails once, as a run store's DateTimeParseException would: outside any check
        Clock failingOnce = new Clock() {
            private boolean failed;

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (!failed) {
                    failed = true;
                    throw new java.time.format.DateTimeParseException("Text '2024-13-45' could not be parsed",
                            "2024-13-45", 5);
                }
                return CHECKED_AT;
            }
        };
        startDriver(key -> Optional.ofNullable(throwingBucket.get(key)), failingOnce, StateRetention.DEFAULT);

        pipeRequest(run.event());
        pipe(run);
        pipe(run);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertEquals("run-single/only", dead.key());
        assertEquals("java.time.format.DateTimeParseException",
                DeadLetters.header(dead.headers(), DeadLetters.ERROR_CLASS));
        assertEquals("0", DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET));
        assertEquals(RunCompleted.STATUS_PASSED, completed.readValue().status(), "the re-sent event is checked");
        assertEquals(1, deadLettered(DeadLetterReason.ERROR), "counted by the handler");
    }

    @Test
    void anOutageIsNotDeadLetteredButStopsTheRecordForARetry() {
        List<Published> run = storeSeedRun(RUN_A);
        recorder.unreachable = true;

        org.apache.kafka.streams.errors.StreamsException failure = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.kafka.streams.errors.StreamsException.class, () -> pipe(run.get(0)));

        assertTrue(io.scenarioops.kafka.Failures.isTransient(failure), failure.toString());
        assertTrue(deadLetters.isEmpty(), "an outage is waited out, not dead-lettered");
    }

    // ------------------------------------------------------------------ runs are isolated

    /** The victim's result: completed once, passed, by its own three scenarios. */
    private void assertVictimCompletedOnceByItsOwnScenarios(List<Published> victim) {
        List<RunCompleted> done = completed.readValuesToList();
        assertEquals(1, done.size(), "one completion: " + done);
        assertEquals(RUN_A, done.get(0).runId());
        assertEquals(RunCompleted.STATUS_PASSED, done.get(0).status());
        assertEquals(3, done.get(0).scenarioCount());
        assertEquals(3, done.get(0).passedCount());
        RunMetadata metadata = recorder.completedRuns.get(0);
        for (Published scenario : victim) {
            ScenarioQcResult stored = driver.<String, ScenarioQcResult>getKeyValueStore(QcTopology.SCENARIO_RESULTS_STORE)
                    .get(RUN_A + "/" + scenario.event().scenarioId());
            assertEquals(scenario.event().eventId(), stored.publishedEventId());
        }
        assertEquals(List.of("baseline", "costs_up_10", "demand_up_10"), metadata.scenarios());
        assertTrue(recorder.checked.stream().allMatch(r -> !r.runId().equals(RUN_A) || victim.stream()
                .anyMatch(p -> p.event().eventId().equals(r.publishedEventId()))), "only the victim's own rows");
    }

    private String reasonOf(TestRecord<String, byte[]> dead) {
        return DeadLetters.header(dead.headers(), DeadLetters.REASON);
    }

    @Test
    void forgedScenarioCountsAreDeadLetteredAndTheRunStillCompletes() {
        List<Published> victim = storeSeedRun(RUN_A);
        // a count the contract allows but the run's request contradicts, and one no run can have
        ScenarioPublished plausible = PublishedScenarios.withScenarioCount(victim.get(0).event(), 4);
        ScenarioPublished impossible = PublishedScenarios.withScenarioCount(victim.get(0).event(), Integer.MAX_VALUE);

        pipe(plausible);
        pipe(impossible);
        victim.forEach(this::pipe);

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(2, dead.size());
        assertEquals(Set.of("scenario_count 4, but run run-a was requested with 3 scenarios",
                "invalid scenario-published event: /scenario_count: must have a maximum value of 10000"),
                Set.of(reasonOf(dead.get(0)), reasonOf(dead.get(1))));
        for (ScenarioPublished forged : List.of(plausible, impossible)) {
            byte[] original = EventCodec.SCENARIO_PUBLISHED.encode(forged);
            assertTrue(dead.stream().anyMatch(d -> Arrays.equals(original, d.value())),
                    "dead-lettered with its original bytes: " + forged.scenarioCount());
        }
        assertVictimCompletedOnceByItsOwnScenarios(victim);
        assertEquals(3, runProgress(RUN_A).scenarioCount());
    }

    @Test
    void anEventClaimingAnotherRunsIdIsDeadLetteredAndTheVictimIsUntouched() {
        List<Published> victim = storeSeedRun(RUN_A);
        List<Published> attacker = storeSeedRun(RUN_B);
        // run-b's scenario, relabelled as run-a's: its request is run-b's, not run-a's
        ScenarioPublished claim = PublishedScenarios.inRun(attacker.get(0).event(), RUN_A);

        victim.subList(0, 2).forEach(this::pipe);
        pipe(claim);
        pipe(victim.get(2));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertTrue(deadLetters.isEmpty());
        assertTrue(reasonOf(dead).startsWith("request_event_id " + attacker.get(0).event().lineage().requestEventId()
                + ", but scenario run-a/baseline was requested by event "), reasonOf(dead));
        assertVictimCompletedOnceByItsOwnScenarios(victim);
    }

    @Test
    void aScenarioCarryingOtherKnobsThanItsRequestIsDeadLetteredNamingThem() {
        List<Published> victim = storeSeedRun(RUN_A);
        ScenarioPublished baseline = victim.get(0).event();
        // the real event's ids and object keys, another demand
        ScenarioPublished forged = PublishedScenarios.withKnobs(baseline, new Knobs(3.0, 1.0, 1.0));

        pipe(forged);
        victim.forEach(this::pipe);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertTrue(deadLetters.isEmpty());
        assertEquals("the knobs of scenario run-a/baseline are not those of its request "
                + baseline.lineage().requestEventId(), reasonOf(dead));
        assertArrayEquals(EventCodec.SCENARIO_PUBLISHED.encode(forged), dead.value());
        assertVictimCompletedOnceByItsOwnScenarios(victim);
    }

    @Test
    void anotherAnswerToACheckedScenariosRequestIsDeadLetteredAndTheRunKeepsItsOutcome() {
        List<Published> victim = storeSeedRun(RUN_A);
        victim.forEach(this::pipe);
        ScenarioPublished real = victim.get(1).event();
        ScenarioPublished anotherEvent = PublishedScenarios.withObjectKeys(real, real.artifactPrefix(),
                real.manifestKey());
        ScenarioPublished anotherManifest = PublishedScenarios.withManifestSha256(real, "0".repeat(64));
        ScenarioPublished aFailure = PublishedScenarios.asFailure(real, "forged: failed in publisher");

        pipe(anotherEvent);
        pipe(anotherManifest);
        pipe(aFailure);

        String scenario = "scenario run-a/demand_up_10";
        assertEquals(List.of(
                scenario + " was published by event " + real.eventId() + " for request "
                        + real.lineage().requestEventId() + "; event " + anotherEvent.eventId()
                        + " is another answer to the same request",
                scenario + " was published with manifest sha256 " + real.manifestSha256() + "; event "
                        + real.eventId() + " announces manifest sha256 " + "0".repeat(64) + " for the same request",
                scenario + " was published with manifest sha256 " + real.manifestSha256() + "; event "
                        + real.eventId() + " announces no manifest for the same request"),
                deadLetters.readRecordsToList().stream().map(this::reasonOf).toList());
        assertVictimCompletedOnceByItsOwnScenarios(victim);
        assertEquals(3, recorder.checked.size(), "no refused answer reaches the run store");
    }

    @Test
    void anUnknownScenarioIsDeadLetteredOnceTheRunsRequestIsComplete() {
        List<Published> victim = storeSeedRun(RUN_A);
        Published stranger = publish(RUN_A, "stranger", PublishedScenarios.SEED, Knobs.NEUTRAL, "not requested", 3);
        bucket.putAll(stranger.objects());

        pipe(stranger);
        victim.forEach(this::pipe);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertTrue(deadLetters.isEmpty());
        assertEquals("scenario stranger is not one of the 3 scenarios requested for run run-a", reasonOf(dead));
        assertVictimCompletedOnceByItsOwnScenarios(victim);
    }

    @Test
    void aManifestKeyOrPrefixOutsideTheScenarioIsDeadLetteredWithoutReadingIt() {
        List<Published> victim = storeSeedRun(RUN_A);
        List<Published> attacker = storeSeedRun(RUN_B);
        String victimManifest = victim.get(0).event().manifestKey();
        ScenarioPublished foreignManifest = PublishedScenarios.withObjectKeys(attacker.get(0).event(),
                attacker.get(0).event().artifactPrefix(), victimManifest);
        ScenarioPublished foreignPrefix = PublishedScenarios.withObjectKeys(attacker.get(1).event(),
                "secrets/", attacker.get(1).event().manifestKey());
        List<String> read = new ArrayList<>();

        pipe(foreignManifest);
        pipe(foreignPrefix);
        attacker.forEach(this::pipe);
        victim.forEach(this::pipe);

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(2, dead.size());
        assertEquals("manifest_key " + victimManifest + " is not the scenario's "
                + attacker.get(0).event().manifestKey(), reasonOf(dead.get(0)));
        assertEquals("artifact_prefix secrets/ is not the scenario's " + attacker.get(1).event().artifactPrefix(),
                reasonOf(dead.get(1)));
        List<RunCompleted> done = completed.readValuesToList();
        assertEquals(List.of(RUN_B, RUN_A), done.stream().map(RunCompleted::runId).toList());
        assertTrue(done.stream().allMatch(r -> r.status().equals(RunCompleted.STATUS_PASSED)));
        assertTrue(recorder.checked.stream().noneMatch(r -> r.publishedEventId().equals(foreignManifest.eventId())
                || r.publishedEventId().equals(foreignPrefix.eventId())), "nothing recorded for the forged events");
    }

    @Test
    void aPublishedEventArrivingBeforeItsRequestIsAccepted() {
        List<Published> run = PublishedScenarios.seedRun(RUN_A);
        run.forEach(p -> bucket.putAll(p.objects()));

        run.forEach(this::pipe);
        assertTrue(completed.isEmpty(), "the request is not known yet");
        assertTrue(deadLetters.isEmpty(), "waiting, not refused");
        run.forEach(p -> pipeRequest(p.event()));

        RunCompleted done = completed.readValue();
        assertEquals(RunCompleted.STATUS_PASSED, done.status());
        assertEquals(3, done.passedCount());
        assertTrue(deadLetters.isEmpty());
        try (var waiting = driver.getKeyValueStore(QcTopology.AWAITING_REQUEST_STORE).all()) {
            assertTrue(!waiting.hasNext(), "nothing left waiting");
        }
    }

    @Test
    void aScenarioOfARunNeverRequestedIsDeadLetteredAfterTheWait() {
        Published orphan = PublishedScenarios.publish("run-orphan", BASELINE, 1);
        bucket.putAll(orphan.objects());

        pipe(orphan);
        driver.advanceWallClockTime(QcTopology.REQUEST_WAIT.minusMinutes(1));
        assertTrue(deadLetters.isEmpty(), "still waiting for the request");
        driver.advanceWallClockTime(Duration.ofMinutes(2));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertEquals("run-orphan/baseline", dead.key());
        assertTrue(reasonOf(dead).startsWith("no request for scenario run-orphan/baseline within PT15M"),
                reasonOf(dead));
        assertTrue(completed.isEmpty());
        assertEquals(1, deadLettered(DeadLetterReason.REFUSED));
        assertTrue(recorder.checked.isEmpty());
    }

    private double deadLettered(DeadLetterReason reason) {
        return meters.get(StageMetrics.DEAD_LETTERED).tag("reason", reason.tag()).counter().count();
    }

    // ------------------------------------------------------------------ bounded

    /**
     * The largest run the contract allows, with ids of the longest length, every scenario failed:
     * its run-completed event still fits far below Kafka's record limit and decodes to itself.
     * Built by the aggregation's own code rather than piped through the driver: 20,000 events
     * through the whole topology take a minute and prove nothing more about the event's size.
     */
    @Test
    void theLargestRunCompletesWithAnEventFarBelowTheRecordLimit() {
        int scenarios = 10_000;
        String runId = "r".repeat(64);
        ScenarioPublished template = PublishedScenarios.failedUpstream(runId, "s".repeat(64), scenarios,
                "solver crashed");
        List<ScenarioQcResult> results = new ArrayList<>();
        for (int i = 0; i < scenarios; i++) {
            ScenarioPublished event = PublishedScenarios.asScenario(template, String.format("%064d", i));
            results.add(ScenarioQcResult.of(event, QualityGate.inspect(event, key -> Optional.empty()),
                    Timestamps.utc(CHECKED_AT)));
        }
        RunProgress progress = new RunProgress(runId, template.runCreatedAtUtc(), template.dt(), scenarios, scenarios,
                scenarios, false, 0);
        RunMetadata metadata = RunMetadata.of(progress, results, Timestamps.utc(CHECKED_AT));

        RunCompleted done = QcTopology.runCompleted(progress, results, metadata,
                ObjectLayout.runMetadataKey(template.dt(), runId));

        byte[] encoded = EventCodec.RUN_COMPLETED.encode(done);
        assertTrue(encoded.length < 16 * 1024, encoded.length + " bytes");
        assertEquals(done, EventCodec.RUN_COMPLETED.decode(encoded));
        assertEquals(RunCompleted.STATUS_FAILED, done.status());
        assertEquals(scenarios, done.scenarioCount());
        assertEquals(scenarios, done.failedCount());
        assertEquals(0, done.passedCount());
        assertEquals(RunCompleted.MAX_FAILED_SCENARIO_IDS, done.failedScenarioIds().size());
        assertEquals(String.format("%064d", 0), done.failedScenarioIds().get(0));
        assertEquals(String.format("%064d", 99), done.failedScenarioIds().get(99));
        assertEquals(scenarios, metadata.scenarioResults().size(), "every verdict in the metadata");
        assertTrue(metadata.scenarioResults().values().stream().allMatch(entry -> entry.qc().verdict().equals("failed")
                && entry.qc().failedChecks().equals(List.of(QualityGate.UPSTREAM_STAGE))), "every check failed");
    }

    // ------------------------------------------------------------------ retention

    @Test
    void aRunsStateIsDroppedFromEveryStoreAfterTheRetentionAndARedeliveryDoesNotCompleteItAgain() {
        assertEquals(Set.of(QcTopology.RUN_PROGRESS_STORE, QcTopology.REQUESTED_SCENARIOS_STORE,
                QcTopology.SCENARIO_RESULTS_STORE, QcTopology.AWAITING_REQUEST_STORE),
                driver.getAllStateStores().keySet(), "the stores this test sees emptied");
        // run-a's first scenario comes before the run's request, so run-a passes through every store
        List<Published> a = PublishedScenarios.seedRun(RUN_A);
        a.forEach(p -> bucket.putAll(p.objects()));
        pipe(a.get(0));
        assertEquals(Set.of(QcTopology.AWAITING_REQUEST_STORE), stateOf(RUN_A).keySet());
        a.forEach(p -> pipeRequest(p.event()));
        a.subList(1, a.size()).forEach(this::pipe);
        assertEquals(RUN_A, completed.readValue().runId());
        assertEquals(Set.of(QcTopology.RUN_PROGRESS_STORE, QcTopology.REQUESTED_SCENARIOS_STORE,
                QcTopology.SCENARIO_RESULTS_STORE), stateOf(RUN_A).keySet());
        // a scenario of a run never requested waits in the buffer until the request wait is over
        Published orphan = PublishedScenarios.publish("run-orphan", BASELINE, 1);
        bucket.putAll(orphan.objects());
        pipe(orphan);
        assertEquals(Set.of(QcTopology.AWAITING_REQUEST_STORE), stateOf("run-orphan").keySet());
        driver.advanceWallClockTime(Duration.ofDays(3));
        List<Published> b = storeSeedRun(RUN_B);
        b.forEach(this::pipe);
        assertEquals(RUN_B, completed.readValue().runId());

        driver.advanceWallClockTime(Duration.ofDays(5));

        assertEquals(Map.of(), stateOf(RUN_A), "run-a completed 8 days ago");
        assertEquals(Map.of(), stateOf("run-orphan"), "dead-lettered after the request wait");
        assertEquals("run-orphan/baseline", deadLetters.readRecord().key());
        assertTrue(runProgress(RUN_B).completed(), "run-b completed 5 days ago is kept");
        assertEquals(3, storedScenarios(RUN_B).size());

        // a replay of the forgotten run: its recorded outcome stands
        a.forEach(p -> pipeRequest(p.event()));
        pipe(a.get(0));
        assertTrue(completed.isEmpty());
        assertTrue(deadLetters.isEmpty());
        assertNull(runProgress(RUN_A));
        assertEquals(1, recorder.completedRuns.stream().filter(m -> m.runId().equals(RUN_A)).count());
    }

    /**
     * A steady stream of runs does not grow QC's state: each run's entries are gone once the
     * retention has passed since it completed. Each run here completes, then the wall clock moves
     * on by the retention and one housekeeping interval, as if runs came that far apart. Its
     * scenarios failed upstream, so nothing is solved or read from the bucket: a run's state has
     * the same entries either way, and the test stays quick.
     */
    @Test
    void fiftyConsecutiveRunsKeepQcsStateAndHeapWithinAFixedBound() {
        Duration retention = Duration.ofHours(1);
        driver.close();
        startDriver(retention);
        int entriesOfOneRun = -1;
        long heapAfterFiveRuns = 0;
        for (int i = 1; i <= 50; i++) {
            String runId = String.format("run-%02d", i);
            for (var definition : List.of(BASELINE, DEMAND_UP_10, COSTS_UP_10)) {
                ScenarioPublished scenario = PublishedScenarios.failedUpstream(runId, definition.scenarioId(), 3,
                        "solver crashed");
                pipeRequest(scenario);
                pipe(scenario);
            }
            assertEquals(runId, completed.readValue().runId());
            if (entriesOfOneRun < 0) {
                entriesOfOneRun = stateEntries();
            }
            assertTrue(stateEntries() <= 2 * entriesOfOneRun,
                    "after " + i + " runs: " + stateEntries() + " entries, one run has " + entriesOfOneRun);
            forgetOutsideQc();
            driver.advanceWallClockTime(retention.plus(QcTopology.HOUSEKEEPING_INTERVAL));
            if (i == 5) {
                heapAfterFiveRuns = usedHeapAfterGc();
            }
        }
        assertEquals(7, entriesOfOneRun, "a run of 3: its progress, 3 requests, 3 results");
        assertEquals(0, stateEntries(), "every run is past the retention");
        assertTrue(deadLetters.isEmpty());
        // The entry count above is the precise check. The heap check is coarse and only catches what
        // it cannot see, per-run data kept outside the stores: 45 more runs within 64 MB allow at most
        // some 1.4 MB per run, while a run's state (7 entries of a few kB) is far less, so the margin
        // absorbs GC noise but not, say, a cache that keeps every run's metadata.
        long growth = usedHeapAfterGc() - heapAfterFiveRuns;
        assertTrue(growth < 64L * 1024 * 1024, "heap grew by " + growth / 1024 + " kB from run 5 to run 50");
    }

    /**
     * Lets go of what the test and the driver hold for a completed run, so the heap holds QC's own
     * state only: the recorder's lists and every record the driver captured (changelogs included).
     * The runs' metadata stays in the bucket stand-in: QC looks for it on a redelivery.
     */
    private void forgetOutsideQc() {
        recorder.checked.clear();
        recorder.completedRuns.clear();
        for (String topic : driver.producedTopicNames()) {
            driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .readRecordsToList();
        }
    }

    /** Entries across all of QC's stores. */
    private int stateEntries() {
        int entries = 0;
        for (StateStore store : driver.getAllStateStores().values()) {
            try (var all = ((KeyValueStore<?, ?>) store).all()) {
                while (all.hasNext()) {
                    all.next();
                    entries++;
                }
            }
        }
        return entries;
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // one collection may leave garbage that a finalizer or a reference queue only frees on the next
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The run's keys in each of QC's stores that holds any: its own id, or its id and a slash. */
    private Map<String, List<String>> stateOf(String runId) {
        Map<String, List<String>> state = new TreeMap<>();
        driver.getAllStateStores().forEach((name, store) -> {
            try (var all = ((KeyValueStore<?, ?>) store).all()) {
                all.forEachRemaining(entry -> {
                    String key = String.valueOf(entry.key);
                    if (key.equals(runId) || key.startsWith(runId + "/")) {
                        state.computeIfAbsent(name, n -> new ArrayList<>()).add(key);
                    }
                });
            }
        });
        return state;
    }

    // ------------------------------------------------------------------ the recording double

    /**
     * Records QC's side effects; a completed run's metadata lands in the bucket at the layout's
     * key. It can refuse a scenario's values, as PostgreSQL refuses a value it cannot store, or be
     * unreachable, as during an outage.
     */
    static final class RecordingRecorder implements QcRecorder {
        final List<ScenarioQcResult> checked = Collections.synchronizedList(new ArrayList<>());
        final List<RunMetadata> completedRuns = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, byte[]> bucket;
        volatile String refusedScenario;
        volatile boolean unreachable;

        RecordingRecorder(Map<String, byte[]> bucket) {
            this.bucket = bucket;
        }

        @Override
        public void scenarioChecked(ScenarioQcResult result) {
            if (unreachable) {
                throw new TransientException("database unreachable", new java.net.ConnectException("refused"));
            }
            if (result.storeKey().equals(refusedScenario)) {
                throw new IllegalArgumentException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00");
            }
            checked.add(result);
        }

        @Override
        public String runCompleted(RunMetadata metadata) {
            completedRuns.add(metadata);
            String key = ObjectLayout.runMetadataKey(metadata.dt(), metadata.runId());
            bucket.put(key, SeedJson.write(metadata));
            return key;
        }
    }
}
