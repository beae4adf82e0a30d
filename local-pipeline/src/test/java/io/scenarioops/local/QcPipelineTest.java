package io.scenarioops.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TopicAdmin;
import io.scenarioops.kafka.TopicSnapshot;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.producer.RunFollower;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunReplayer;
import io.scenarioops.producer.RunWatcher;
import io.scenarioops.producer.cli.Cli;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import java.util.Optional;
import picocli.CommandLine;
import io.scenarioops.publisher.ScenarioPublisher;
import io.scenarioops.qc.QcService;
import io.scenarioops.qc.QualityGate;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * QC on the real embedded stack: a clean run passes into the bucket and PostgreSQL; a tampered
 * artifact fails its scenario by name and leaves the run partial; a duplicated event changes
 * nothing. For the last ones the test plays the producer and the publisher, so it can act between
 * publish and QC: against a second QC on topics of its own, where no solver answers its requests.
 */
@PipelineTest
class QcPipelineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalPipeline pipeline;
    private static ScenarioOpsConfig config;
    private static TopicCatalog topics;
    private static ObjectStore store;
    private static ScenarioOpsConfig qcAloneConfig;
    private static TopicCatalog qcAloneTopics;
    private static QcService qcAlone;

    private static StackSlice slice;

    @BeforeAll
    static void start(StackSlice stackSlice) {
        slice = stackSlice;
        pipeline = LocalPipeline.start(slice.config(), 1);
        config = pipeline.config();
        topics = slice.topics();
        store = slice.objectStore();
        qcAloneConfig = config.withTopicPrefix(config.topicPrefix() + "qc-alone-");
        qcAloneTopics = new TopicCatalog(qcAloneConfig.topicPrefix());
        TopicAdmin.ensureTopics(qcAloneConfig.kafka());
        qcAlone = new QcService(qcAloneConfig);
        qcAlone.start();
    }

    @AfterAll
    static void stop() {
        qcAlone.stop();
        store.close();
        pipeline.close();
    }

    @Test
    void theSeedRunPassesEveryCheckAndIsRecordedInTheBucketAndPostgres() throws Exception {
        RunPlan plan = RunPlan.create(ScenarioDefinition.SEED_DEFAULTS, 7, Instant.now());
        RunWatcher.Progress progress = RunFollower.publishAndFollow(config, plan, TIMEOUT,
                new PrintWriter(new StringWriter()));

        RunCompleted completed = progress.completed().orElseThrow();
        assertEquals(RunCompleted.STATUS_PASSED, completed.status());
        JsonNode metadata = JSON.readTree(store.get(ObjectLayout.runMetadataKey(plan.dt(), plan.runId())).orElseThrow());
        assertEquals(plan.runId(), metadata.get("run_id").asText());
        assertEquals(plan.createdAtUtc(), metadata.get("created_at_utc").asText());
        assertEquals("passed", metadata.get("status").asText());
        assertEquals(List.of("baseline", "costs_up_10", "demand_up_10"), texts(metadata.get("scenarios")));
        for (ScenarioDefinition scenario : ScenarioDefinition.SEED_DEFAULTS) {
            JsonNode entry = metadata.get("scenario_results").get(scenario.scenarioId());
            assertEquals("passed", entry.get("qc").get("verdict").asText());
            assertEquals(scenario.knobs().demandScale(), entry.get("knobs").get("demand_scale").asDouble());
            assertTrue(entry.get("stages").get("checked_at_utc").asText().endsWith("+00:00"));
            assertEquals(ObjectLayout.scenarioPrefix(plan.dt(), plan.runId(), scenario.scenarioId()),
                    entry.get("artifact_prefix").asText());
        }
        assertEquals(1, count("select count(*) from runs where run_id = ? and status = 'passed'", plan.runId()));
        assertEquals(3, count("select count(*) from run_scenarios where run_id = ? and verdict = 'passed'", plan.runId()));
        assertEquals(12, count("select count(*) from qc_checks where run_id = ? and passed", plan.runId()));
        assertEquals(12, count("select count(*) from qc_checks where run_id = ?", plan.runId()));
    }

    @Test
    void runWaitShowsProgressUntilQcCompletesTheRun() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LocalLauncher.commandLine(new ScenarioOpsCommand(() -> config));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exitCode = cli.execute("run", "--wait", "--timeout", "120");

        assertEquals(Cli.EXIT_OK, exitCode, err.toString());
        List<String> lines = out.toString().lines().toList();
        String runId = lines.get(0).replace("run_id=", "");
        assertTrue(lines.contains("  solved 3/3, published 3/3, checked 3/3, run passed"), out.toString());
        assertEquals("run passed: runs/dt=" + lines.get(1).replaceAll(".*dt ([0-9-]+)\\).*", "$1") + "/run_id="
                + runId + "/run_metadata.json", lines.get(lines.size() - 1));
        assertEquals(3, count("select count(*) from run_scenarios where run_id = ? and verdict = 'passed'", runId));
    }

    @Test
    void replayRestoresADamagedArtifactByteForByteWithoutASecondCompletion() throws Exception {
        RunPlan plan = RunPlan.create(ScenarioDefinition.SEED_DEFAULTS, 7, Instant.now());
        RunFollower.publishAndFollow(config, plan, TIMEOUT, new PrintWriter(new StringWriter())).completed()
                .orElseThrow();
        String runPrefix = ObjectLayout.runPrefix(plan.dt(), plan.runId());
        Map<String, byte[]> before = new java.util.TreeMap<>();
        for (String key : store.list(runPrefix)) {
            before.put(key, store.get(key).orElseThrow());
        }
        String damaged = ObjectLayout.scenarioPrefix(plan.dt(), plan.runId(), "costs_up_10") + ObjectLayout.FACT_PRODUCTION;
        store.put(damaged, "[]".getBytes(StandardCharsets.UTF_8), ObjectStore.JSON);

        List<ScenarioRequested> replayed = new RunReplayer(config.kafka()).replay(plan.runId());

        assertEquals(plan.events().size(), replayed.size());
        assertEquals(java.util.Set.copyOf(plan.events()), java.util.Set.copyOf(replayed),
                "the original request events, unchanged (in partition order)");
        await("the replay rewrites " + damaged).atMost(TIMEOUT)
                .until(() -> store.get(damaged).orElseThrow(), bytes -> Arrays.equals(before.get(damaged), bytes));
        PipelineBarrier.awaitDrained(config.kafka());
        for (Map.Entry<String, byte[]> object : before.entrySet()) {
            assertTrue(java.util.Arrays.equals(object.getValue(), store.get(object.getKey()).orElseThrow()),
                    "bytes of " + object.getKey() + " after the replay");
        }
        assertEquals(before.keySet(), new java.util.TreeSet<>(store.list(runPrefix)));
        assertEquals(1, runCompletedRecords(plan.runId()), "the run's outcome did not change: no second completion");
        assertEquals(3, count("select count(*) from run_scenarios where run_id = ? and verdict = 'passed'",
                plan.runId()));
    }

    @Test
    void replayingAnUnknownRunSaysSo() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(
                io.scenarioops.model.InvalidInputException.class,
                () -> new RunReplayer(config.kafka()).replay("no-such-run"));
        assertEquals("run_id", error.field());
        assertTrue(error.reason().startsWith("no scenario-requested events for run no-such-run"), error.reason());
    }

    @Test
    void aTamperedArtifactFailsItsScenarioByNameAndTheRunIsPartial() throws Exception {
        String runId = "tampered-" + UUID.randomUUID();
        List<ScenarioPublished> published = publishWithoutAnnouncing(runId);
        ScenarioPublished victim = published.get(1);
        String kpiKey = victim.artifactPrefix() + ObjectLayout.KPI_TOTAL;
        String forged = new String(store.get(kpiKey).orElseThrow(), StandardCharsets.UTF_8)
                .replaceFirst("\"total_cost\": [0-9.]+", "\"total_cost\": 1.0");
        store.put(kpiKey, forged.getBytes(StandardCharsets.UTF_8), ObjectStore.JSON);

        announce(published);
        RunCompleted completed = awaitCompleted(runId);

        assertEquals(RunCompleted.STATUS_PARTIAL, completed.status());
        assertEquals(List.of(victim.scenarioId()), completed.failedScenarioIds());
        assertEquals(2, completed.passedCount());
        assertEquals(3, completed.checkedCount(), "every scenario is accounted for");
        JsonNode victimQc = JSON.readTree(store.get(completed.runMetadataKey()).orElseThrow())
                .get("scenario_results").get(victim.scenarioId()).get("qc");
        assertEquals(List.of(QualityGate.ARTIFACTS_MATCH_MANIFEST, QualityGate.KPI_RECONCILIATION),
                texts(victimQc.get("failed_checks")));
        assertEquals(1, count("select count(*) from runs where run_id = ? and status = 'partial'", runId));
        assertEquals(3, count("select count(*) from run_scenarios where run_id = ?", runId));
        assertEquals(1, count("select count(*) from qc_checks where run_id = ? and check_name = '"
                + QualityGate.ARTIFACTS_MATCH_MANIFEST + "' and not passed and detail like '%outputs/kpi_total.json%'",
                runId));
        JsonNode metadata = JSON.readTree(store.get(completed.runMetadataKey()).orElseThrow());
        assertEquals("partial", metadata.get("status").asText());
        assertEquals("failed", metadata.get("scenario_results").get(victim.scenarioId()).get("qc").get("verdict").asText());
    }

    @Test
    void aManifestWithAWrongHashFailsTheNamedCheck() throws Exception {
        String runId = "wrong-hash-" + UUID.randomUUID();
        List<ScenarioPublished> published = new ArrayList<>(publishWithoutAnnouncing(runId));
        ScenarioPublished victim = published.get(0);
        published.set(0, withManifestSha(victim, "0".repeat(64)));

        announce(published);
        RunCompleted completed = awaitCompleted(runId);

        assertEquals(RunCompleted.STATUS_PARTIAL, completed.status());
        assertEquals(List.of(victim.scenarioId()), completed.failedScenarioIds());
        JsonNode victimQc = JSON.readTree(store.get(completed.runMetadataKey()).orElseThrow())
                .get("scenario_results").get(victim.scenarioId()).get("qc");
        assertEquals(List.of(QualityGate.ARTIFACTS_MATCH_MANIFEST), texts(victimQc.get("failed_checks")));
    }

    @Test
    void theSamePublishedEventDeliveredTwiceGivesOneRowPerScenarioAndOneCompletion() throws Exception {
        String runId = "duplicated-" + UUID.randomUUID();
        List<ScenarioPublished> published = publishWithoutAnnouncing(runId);
        List<ScenarioPublished> twice = new ArrayList<>(published);
        twice.add(published.get(0));
        announce(twice);
        awaitCompleted(runId);
        announce(published);
        PipelineBarrier.awaitQcDrained(qcAloneConfig.kafka());

        assertEquals(1, runCompletedRecords(runId), "run-completed records for " + runId);
        assertEquals(1, count("select count(*) from runs where run_id = ?", runId));
        assertEquals(3, count("select count(*) from run_scenarios where run_id = ?", runId));
        assertEquals(12, count("select count(*) from qc_checks where run_id = ?", runId));
    }

    /**
     * Requests a 3-scenario run on the lone QC's topics as the producer does, then solves and
     * writes its objects the way the publisher does, without sending the publisher's events.
     */
    private static List<ScenarioPublished> publishWithoutAnnouncing(String runId) {
        RunPlan plan = RunPlan.create(runId, ScenarioDefinition.SEED_DEFAULTS, 7, Instant.now());
        send(qcAloneTopics.scenarioRequested().name(), plan.events().stream()
                .map(e -> new ProducerRecord<>(qcAloneTopics.scenarioRequested().name(),
                        e.key().getBytes(StandardCharsets.UTF_8), qcAloneTopics.scenarioRequested().codec().encode(e)))
                .toList());
        ScenarioSolver solver = new ScenarioSolver(Clock.systemUTC(), new BaselineFiles(key -> Optional.empty()));
        var writers = Executors.newFixedThreadPool(3);
        try {
            ScenarioPublisher publisher = new ScenarioPublisher(store, writers, Clock.systemUTC());
            List<ScenarioPublished> published = new ArrayList<>();
            for (ScenarioRequested request : plan.events()) {
                published.add(publisher.publish(solver.solve(request)));
            }
            return published;
        } finally {
            writers.shutdown();
        }
    }

    private static ScenarioPublished withManifestSha(ScenarioPublished e, String sha) {
        return new ScenarioPublished(e.header().next(EventIds.random(), e.occurredAtUtc()), e.seed(), e.knobs(),
                e.lineage(), e.generator(), e.solver(), e.artifactPrefix(), e.manifestKey(), sha, e.failure());
    }

    /** Sends the publisher's events to the lone QC. */
    private static void announce(List<ScenarioPublished> events) {
        send(qcAloneTopics.scenarioPublished().name(), events.stream()
                .map(e -> new ProducerRecord<>(qcAloneTopics.scenarioPublished().name(),
                        e.key().getBytes(StandardCharsets.UTF_8), qcAloneTopics.scenarioPublished().codec().encode(e)))
                .toList());
    }

    private static void send(String topic, List<ProducerRecord<byte[], byte[]>> records) {
        var props = KafkaClientProperties.transactionalProducer(config.kafka(), "test-" + topic + "-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
            producer.commitTransaction();
        }
    }

    private static RunCompleted awaitCompleted(String runId) {
        return await("run-completed of " + runId).atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> readRunCompleted(runId), completed -> !completed.isEmpty())
                .get(0);
    }

    private static int runCompletedRecords(String runId) {
        return readRunCompleted(runId).size();
    }

    /**
     * Every committed run-completed record of the run, from the pipeline's QC or the lone one,
     * read from the topics' beginning to their end.
     */
    private static List<RunCompleted> readRunCompleted(String runId) {
        return java.util.stream.Stream.of(topics, qcAloneTopics)
                .flatMap(catalog -> TopicSnapshot.read(config.kafka(), catalog.runCompleted().name()).stream()
                        .map(record -> catalog.runCompleted().codec().decode(record.value())))
                .filter(event -> event.runId().equals(runId))
                .toList();
    }

    private static long count(String sql, String runId) throws Exception {
        return slice.count(sql, runId);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

}
