package io.scenarioops.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TopicAdmin;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.producer.Sweep;
import io.scenarioops.qc.QcService;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 1,000-scenario sweep through solver ×2, publisher and QC, each a separate process, while a
 * seeded random schedule SIGKILLs one of them ten times (restarting it each time) and stops and
 * restarts the broker once. Exactly-once must hold end to end: one artifact set, one row and one
 * verdict per scenario, one run-completed.
 *
 * <p>The chaos seed is printed; {@code -Dchaos.seed=N} replays a schedule.
 */
class PipelineChaosIT {
    private static final long MODEL_SEED = 7;
    private static final String SWEEP = "demand_scale=0.501:1.5:0.001";
    private static final int SCENARIOS = 1_000;
    private static final int CHECKS_PER_SCENARIO = 4;
    private static final int KILLS = 10;
    /** Pauses between chaos events, drawn uniformly. */
    private static final Duration MIN_GAP = Duration.ofMillis(100);
    private static final Duration MAX_GAP = Duration.ofMillis(500);
    private static final Duration MAX_BROKER_OUTAGE = Duration.ofSeconds(5);
    /** The longest the chaos waits for the pipeline to check its first scenario. */
    private static final Duration PROGRESS_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration BARRIER_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(10);
    private static final List<String> SCENARIO_OBJECTS = List.of(ObjectLayout.SCENARIO_SPEC,
            ObjectLayout.BASELINE_SUMMARY, ObjectLayout.FACT_PRODUCTION, ObjectLayout.KPI_TOTAL,
            ObjectLayout.KPI_COST_BREAKDOWN, ObjectLayout.MANIFEST);
    private static final Set<String> COMPLETED_STATUSES = Set.of(RunCompleted.STATUS_PASSED,
            RunCompleted.STATUS_FAILED, RunCompleted.STATUS_PARTIAL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TargetDataDir DATA_DIR = new TargetDataDir("chaos-");

    private static EmbeddedStack stack;
    private static ScenarioOpsConfig config;
    private static final ServiceProcesses processes = new ServiceProcesses("chaos-children-kill");
    /** Written from Awaitility's polling thread too. */
    private static final List<String> selfExits = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startStackAndServices() {
        Path dataDir = DATA_DIR.create();
        try {
            stack = EmbeddedStack.start(ScenarioOpsConfig.fromEnv(Map.of()).withDataDir(dataDir.resolve("stack"))
                    .withTopicPrefix("chaos-"));
            config = stack.config();
            TopicAdmin.ensureTopics(config.kafka());
            Path logDir = Path.of("target", "chaos-logs").toAbsolutePath();
            for (String[] service : new String[][] {{"solver", "solver-1"}, {"solver", "solver-2"},
                    {"publisher", "publisher-1"}, {"qc", "qc-1"}}) {
                processes.add(ServiceProcess.localLauncher(service[0], service[1],
                        ServiceProcess.environment(config, service[1], dataDir.resolve("processes").resolve(service[1])), logDir));
            }
            processes.startAll();
            log("stack at %s, services logging to %s", config.kafka().bootstrapServers(), logDir);
        } catch (RuntimeException | Error e) {
            DATA_DIR.keep();
            stopAll();
            throw e;
        }
    }

    @AfterAll
    static void stopStackAndServices() {
        stopAll();
        DATA_DIR.deleteIfAllPassed();
    }

    @Test
    void aSweepThroughKilledServicesAndABrokerRestartIsCompletedExactlyOnce() throws Exception {
        long chaosSeed = Long.getLong("chaos.seed", System.nanoTime());
        log("chaos seed %d (replay with -Dchaos.seed=%d)", chaosSeed, chaosSeed);
        RunPlan plan = RunPlan.create(Sweep.scenarios(List.of(SWEEP)), MODEL_SEED, Instant.now());
        assertEquals(SCENARIOS, plan.scenarios().size(), "scenarios in " + SWEEP);
        long started = System.nanoTime();
        new RunPublisher(config.kafka()).publish(plan, config::objectStore);
        log("run %s published: %d scenarios", plan.runId(), SCENARIOS);

        int checkedAtFirstEvent = runChaos(new Random(chaosSeed), plan.runId());
        assertTrue(checkedAtFirstEvent < SCENARIOS, "the chaos should start before the run ends, but "
                + checkedAtFirstEvent + " scenarios were already checked at the first event");

        awaitRunCompletedInDatabase(plan.runId());
        log("run completed %d ms after publishing (chaos seed %d, services that exited by themselves: %s)",
                millisSince(started), chaosSeed, selfExits);

        TopicCatalog topics = new TopicCatalog(config.topicPrefix());
        KafkaSettings kafka = config.kafka();
        CommittedTopic published = CommittedTopic.read(kafka, topics.scenarioPublished().name(), READ_TIMEOUT);
        await("QC's committed offsets reach the end of " + topics.scenarioPublished().name())
                .atMost(BARRIER_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> published.consumedBy(kafka, kafka.topicPrefix() + QcService.CHECKS_APPLICATION_ID));

        assertOnePublicationPerScenario(plan, published, topics);
        assertOneRunCompleted(plan, topics);
        assertRunMetadataPassed(plan);
        assertExactlyTheRunsObjects(plan);
        assertOneRowPerScenario(plan.runId());
        log("verified in %d ms after publishing", millisSince(started));
    }

    /**
     * Kills a random service at a random moment, restarting it at once, ten times, and restarts the
     * broker once in between; returns how many scenarios QC had checked at the first event. The
     * first event waits until QC has checked a scenario, so that it hits a pipeline at work rather
     * than services still starting up; the others follow at short random gaps, since on a quiet
     * machine the whole sweep takes only seconds once the services are up.
     */
    private static int runChaos(Random random, String runId) throws InterruptedException {
        int brokerRestartAfterKill = 1 + random.nextInt(KILLS - 1);
        awaitChecked(runId, 1);
        int checkedAtFirstEvent = checkedScenarios(runId);
        for (int kill = 1; kill <= KILLS; kill++) {
            ServiceProcess victim = processes.list().get(random.nextInt(processes.list().size()));
            log("kill %d/%d: SIGKILL %s (checked %d/%d)", kill, KILLS, victim.instanceName(), checkedScenarios(runId),
                    SCENARIOS);
            victim.kill();
            victim.start();
            pause(random, MAX_GAP);
            if (kill == brokerRestartAfterKill) {
                log("broker: stop (checked %d/%d)", checkedScenarios(runId), SCENARIOS);
                stack.stopKafka();
                pause(random, MAX_BROKER_OUTAGE);
                stack.restartKafka();
                log("broker: restarted at %s", config.kafka().bootstrapServers());
                pause(random, MAX_GAP);
            }
        }
        return checkedAtFirstEvent;
    }

    /** Waits until QC has checked at least {@code atLeast} scenarios of the run, restarting services that exit. */
    private static void awaitChecked(String runId, int atLeast) {
        await("QC checks " + atLeast + " scenarios of run " + runId).atMost(PROGRESS_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    reviveExitedServices();
                    return checkedScenarios(runId) >= atLeast;
                });
    }

    /** Chaos happens at random moments: this waits for the next one, it does not wait for a condition. */
    private static void pause(Random random, Duration max) throws InterruptedException {
        long min = Math.min(MIN_GAP.toMillis(), max.toMillis());
        Thread.sleep(min + (long) (random.nextDouble() * (max.toMillis() - min)));
    }

    /** A service that stopped on its own (say, on the broker outage) is restarted, and the fact logged. */
    private static void reviveExitedServices() {
        for (ServiceProcess process : processes.list()) {
            OptionalInt exitCode = process.restartIfExited();
            if (exitCode.isPresent()) {
                String exit = process.instanceName() + " exit " + exitCode.getAsInt();
                selfExits.add(exit);
                log("%s by itself; restarted (see %s)", exit, process.logFile());
            }
        }
    }

    private static void awaitRunCompletedInDatabase(String runId) {
        long[] lastLogged = {System.nanoTime()};
        await("run " + runId + " completed in the runs table").atMost(RUN_TIMEOUT).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptionsInstanceOf(SQLException.class)
                .until(() -> {
                    reviveExitedServices();
                    if (System.nanoTime() - lastLogged[0] > PROGRESS_LOG_INTERVAL.toNanos()) {
                        log("waiting: checked %d/%d", checkedScenarios(runId), SCENARIOS);
                        lastLogged[0] = System.nanoTime();
                    }
                    return COMPLETED_STATUSES.contains(queryString("select status from runs where run_id = ?", runId));
                });
    }

    private static void assertOnePublicationPerScenario(RunPlan plan, CommittedTopic published, TopicCatalog topics) {
        Map<String, Integer> perScenario = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : published.records()) {
            ScenarioPublished event = topics.scenarioPublished().codec().decode(record.value());
            if (event.runId().equals(plan.runId())) {
                perScenario.merge(event.scenarioId(), 1, Integer::sum);
            }
        }
        assertEquals(ids(plan), new TreeSet<>(perScenario.keySet()), "scenarios with a scenario-published event");
        assertEquals(List.of(), perScenario.entrySet().stream().filter(e -> e.getValue() != 1).toList(),
                "scenarios published more than once");
    }

    private static void assertOneRunCompleted(RunPlan plan, TopicCatalog topics) {
        List<ConsumerRecord<byte[], byte[]>> completions = CommittedTopic.read(config.kafka(),
                topics.runCompleted().name(), READ_TIMEOUT).withKey(plan.runId());
        assertEquals(1, completions.size(), "run-completed records for run " + plan.runId());
        RunCompleted completed = topics.runCompleted().codec().decode(completions.get(0).value());
        assertEquals(RunCompleted.STATUS_PASSED, completed.status(), "run-completed status");
        assertEquals(SCENARIOS, completed.scenarioCount(), "run-completed scenario_count");
    }

    private static void assertRunMetadataPassed(RunPlan plan) throws IOException {
        String key = ObjectLayout.runMetadataKey(plan.dt(), plan.runId());
        JsonNode metadata;
        try (ObjectStore store = new ObjectStore(config.objectStore())) {
            metadata = JSON.readTree(store.get(key).orElseThrow(() -> new AssertionError("no " + key)));
        }
        assertEquals(RunCompleted.STATUS_PASSED, metadata.path("status").asText(), key + " status");
        assertEquals(SCENARIOS, metadata.path("scenario_count").asInt(), key + " scenario_count");
        List<String> notPassed = new ArrayList<>();
        TreeSet<String> withResult = new TreeSet<>();
        metadata.path("scenario_results").fields().forEachRemaining(entry -> {
            withResult.add(entry.getKey());
            if (!entry.getValue().path("qc").path("verdict").asText().equals("passed")) {
                notPassed.add(entry.getKey());
            }
        });
        assertEquals(ids(plan), withResult, key + " scenario_results");
        assertEquals(List.of(), notPassed, key + ": scenarios that did not pass");
    }

    /** Six objects per scenario, run_metadata.json and report.html: a retried write replaced its object, never added one. */
    private static void assertExactlyTheRunsObjects(RunPlan plan) {
        TreeSet<String> expected = new TreeSet<>();
        expected.add(ObjectLayout.runMetadataKey(plan.dt(), plan.runId()));
        expected.add(ObjectLayout.runReportKey(plan.dt(), plan.runId()));
        for (var scenario : plan.scenarios()) {
            String prefix = ObjectLayout.scenarioPrefix(plan.dt(), plan.runId(), scenario.scenarioId());
            SCENARIO_OBJECTS.forEach(name -> expected.add(prefix + name));
        }
        String runPrefix = ObjectLayout.runPrefix(plan.dt(), plan.runId());
        List<String> listed;
        try (ObjectStore store = new ObjectStore(config.objectStore())) {
            listed = store.list(runPrefix);
        }
        assertEquals(SCENARIOS * SCENARIO_OBJECTS.size() + 2, listed.size(), "objects under " + runPrefix);
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(listed);
        TreeSet<String> extra = new TreeSet<>(listed);
        extra.removeAll(expected);
        assertEquals(List.of(), List.copyOf(missing), "missing under " + runPrefix);
        assertEquals(List.of(), List.copyOf(extra), "unexpected under " + runPrefix);
    }

    private static void assertOneRowPerScenario(String runId) throws SQLException {
        assertEquals(SCENARIOS, queryCount("select count(*) from run_scenarios where run_id = ?", runId),
                "run_scenarios rows");
        assertEquals(SCENARIOS, queryCount("select count(distinct scenario_id) from run_scenarios"
                + " where run_id = ? and verdict = 'passed'", runId), "distinct passed scenarios in run_scenarios");
        assertEquals(SCENARIOS * CHECKS_PER_SCENARIO, queryCount("select count(*) from qc_checks where run_id = ?",
                runId), "qc_checks rows");
        assertEquals(RunCompleted.STATUS_PASSED, queryString("select status from runs where run_id = ?", runId),
                "status in the runs table");
    }

    private static int checkedScenarios(String runId) {
        try {
            return queryCount("select count(*) from run_scenarios where run_id = ?", runId);
        } catch (SQLException e) {
            return 0; // QC has not created its tables yet
        }
    }

    private static int queryCount(String sql, String runId) throws SQLException {
        return Integer.parseInt(queryString(sql, runId));
    }

    private static String queryString(String sql, String runId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(config.postgres().jdbcUrl(), config.pgUser(),
                config.pgPassword());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, runId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : "";
            }
        }
    }

    private static TreeSet<String> ids(RunPlan plan) {
        TreeSet<String> ids = new TreeSet<>();
        plan.scenarios().forEach(s -> ids.add(s.scenarioId()));
        return ids;
    }

    /** Children first (they would only retry against stopped servers), then the servers. */
    private static void stopAll() {
        try {
            processes.close();
        } catch (RuntimeException e) {
            log("could not stop every service: %s", e);
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[chaos] " + format + "%n", args);
    }
}
