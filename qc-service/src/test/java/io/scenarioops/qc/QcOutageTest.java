package io.scenarioops.qc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.embedded.EmbeddedObjectStore;
import io.scenarioops.embedded.EmbeddedPostgres;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.embedded.LoopbackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.scenarioops.testharness.Barriers;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import io.scenarioops.testharness.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * QC against a real Kafka broker, a real S3 endpoint and a real PostgreSQL, one of which goes away
 * while a run is being checked. DESIGN.md: "Transient outages (broker, object store, Postgres) are
 * retried with backoff; nothing is lost." So while the peer is down QC completes nothing, dead-letters
 * nothing, records no verdict it could not reach, and keeps running; once the peer is back (same
 * endpoint, same data) the run completes exactly once, passed, with one row per run, scenario and
 * check, and soon after the peer is back ({@link #RECOVERY_BOUND}), not after a fixed timeout.
 *
 * <p>A 5 s PostgreSQL outage is normally absorbed inside the run store's pool (a borrower waits up
 * to 10 s for a connection), so QC's stream thread just waits; the object-store outage goes through
 * QcService's transient-failure handler (stream thread replaced after a backoff).
 *
 * <p>Kafka is the shared one. The object store and PostgreSQL are this class's own, since the tests
 * stop them, on fixed ports so that they come back at the endpoint QC was configured with. Each
 * test uses its own topic prefix (and so its own QC application id and run).
 */
@PipelineTest(EmbeddedStack.Component.KAFKA)
class QcOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    /** How long the tests wait for the run after the outage, so that what QC did is checked even when it is late. */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    /**
     * How soon after the peer is back the run must be completed. QcService retries a transient
     * failure after 100 ms, doubling per consecutive failure: after a 5 s outage the next attempt
     * is at most ~3.2 s away, plus a rebalance; 15 s leaves room for a slow machine.
     */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);
    private static final int SCENARIOS = PublishedScenarios.SEED_SCENARIOS.size();
    /** Four quality gates per scenario. */
    private static final int CHECKS = 4 * SCENARIOS;

    private static Path dataDir;
    private static int pgPort;
    private static int s3Port;
    /** Null while its outage lasts. */
    private static EmbeddedPostgres postgres;
    /** Null while its outage lasts. */
    private static EmbeddedObjectStore objectStore;
    @BeforeAll
    static void startServers() throws IOException {
        dataDir = Path.of("target", "qc-outage-" + UUID.randomUUID()).toAbsolutePath();
        int[] ports = LoopbackPorts.free(2);
        pgPort = ports[0];
        s3Port = ports[1];
        startPostgres();
        startObjectStore();
    }

    /** The slice's Kafka topics with this class's own object store and PostgreSQL. */
    private static ScenarioOpsConfig config(StackSlice slice) {
        return slice.config()
                .withS3Endpoint(objectStore.endpoint())
                .withPostgres(postgres.jdbcUrl(), postgres.user(), slice.config().pgPassword())
                .withDataDir(dataDir);
    }

    @AfterEach
    void bringEverythingBack() {
        // A failed test must not leave the next one without a server.
        if (postgres == null) {
            startPostgres();
        }
        if (objectStore == null) {
            startObjectStore();
        }
    }

    @AfterAll
    static void stopServers() {
        if (objectStore != null) {
            objectStore.close();
            objectStore = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    @Test
    void aPostgresOutageIsWaitedOutAndTheRunCompletesOnceWithAllItsRows(StackSlice slice) throws Exception {
        String id = shortId();
        ScenarioOpsConfig config = config(slice);
        TopicCatalog topics = slice.topics();
        String runId = "pg-outage-" + id;
        List<PublishedScenarios.Published> run = PublishedScenarios.seedRun(runId);
        writeArtifacts(config, run);

        QcService qc = new QcService(config);
        qc.start();
        CompletableFuture<Throwable> terminated = watchTermination(qc);
        try (TopicReader completions = new TopicReader(config.kafka(), topics.runCompleted().name());
                TopicReader deadLetters = new TopicReader(config.kafka(), topics.deadLetter())) {
            // 1. PostgreSQL goes away, then the run's scenarios are announced.
            Instant down = Instant.now();
            stopPostgres();
            Duration stopTook = Duration.between(down, Instant.now());
            announce(config, topics, run);
            Instant announced = Instant.now();

            // 2. While it is down: nothing completed, nothing dead-lettered, QC still there.
            completions.poll(OUTAGE.dividedBy(2));
            deadLetters.poll(OUTAGE.dividedBy(2));
            assertEquals(List.of(), completedOf(completions, topics, runId),
                    "QC completed the run without PostgreSQL");
            assertEquals(0, deadLetters.records().size(),
                    "dead-lettered during the PostgreSQL outage: " + deadLetters.describe());
            assertFalse(terminated.isDone(), "QC stopped during the PostgreSQL outage: " + terminated.getNow(null));
            await("a QC stream thread alive during the PostgreSQL outage").atMost(Duration.ofSeconds(5))
                    .until(() -> streamThreadAlive(config));

            // 3. PostgreSQL is back on the same port and data dir; the run completes once, passed.
            Instant restarting = Instant.now();
            startPostgres();
            Instant up = Instant.now();
            boolean completed = completions.pollUntil(r -> !completedOf(r, topics, runId).isEmpty(), RECOVERY_TIMEOUT);
            Instant seen = Instant.now();
            assertTrue(completed, "run " + runId + " not completed within " + RECOVERY_TIMEOUT
                    + " of PostgreSQL coming back; dead-lettered: " + deadLetters.describe()
                    + "; QC terminated: " + terminated.getNow(null));
            report("PostgreSQL", stopTook, Duration.between(down, restarting), Duration.between(announced, restarting),
                    Duration.between(restarting, up), Duration.between(up, seen));

            // Everything QC wrote for its input, including a (wrong) second completion.
            awaitQcThrough(config, topics, completions, deadLetters);
            assertRunPassedOnce(config, topics, completions, deadLetters, runId);
            assertFalse(terminated.isDone(), "QC stopped after the PostgreSQL outage: " + terminated.getNow(null));
            assertRecoveredWithinBound("PostgreSQL", Duration.between(up, seen));
        } finally {
            qc.stop();
        }
    }

    @Test
    void anObjectStoreOutageIsWaitedOutNotRecordedAsMissingArtifacts(StackSlice slice) throws Exception {
        String id = shortId();
        ScenarioOpsConfig config = config(slice);
        TopicCatalog topics = slice.topics();
        String runId = "s3-outage-" + id;
        List<PublishedScenarios.Published> run = PublishedScenarios.seedRun(runId);

        QcService qc = new QcService(config);
        qc.start();
        CompletableFuture<Throwable> terminated = watchTermination(qc);
        try (TopicReader completions = new TopicReader(config.kafka(), topics.runCompleted().name());
                TopicReader deadLetters = new TopicReader(config.kafka(), topics.deadLetter())) {
            // 1. The artifacts are in the bucket; then the store goes away and the scenarios are announced.
            writeArtifacts(config, run);
            Instant down = Instant.now();
            stopObjectStore();
            Duration stopTook = Duration.between(down, Instant.now());
            announce(config, topics, run);
            Instant announced = Instant.now();

            // 2. While it is down: an unreachable store is not a missing manifest. Nothing is
            //    checked, recorded, completed or dead-lettered, and QC keeps running.
            completions.poll(OUTAGE.dividedBy(2));
            deadLetters.poll(OUTAGE.dividedBy(2));
            List<String> recordedDuringOutage = checkRows(config, runId);
            assertEquals(List.of(), recordedDuringOutage,
                    "QC recorded checks for scenarios whose artifacts it could not reach (unreachable is not missing)");
            assertEquals(0, count(config, "select count(*) from run_scenarios where run_id = ?", runId),
                    "scenario rows recorded during the object-store outage");
            assertEquals(List.of(), completedOf(completions, topics, runId),
                    "QC completed the run while the object store was down");
            assertEquals(0, deadLetters.records().size(),
                    "dead-lettered during the object-store outage: " + deadLetters.describe());
            assertFalse(terminated.isDone(), "QC stopped during the object-store outage: " + terminated.getNow(null));
            await("a QC stream thread alive during the object-store outage").atMost(Duration.ofSeconds(5))
                    .until(() -> streamThreadAlive(config));

            // 3. The store is back on the same port, with the same objects: the run completes once, passed.
            Instant restarting = Instant.now();
            startObjectStore();
            Instant up = Instant.now();
            boolean completed = completions.pollUntil(r -> !completedOf(r, topics, runId).isEmpty(), RECOVERY_TIMEOUT);
            Instant seen = Instant.now();
            assertTrue(completed, "run " + runId + " not completed within " + RECOVERY_TIMEOUT
                    + " of the object store coming back; dead-lettered: " + deadLetters.describe()
                    + "; QC terminated: " + terminated.getNow(null));
            report("object store", stopTook, Duration.between(down, restarting), Duration.between(announced, restarting),
                    Duration.between(restarting, up), Duration.between(up, seen));

            awaitQcThrough(config, topics, completions, deadLetters);
            assertRunPassedOnce(config, topics, completions, deadLetters, runId);
            assertFalse(terminated.isDone(), "QC stopped after the object-store outage: " + terminated.getNow(null));
            assertRecoveredWithinBound("the object store", Duration.between(up, seen));
        } finally {
            qc.stop();
        }
    }

    // ------------------------------------------------------------------ assertions

    /**
     * Exactly one run-completed for the run, passed, naming every scenario as passed; its
     * run_metadata.json in the bucket; one run row, one row per scenario and per check, all passed;
     * nothing on the dead-letter topic.
     */
    private static void assertRunPassedOnce(ScenarioOpsConfig config, TopicCatalog topics, TopicReader completions,
            TopicReader deadLetters, String runId) throws Exception {
        List<RunCompleted> completed = completedOf(completions, topics, runId);
        assertEquals(1, completed.size(), "run-completed records for " + runId + ": " + completed);
        RunCompleted done = completed.get(0);
        assertEquals(RunCompleted.STATUS_PASSED, done.status(), "status of " + runId + ": " + done);
        assertEquals(SCENARIOS, done.passedCount(), "passed scenarios of " + runId);
        assertEquals(List.of(), done.failedScenarioIds());
        assertEquals(SCENARIOS, done.scenarioCount());
        assertEquals(PublishedScenarios.DT, done.dt());
        String metadataKey = ObjectLayout.runMetadataKey(PublishedScenarios.DT, runId);
        assertEquals(metadataKey, done.runMetadataKey());

        try (ObjectStore store = new ObjectStore(config.objectStore())) {
            JsonNode metadata = PublishedScenarios.MAPPER.readTree(store.get(metadataKey).orElseThrow(
                    () -> new AssertionError("no " + metadataKey + " in the bucket")));
            assertEquals(runId, metadata.get("run_id").asText());
            assertEquals("passed", metadata.get("status").asText());
            assertEquals(SCENARIOS, metadata.get("scenario_results").size());
            metadata.get("scenario_results").forEach(entry ->
                    assertEquals("passed", entry.get("qc").get("verdict").asText(), entry.toString()));
        }

        assertEquals(1, count(config, "select count(*) from runs where run_id = ?", runId), "run rows");
        assertEquals(1, count(config, "select count(*) from runs where run_id = ? and status = 'passed'"
                + " and scenario_count = 3 and run_metadata_key is not null and completed_at_utc is not null", runId),
                "passed, completed run rows");
        assertEquals(SCENARIOS, count(config, "select count(*) from run_scenarios where run_id = ?", runId),
                "scenario rows");
        assertEquals(SCENARIOS, count(config, "select count(*) from run_scenarios where run_id = ? and verdict = 'passed'"
                + " and cardinality(failed_checks) = 0 and total_cost > 0", runId), "passed scenario rows with KPIs");
        List<String> checks = checkRows(config, runId);
        assertEquals(CHECKS, checks.size(), "check rows: " + checks);
        assertTrue(checks.stream().allMatch(c -> c.contains(" passed ")), "check rows: " + checks);

        assertEquals(0, deadLetters.records().size(), "dead-lettered: " + deadLetters.describe());
    }

    /**
     * "Retried with backoff" means QC tries again soon after the peer is back, not after a fixed
     * group-membership timeout: a transient failure kills the stream thread, and the replacement
     * thread cannot get the tasks before the group coordinator expires the dead thread's consumer
     * (session.timeout.ms, 45 s by default), whatever the backoff says.
     */
    private static void assertRecoveredWithinBound(String server, Duration recovery) {
        assertTrue(recovery.compareTo(RECOVERY_BOUND) <= 0, "QC completed the run " + recovery.toMillis()
                + " ms after " + server + " was back; expected within " + RECOVERY_BOUND.toMillis() + " ms. (A stall of"
                + " about 45 s after the first transient failure is the replaced stream thread waiting for the dead"
                + " thread's group member to expire: session.timeout.ms.)");
    }

    private static void report(String server, Duration stopTook, Duration downFor, Duration downAfterAnnounce,
            Duration restartTook, Duration recovery) {
        System.out.printf("QcOutageTest: %s stopped in %d ms, down %d ms (%d ms after the events were announced);"
                        + " restart took %d ms; run-completed seen %d ms after it was back%n",
                server, stopTook.toMillis(), downFor.toMillis(), downAfterAnnounce.toMillis(), restartTook.toMillis(),
                recovery.toMillis());
    }

    // ------------------------------------------------------------------ playing the publisher

    /** The run's objects in the bucket, as the publisher writes them. */
    private static void writeArtifacts(ScenarioOpsConfig config, List<PublishedScenarios.Published> run) {
        try (ObjectStore store = new ObjectStore(config.objectStore())) {
            store.ensureBucket();
            for (PublishedScenarios.Published scenario : run) {
                scenario.objects().forEach((key, bytes) -> store.put(key, bytes, ObjectStore.JSON));
            }
            for (PublishedScenarios.Published scenario : run) {
                scenario.objects().forEach((key, bytes) -> assertTrue(store.get(key).isPresent(), key));
            }
        }
    }

    /**
     * The run's ScenarioRequested events, as the producer sends them, then its ScenarioPublished
     * events, as the publisher sends them, in one transaction.
     */
    private static void announce(ScenarioOpsConfig config, TopicCatalog topics, List<PublishedScenarios.Published> run) {
        Properties props = KafkaClientProperties.transactionalProducer(config.kafka(),
                "test-publisher-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (PublishedScenarios.Published scenario : run) {
                ScenarioPublished event = scenario.event();
                ScenarioRequested request = PublishedScenarios.request(event.runId(), event.scenarioId(),
                        event.seed(), event.knobs(), "", event.scenarioCount());
                producer.send(new ProducerRecord<>(topics.scenarioRequested().name(),
                        request.key().getBytes(StandardCharsets.UTF_8), topics.scenarioRequested().codec().encode(request)));
            }
            for (PublishedScenarios.Published scenario : run) {
                ScenarioPublished event = scenario.event();
                producer.send(new ProducerRecord<>(topics.scenarioPublished().name(),
                        event.key().getBytes(StandardCharsets.UTF_8), topics.scenarioPublished().codec().encode(event)));
            }
            producer.commitTransaction();
        }
    }

    // ------------------------------------------------------------------ servers

    private static void startPostgres() {
        postgres = EmbeddedPostgres.start(dataDir, pgPort);
    }

    private static void stopPostgres() {
        postgres.close();
        postgres = null;
    }

    private static void startObjectStore() {
        ScenarioOpsConfig defaults = ScenarioOpsConfig.fromEnv(Map.of());
        objectStore = EmbeddedObjectStore.start(dataDir, s3Port, defaults.s3AccessKey(), defaults.s3SecretKey());
    }

    private static void stopObjectStore() {
        objectStore.close();
        objectStore = null;
    }

    // ------------------------------------------------------------------ watching QC

    /** Completes (with QC's failure, or null) when QC's awaitTermination returns; never blocks the test. */
    private static CompletableFuture<Throwable> watchTermination(QcService qc) {
        CompletableFuture<Throwable> terminated = new CompletableFuture<>();
        Thread watcher = new Thread(() -> {
            try {
                terminated.complete(qc.awaitTermination());
            } catch (InterruptedException e) {
                terminated.completeExceptionally(e);
            }
        }, "qc-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return terminated;
    }

    /** A Kafka Streams thread of this QC instance is alive (while one is replaced there may briefly be none). */
    private static boolean streamThreadAlive(ScenarioOpsConfig config) {
        String prefix = QcService.applicationId(config.kafka());
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix) && t.getName().contains("StreamThread"));
    }

    /** Waits until QC has been through every published event sent so far, then reads all it wrote. */
    private static void awaitQcThrough(ScenarioOpsConfig config, TopicCatalog topics, TopicReader completions,
            TopicReader deadLetters) {
        Barriers.awaitConsumed(config.kafka(), QcService.checksApplicationId(config.kafka()),
                topics.scenarioPublished().name());
        Barriers.awaitConsumed(config.kafka(), QcService.applicationId(config.kafka()), topics.qcRunInputs());
        completions.pollToEnd();
        deadLetters.pollToEnd();
    }

    // ------------------------------------------------------------------ reading results

    private static List<RunCompleted> completedOf(TopicReader reader, TopicCatalog topics, String runId) {
        List<RunCompleted> found = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : reader.records()) {
            RunCompleted event = topics.runCompleted().codec().decode(record.value());
            if (event.runId().equals(runId)) {
                found.add(event);
            }
        }
        return found;
    }

    /** "scenario check passed|FAILED detail", one per check row of the run. */
    private static List<String> checkRows(ScenarioOpsConfig config, String runId) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(config);
                PreparedStatement select = connection.prepareStatement("select scenario_id, check_name, passed, detail"
                        + " from qc_checks where run_id = ? order by scenario_id, check_name")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + (rs.getBoolean(3) ? " passed " : " FAILED ")
                            + rs.getString(4));
                }
            }
        }
        return rows;
    }

    private static long count(ScenarioOpsConfig config, String sql, String runId) throws SQLException {
        try (Connection connection = connect(config); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, runId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect(ScenarioOpsConfig config) throws SQLException {
        return DriverManager.getConnection(config.postgres().jdbcUrl(), config.postgres().user(),
                config.postgres().password());
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
