package io.scenarioops.local;

import io.scenarioops.testsupport.GoldenFiles;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.StoredTable;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.LpSolveResult;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.PlanningParameters;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.SolveResult;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.events.schema.JsonSchemas;
import io.scenarioops.storage.Manifest;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.producer.ChosenInstance;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.producer.RunWatcher;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TopicSnapshot;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole pipeline on the embedded stack (real Kafka broker, S3 server and PostgreSQL; solver,
 * publisher and QC services), from a published run request to the objects in the bucket and QC's
 * run-completed. One slice of the shared stack and one pipeline for the class.
 */
@PipelineTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {
    private static final long SEED = 7;
    private static final int SOLVERS = 2;
    private static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(180);
    /** Listing the sweep's 1,201 keys takes under a second; S3Proxy's page-token bug would make it loop forever. */
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * QC completes a run once every scenario is checked, normally within a second of the last
     * publication; this bounds the wait for run-completed after all scenarios are published.
     */
    private static final Duration COMPLETION_GRACE = Duration.ofSeconds(20);
    private static final int SWEEP_SIZE = 200;

    /** Every artifact of a scenario and the schema it must satisfy, in the order the manifest lists them. */
    private static final Map<String, String> ARTIFACT_SCHEMAS = orderedMap(
            ObjectLayout.SCENARIO_SPEC, JsonSchemas.SCENARIO_SPEC,
            ObjectLayout.BASELINE_SUMMARY, JsonSchemas.BASELINE_SUMMARY,
            ObjectLayout.FACT_PRODUCTION, JsonSchemas.FACT_PRODUCTION,
            ObjectLayout.KPI_TOTAL, JsonSchemas.KPI_TOTAL,
            ObjectLayout.KPI_COST_BREAKDOWN, JsonSchemas.KPI_COST_BREAKDOWN);
    /** The five artifacts plus the manifest: everything a published scenario has. */
    private static final List<String> SCENARIO_OBJECTS = Stream.concat(ARTIFACT_SCHEMAS.keySet().stream(),
            Stream.of(ObjectLayout.MANIFEST)).toList();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static Path dataDir;
    private static boolean objectsAsFiles;
    private static LocalPipeline pipeline;
    private static ObjectStore store;
    private static PublishedRun defaultRun;
    private static Republished republished;

    /**
     * A run as published, what the watcher saw of it up to the last scenario-published event, and
     * QC's run-completed event if it followed within {@link #COMPLETION_GRACE}.
     */
    private record PublishedRun(RunPlan plan, RunWatcher.Progress progress, Optional<RunCompleted> completed) {
        ScenarioPublished published(String scenarioId) {
            ScenarioPublished event = progress.published().get(scenarioId);
            assertNotNull(event, () -> "no scenario-published event for " + scenarioId);
            return event;
        }

        String runPrefix() {
            return ObjectLayout.runPrefix(plan.dt(), plan.runId());
        }

        RunCompleted requireCompleted() {
            return completed.orElseGet(() -> fail("run " + plan.runId() + ": every scenario published, but no"
                    + " run-completed event from QC within " + COMPLETION_GRACE + " after that"));
        }
    }

    /** The default run's objects before and after publishing its plan a second time. */
    private record Republished(PublishedRun first, Map<String, byte[]> before, PublishedRun second,
            Map<String, byte[]> after) {
    }

    @BeforeAll
    static void startPipeline(StackSlice slice) {
        dataDir = slice.dataDir();
        objectsAsFiles = slice.objectsAsFiles();
        long started = System.nanoTime();
        pipeline = LocalPipeline.start(slice.config(), SOLVERS);
        store = slice.objectStore();
        log("pipeline with %d solvers up in %d ms, data dir %s", SOLVERS, millisSince(started), dataDir);
    }

    @AfterAll
    static void stopPipeline() {
        if (store != null) {
            store.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    // ------------------------------------------------------------------ 1. the seed's default run

    @Test
    @Order(1)
    void defaultRunWritesTheSeedsNumbersWithCompleteVerifiableLineage() throws IOException {
        PublishedRun run = defaultRun();
        Map<String, JsonNode> golden = GoldenFiles.defaultRunByScenario();
        assertEquals(SEED, golden.values().iterator().next().get("seed").asLong(), "golden file's seed");
        assertEquals(golden.keySet(), ids(run.plan().scenarios()),
                "the golden file covers exactly the seed's default scenarios");

        verifyCompletedRun(run);

        for (ScenarioDefinition scenario : run.plan().scenarios()) {
            String id = scenario.scenarioId();
            Map<String, byte[]> objects = verifyScenario(run.plan(), scenario, run.published(id));
            JsonNode expected = golden.get(id);
            String where = "scenario " + id + ": ";

            assertEquals(expected.get("knobs"), tree(objects.get(ObjectLayout.SCENARIO_SPEC)).get("knobs"),
                    where + "knobs in scenario_spec.json against the golden file");
            assertEquals(expected.get("kpi_total"), tree(objects.get(ObjectLayout.KPI_TOTAL)),
                    where + "kpi_total.json against the golden file");
            assertEquals(expected.get("kpi_cost_breakdown"), tree(objects.get(ObjectLayout.KPI_COST_BREAKDOWN)),
                    where + "kpi_cost_breakdown.json against the golden file");
            JsonNode rows = tree(objects.get(ObjectLayout.FACT_PRODUCTION));
            assertEquals(expected.get("fact_production_rows").asInt(), rows.size(),
                    where + "fact_production.json rows");
            assertEquals(expected.get("overtime_rows").asInt(), overtimeRows(rows),
                    where + "fact_production.json overtime rows");

            if (id.equals("baseline")) {
                assertArrayEquals(GoldenFiles.bytes(GoldenFiles.BASELINE_SUMMARY),
                        objects.get(ObjectLayout.BASELINE_SUMMARY),
                        where + "baseline_summary.json must be byte-identical to the seed's");
            }
        }
    }

    // ------------------------------------------------------------------ 2. a 200-scenario sweep

    @Test
    @Order(2)
    void sweepOf200ScenariosIsPublishedCompletelyAndMatchesTheModelSolvedOffline() throws IOException {
        List<ScenarioDefinition> sweep = new ArrayList<>();
        for (int i = 0; i < SWEEP_SIZE; i++) {
            double demand = 0.5 + i / (double) (SWEEP_SIZE - 1);                          // 0.5 .. 1.5
            double variable = 0.8 + 0.4 * ((i * 37) % SWEEP_SIZE) / (SWEEP_SIZE - 1);      // 0.8 .. 1.2, shuffled
            double logistics = 0.9 + 0.05 * (i % 5);                                      // 0.9 .. 1.1
            sweep.add(new ScenarioDefinition(String.format("sweep_%03d", i), new Knobs(demand, variable, logistics),
                    "sweep point " + i));
        }
        RunPlan plan = RunPlan.create(sweep, SEED, Instant.now());
        long started = System.nanoTime();
        PublishedRun run = publishAndAwait(plan, SWEEP_TIMEOUT);
        log("sweep of %d scenarios published in %d ms", SWEEP_SIZE, millisSince(started));
        assertEquals(SWEEP_SIZE, run.progress().published().size(), "published scenarios");

        long checking = System.nanoTime();
        verifyCompletedRun(run);
        long overtimeScenarios = 0;
        for (ScenarioDefinition scenario : sweep) {
            Map<String, byte[]> objects = verifyScenario(plan, scenario, run.published(scenario.scenarioId()));
            SolveResult expected = ScenarioModel.run(SEED, scenario.knobs()).result();
            String where = "scenario " + scenario.scenarioId() + " " + scenario.knobs() + ": ";
            assertEquals(expected.kpiTotal(), RECORDS.readValue(objects.get(ObjectLayout.KPI_TOTAL), KpiTotal.class),
                    where + "kpi_total.json against the model solved offline");
            assertEquals(expected.kpiCostBreakdown(),
                    RECORDS.readValue(objects.get(ObjectLayout.KPI_COST_BREAKDOWN), KpiCostBreakdown.class),
                    where + "kpi_cost_breakdown.json against the model solved offline");
            JsonNode rows = tree(objects.get(ObjectLayout.FACT_PRODUCTION));
            assertEquals(expected.factProduction().size(), rows.size(), where + "fact_production.json rows");
            assertEquals(expected.overtimeRows(), overtimeRows(rows), where + "fact_production.json overtime rows");
            overtimeScenarios += expected.overtimeRows() > 0 ? 1 : 0;
        }
        // The sweep is meant to cover both regimes; if it did not, the checks above proved less than they claim.
        assertTrue(overtimeScenarios > 0 && overtimeScenarios < SWEEP_SIZE,
                "the sweep should include scenarios with and without overtime, got " + overtimeScenarios
                        + " with overtime");
        log("sweep: %d objects verified in %d ms", SWEEP_SIZE * SCENARIO_OBJECTS.size() + 2, millisSince(checking));
    }

    // ------------------------------------------------------------------ 3. re-publishing is idempotent

    @Test
    @Order(3)
    void republishingTheSameRunPlanRewritesByteIdenticalObjects() {
        Republished run = republished();
        assertEquals(run.before().keySet(), run.after().keySet(),
                "keys under " + run.first().runPrefix() + " after re-publishing");
        for (Map.Entry<String, byte[]> object : run.before().entrySet()) {
            assertArrayEquals(object.getValue(), run.after().get(object.getKey()),
                    object.getKey() + " changed when the same run was re-published");
        }
        for (ScenarioDefinition scenario : run.first().plan().scenarios()) {
            String id = scenario.scenarioId();
            ScenarioPublished once = run.first().published(id);
            ScenarioPublished again = run.second().published(id);
            assertFalse(again.failed(), () -> "re-published " + id + " failed: " + again.failure());
            assertEquals(once.eventId(), again.eventId(), id + ": event_id of the re-published event");
            assertEquals(once.lineage().solvedEventId(), again.lineage().solvedEventId(), id + ": solved_event_id");
            assertEquals(once.lineage().requestEventId(), again.lineage().requestEventId(), id + ": request_event_id");
            assertEquals(once.manifestSha256(), again.manifestSha256(), id + ": manifest_sha256");
            assertEquals(sha256(run.after().get(again.manifestKey())), again.manifestSha256(),
                    id + ": manifest_sha256 of the re-published event against the stored manifest");
        }
        verifyPlainFiles(run.after());
    }

    /**
     * Whoever re-publishes a run (the CLI's {@code run --run-id ID --wait}, a replay) waits for
     * run-completed, so QC must answer a replayed run again, with the same verdicts and metadata key
     * (and without rewriting run_metadata.json differently, which the test above checks).
     */
    @Test
    @Order(4)
    void republishingTheSamePlanDoesNotCompleteTheRunTwice() {
        Republished run = republished();
        run.first().requireCompleted();
        assertTrue(run.second().completed().isEmpty(),
                "a re-delivered run must not be completed a second time: " + run.second().completed());
    }

    @Test
    void aNewRequestUnderAnExistingRunIdIsCompletedAgain() {
        RunPlan original = RunPlan.create("rerun-" + UUID.randomUUID(), ScenarioDefinition.SEED_DEFAULTS, SEED,
                Instant.now());
        RunCompleted first = publishAndAwait(original, DEFAULT_RUN_TIMEOUT).requireCompleted();
        RunPlan again = RunPlan.create(original.runId(), ScenarioDefinition.SEED_DEFAULTS, SEED,
                Instant.now().plusMillis(1));

        RunCompleted second = publishAndAwait(again, DEFAULT_RUN_TIMEOUT).requireCompleted();

        assertNotEquals(first.eventId(), second.eventId(), "the re-run is a new completion");
        assertEquals(RunCompleted.STATUS_PASSED, second.status());
        assertEquals(first.passedCount(), second.passedCount(), "verdicts of the re-run");
        assertEquals(first.failedScenarioIds(), second.failedScenarioIds(), "failed scenarios of the re-run");
    }

    // ------------------------------------------------------------------ 5. tables too large for an event

    /**
     * lp-v1 on 200 orders x 26 periods: its 5,200 delivery rows make a solved event of about 1 MB,
     * so the solver writes the tables to the store and the event names them. The run passes QC, the
     * events on the topic stay small, and the stored tables are the model's plan solved offline.
     */
    @Test
    void anLpPlanTooLargeForAnEventTravelsThroughTheObjectStoreAndPassesQc() throws IOException {
        InstanceSize size = new InstanceSize(200, 26);
        List<ScenarioDefinition> scenarios = List.of(
                new ScenarioDefinition("lp_large", Knobs.NEUTRAL, "large lp-v1 plan", LpSolver.INSTANCE, null),
                new ScenarioDefinition("lp_large_demand_up", new Knobs(1.1, 1.0, 1.0), "demand +10%",
                        LpSolver.INSTANCE, null));
        RunPlan plan = RunPlan.create(null, scenarios, ChosenInstance.generated(SEED, size).requireFitsThePipeline(),
                Instant.now());

        PublishedRun run = publishAndAwait(plan, DEFAULT_RUN_TIMEOUT);

        RunCompleted completed = run.requireCompleted();
        assertEquals(RunCompleted.STATUS_PASSED, completed.status(), () -> "failed: " + completed.failedScenarioIds());
        TopicCatalog topics = new TopicCatalog(pipeline.config().topicPrefix());
        List<ScenarioSolved> solved = new ArrayList<>();
        for (var record : TopicSnapshot.read(pipeline.config().kafka(), topics.scenarioSolved().name())) {
            ScenarioSolved event = topics.scenarioSolved().codec().decode(record.value());
            if (event.runId().equals(plan.runId())) {
                assertTrue(record.value().length < 16 * 1024, event.scenarioId() + ": a solved event of "
                        + record.value().length + " bytes");
                solved.add(event);
            }
        }
        assertEquals(2, solved.size(), "solved events of the run");
        for (ScenarioSolved event : solved) {
            assertEquals(List.of("fact_production", "fact_delivery", "fact_inventory"),
                    event.storedTables().stream().map(StoredTable::table).toList(), event.scenarioId());
            ScenarioDefinition scenario = scenarios.stream()
                    .filter(s -> s.scenarioId().equals(event.scenarioId())).findFirst().orElseThrow();
            LpSolveResult expected = (LpSolveResult) ScenarioModel.run(ScenarioModel.generated(SEED, size),
                    scenario.knobs(), LpSolver.INSTANCE, PlanningParameters.DEFAULTS).result();
            String prefix = ObjectLayout.scenarioPrefix(plan.dt(), plan.runId(), event.scenarioId());
            byte[] delivery = store.get(prefix + ObjectLayout.FACT_DELIVERY).orElseGet(() -> fail("no fact_delivery"));
            assertArrayEquals(SeedJson.write(expected.factDelivery()), delivery,
                    event.scenarioId() + ": fact_delivery.json against the plan solved offline");
            assertEquals(5200, tree(delivery).size(), "delivery rows");
            Manifest manifest = RECORDS.readValue(store.get(prefix + ObjectLayout.MANIFEST).orElseThrow(),
                    Manifest.class);
            Manifest.Artifact entry = manifest.artifacts().stream()
                    .filter(a -> a.name().equals(ObjectLayout.FACT_DELIVERY)).findFirst().orElseThrow();
            assertEquals(delivery.length, entry.size(), "manifest size of fact_delivery.json");
            assertEquals(sha256(delivery), entry.sha256(), "manifest sha256 of fact_delivery.json");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The seed's default run, published once for the class (tests 1 and 3 share it, in either order). */
    private static synchronized PublishedRun defaultRun() {
        if (defaultRun == null) {
            RunPlan plan = RunPlan.create(ScenarioDefinition.SEED_DEFAULTS, SEED, Instant.now());
            long started = System.nanoTime();
            defaultRun = publishAndAwait(plan, DEFAULT_RUN_TIMEOUT);
            log("default run %s published in %d ms", plan.runId(), millisSince(started));
        }
        return defaultRun;
    }

    /** The default run published a second time, with snapshots of its objects from before and after. */
    private static synchronized Republished republished() {
        if (republished == null) {
            PublishedRun first = defaultRun();
            Map<String, byte[]> before = snapshot(first.runPrefix());
            assertEquals(first.plan().scenarios().size() * SCENARIO_OBJECTS.size() + (first.completed().isPresent()
                    ? 2 : 0), before.size(), "objects of the default run before re-publishing: " + before.keySet());
            long started = System.nanoTime();
            PublishedRun second = republishAndDrain(first.plan());
            log("default run re-published in %d ms", millisSince(started));
            republished = new Republished(first, before, second, snapshot(first.runPrefix()));
        }
        return republished;
    }

    /**
     * Opens a watcher, publishes the plan, waits until every scenario is published, then up to
     * {@link #COMPLETION_GRACE} for QC's run-completed.
     */
    private static PublishedRun publishAndAwait(RunPlan plan, Duration timeout) {
        try (RunWatcher watcher = new RunWatcher(pipeline.config().kafka())) {
            ProgressLog progressLog = new ProgressLog(plan.runId());
            RunWatcher.Progress progress = publishAndAwaitPublished(watcher, plan, timeout, progressLog);
            Optional<RunCompleted> completed = progress.completed();
            if (completed.isEmpty()) {
                // The watcher's position carries over: nothing read by the first await is read again or lost.
                completed = watcher.await(plan.runId(), p -> p.completed().isPresent(), COMPLETION_GRACE, progressLog)
                        .completed();
            }
            log("  run %s: %s", plan.runId().substring(0, 8),
                    completed.map(c -> "completed, " + c.status()).orElse("NOT completed within " + COMPLETION_GRACE));
            return new PublishedRun(plan, progress, completed);
        }
    }

    /**
     * Publishes an already completed run's plan again and waits until the pipeline is through it;
     * the result's run-completed is a second completion of the run, if QC sent one.
     */
    private static PublishedRun republishAndDrain(RunPlan plan) {
        try (RunWatcher watcher = new RunWatcher(pipeline.config().kafka())) {
            RunWatcher.Progress progress = publishAndAwaitPublished(watcher, plan, DEFAULT_RUN_TIMEOUT,
                    new ProgressLog(plan.runId()));
            PipelineBarrier.awaitDrained(pipeline.config().kafka());
            TopicCatalog topics = new TopicCatalog(pipeline.config().topicPrefix());
            Optional<RunCompleted> again = TopicSnapshot.read(pipeline.config().kafka(), topics.runCompleted().name())
                    .stream()
                    .map(record -> topics.runCompleted().codec().decode(record.value()))
                    .filter(event -> event.runId().equals(plan.runId()))
                    .skip(1)
                    .findFirst();
            return new PublishedRun(plan, progress, again);
        }
    }

    /** Publishes the plan and waits until every scenario is published. */
    private static RunWatcher.Progress publishAndAwaitPublished(RunWatcher watcher, RunPlan plan, Duration timeout,
            ProgressLog progressLog) {
        new RunPublisher(pipeline.config().kafka()).publish(plan, pipeline.config()::objectStore);
        RunWatcher.Progress progress = watcher.await(plan.runId(), RunWatcher.Progress::allPublished, timeout,
                progressLog);
        assertTrue(progress.allPublished(),
                () -> "run " + plan.runId() + " not through after " + timeout + ": " + progress.summary());
        assertEquals(plan.scenarios().size(), progress.scenarioCount(), "scenario_count in the events");
        assertEquals(ids(plan.scenarios()), new TreeSet<>(progress.published().keySet()),
                "scenarios with a scenario-published event");
        return progress;
    }

    /**
     * QC completed the run, every scenario passed, and the run prefix holds the six objects of each
     * scenario plus run_metadata.json and report.html, and nothing else.
     */
    private static void verifyCompletedRun(PublishedRun run) throws IOException {
        RunPlan plan = run.plan();
        RunCompleted completed = run.requireCompleted();
        String metadataKey = ObjectLayout.runMetadataKey(plan.dt(), plan.runId());
        assertEquals(RunCompleted.STATUS_PASSED, completed.status(), () -> "run status; failed scenarios: "
                + completed.failedScenarioIds());
        assertEquals(metadataKey, completed.runMetadataKey(), "run_metadata_key");
        assertEquals(plan.scenarios().size(), completed.passedCount(), "passed scenarios in run-completed");

        assertOnlyRunObjectsUnderRunPrefix(plan);
        byte[] metadataBytes = store.get(metadataKey).orElseGet(() -> fail("missing " + metadataKey));
        JsonNode metadata = tree(metadataBytes);
        assertEquals(plan.runId(), metadata.path("run_id").asText(), "run_metadata.json run_id");
        assertEquals(plan.dt(), metadata.path("dt").asText(), "run_metadata.json dt");
        assertEquals(plan.createdAtUtc(), metadata.path("created_at_utc").asText(), "run_metadata.json created_at_utc");
        List<String> listed = new ArrayList<>();
        metadata.path("scenarios").forEach(id -> listed.add(id.asText()));
        assertEquals(ids(plan.scenarios()), new TreeSet<>(listed), "run_metadata.json scenarios");
        assertEquals(plan.scenarios().size(), listed.size(), "run_metadata.json scenarios: " + listed);
        verifyPlainFiles(Map.of(metadataKey, metadataBytes));
    }

    /** Logs the run's progress at most once a second (and when done): where a slow run spends its time. */
    private static final class ProgressLog implements java.util.function.Consumer<RunWatcher.Progress> {
        private final String runId;
        private final long started = System.nanoTime();
        private long lastLogged = started;

        ProgressLog(String runId) {
            this.runId = runId;
        }

        @Override
        public void accept(RunWatcher.Progress progress) {
            long now = System.nanoTime();
            if (progress.allPublished() || now - lastLogged >= 1_000_000_000L) {
                log("  run %s after %d ms: %s", runId.substring(0, 8), millisSince(started), progress.summary());
                lastLogged = now;
            }
        }
    }

    /** The run prefix holds run_metadata.json, report.html and six objects per scenario, nothing else; the listing ends. */
    private static void assertOnlyRunObjectsUnderRunPrefix(RunPlan plan) {
        String runPrefix = ObjectLayout.runPrefix(plan.dt(), plan.runId());
        List<String> keys = list(runPrefix);
        TreeSet<String> expected = new TreeSet<>();
        expected.add(ObjectLayout.runMetadataKey(plan.dt(), plan.runId()));
        expected.add(ObjectLayout.runReportKey(plan.dt(), plan.runId()));
        for (ScenarioDefinition scenario : plan.scenarios()) {
            String prefix = ObjectLayout.scenarioPrefix(plan.dt(), plan.runId(), scenario.scenarioId());
            SCENARIO_OBJECTS.forEach(name -> expected.add(prefix + name));
        }
        assertEquals(keys.size(), new HashSet<>(keys).size(), "the listing of " + runPrefix + " repeats keys");
        TreeSet<String> listed = new TreeSet<>(keys);
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(listed);
        TreeSet<String> unexpected = new TreeSet<>(listed);
        unexpected.removeAll(expected);
        assertTrue(missing.isEmpty() && unexpected.isEmpty(), "under " + runPrefix + ": " + missing.size()
                + " missing " + first(missing) + ", " + unexpected.size() + " unexpected " + first(unexpected));
        assertEquals(plan.scenarios().size() * SCENARIO_OBJECTS.size() + 2, keys.size(), "objects under " + runPrefix);
    }

    /**
     * Checks one published scenario: its event, the six objects (schemas, manifest entries and
     * digests against the stored bytes), the scenario spec, and the plain files behind the S3 server.
     *
     * @return the stored bytes by name below the scenario prefix
     */
    private static Map<String, byte[]> verifyScenario(RunPlan plan, ScenarioDefinition scenario,
            ScenarioPublished published) throws IOException {
        String id = scenario.scenarioId();
        String where = "scenario " + id + ": ";
        assertFalse(published.failed(), () -> where + "published as failed: " + published.failure());
        String prefix = ObjectLayout.scenarioPrefix(plan.dt(), plan.runId(), id);
        assertEquals(prefix, published.artifactPrefix(), where + "artifact_prefix");
        assertEquals(prefix + ObjectLayout.MANIFEST, published.manifestKey(), where + "manifest_key");

        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (String name : SCENARIO_OBJECTS) {
            String key = prefix + name;
            objects.put(name, store.get(key).orElseGet(() -> fail("missing object " + key)));
        }
        for (Map.Entry<String, String> artifact : ARTIFACT_SCHEMAS.entrySet()) {
            List<String> problems = JsonSchemas.validate(artifact.getValue(),
                    new String(objects.get(artifact.getKey()), UTF_8));
            assertEquals(List.of(), problems, where + artifact.getKey() + " against " + artifact.getValue());
        }

        byte[] manifestBytes = objects.get(ObjectLayout.MANIFEST);
        assertEquals(sha256(manifestBytes), published.manifestSha256(),
                where + "manifest_sha256 of the scenario-published event against the stored manifest");
        JsonNode manifest = tree(manifestBytes);
        assertEquals(Manifest.VERSION, manifest.path("manifest_version").asInt(), where + "manifest_version");
        assertEquals(plan.runId(), manifest.path("run_id").asText(), where + "manifest run_id");
        assertEquals(plan.dt(), manifest.path("dt").asText(), where + "manifest dt");
        assertEquals(id, manifest.path("scenario_id").asText(), where + "manifest scenario_id");
        assertEquals(plan.seed(), manifest.path("seed").asLong(), where + "manifest seed");
        assertEquals(published.lineage().requestEventId(), manifest.path("request_event_id").asText(),
                where + "manifest request_event_id");
        assertEquals(published.lineage().solvedEventId(), manifest.path("solved_event_id").asText(),
                where + "manifest solved_event_id");
        assertEquals(scenario.knobs(), RECORDS.treeToValue(manifest.get("knobs"), Knobs.class),
                where + "manifest knobs");
        JsonNode entries = manifest.path("artifacts");
        assertEquals(ARTIFACT_SCHEMAS.size(), entries.size(), where + "manifest artifacts: " + entries);
        Map<String, JsonNode> byName = new TreeMap<>();
        entries.forEach(entry -> byName.put(entry.path("name").asText(), entry));
        assertEquals(new TreeSet<>(ARTIFACT_SCHEMAS.keySet()), byName.keySet(), where + "artifacts in the manifest");
        for (String name : ARTIFACT_SCHEMAS.keySet()) {
            JsonNode entry = byName.get(name);
            byte[] stored = objects.get(name);
            assertEquals(prefix + name, entry.path("key").asText(), where + name + " key in the manifest");
            assertEquals(stored.length, entry.path("size").asLong(), where + name + " size in the manifest");
            assertEquals(sha256(stored), entry.path("sha256").asText(), where + name + " sha256 in the manifest");
        }

        JsonNode spec = tree(objects.get(ObjectLayout.SCENARIO_SPEC));
        assertEquals(id, spec.path("scenario_id").asText(), where + "scenario_spec scenario_id");
        assertEquals(plan.createdAtUtc(), spec.path("created_at_utc").asText(), where + "scenario_spec created_at_utc");
        assertEquals(scenario.notes(), spec.path("notes").asText(), where + "scenario_spec notes");
        assertEquals(scenario.knobs(), RECORDS.treeToValue(spec.get("knobs"), Knobs.class),
                where + "scenario_spec knobs");

        Map<String, byte[]> byKey = new LinkedHashMap<>();
        objects.forEach((name, bytes) -> byKey.put(prefix + name, bytes));
        if (objectsAsFiles) {
            verifyPlainFiles(byKey);
        }
        return objects;
    }

    /** The embedded S3 server keeps each object as a plain file {@code <data dir>/s3/<bucket>/<key>}. */
    private static void verifyPlainFiles(Map<String, byte[]> objectsByKey) {
        Path bucketDir = dataDir.resolve("s3").resolve(store.bucket());
        for (Map.Entry<String, byte[]> object : objectsByKey.entrySet()) {
            Path file = bucketDir.resolve(object.getKey());
            assertTrue(Files.isRegularFile(file), () -> "no plain file " + file + " for " + object.getKey());
            try {
                assertArrayEquals(object.getValue(), Files.readAllBytes(file), "bytes of " + file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every object under the prefix with its bytes. */
    private static Map<String, byte[]> snapshot(String prefix) {
        Map<String, byte[]> objects = new TreeMap<>();
        for (String key : list(prefix)) {
            objects.put(key, store.get(key).orElseGet(() -> fail("listed but missing: " + key)));
        }
        return objects;
    }

    /** Lists in another thread, so that a listing that never ends fails the test instead of hanging it. */
    private static List<String> list(String prefix) {
        return assertTimeoutPreemptively(LIST_TIMEOUT, () -> store.list(prefix),
                () -> "listing " + prefix + " did not finish within " + LIST_TIMEOUT + " (paging loop?)");
    }

    private static long overtimeRows(JsonNode factProduction) {
        long count = 0;
        for (JsonNode row : factProduction) {
            count += row.path("overtime_qty").asDouble() > 0.0 ? 1 : 0;
        }
        return count;
    }

    private static TreeSet<String> ids(List<ScenarioDefinition> scenarios) {
        return scenarios.stream().map(ScenarioDefinition::scenarioId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode tree(byte[] json) throws IOException {
        return JSON.readTree(json);
    }

    /** Computed here rather than with the code under test's own helper. */
    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String first(TreeSet<String> keys) {
        return keys.isEmpty() ? "" : "(first: " + keys.first() + ")";
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[e2e] " + format + "%n", args);
    }
}
