package io.scenarioops.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TopicAdmin;
import io.scenarioops.model.Ids;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.runstore.RunDatabase;
import io.scenarioops.runstore.RunQueries;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.testsupport.SelfContainedHtml;
import io.scenarioops.testharness.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The largest run a request may be: {@link RunPlan#MAX_SCENARIOS} scenarios, each id as long as ids
 * may be (64 characters), through the services run as separate processes with the heap a service
 * is sized for (256 MB, {@link ServiceProcess}); its run-completed record must be written and
 * readable, its report.html under 2 MB, and no service may have died on the way.
 */
class TenThousandScenarioRunIT {
    private static final long SEED = 7;
    private static final int SCENARIOS = RunPlan.MAX_SCENARIOS;
    private static final int ID_LENGTH = 64;
    /** Every character an id may hold, so that the ids use the whole alphabet. */
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";
    private static final int SOLVERS = 2;
    private static final Duration CHECKED_TIMEOUT = Duration.ofMinutes(20);
    /** QC completes a run within a second of checking its last scenario. */
    private static final Duration COMPLETION_GRACE = Duration.ofMinutes(1);
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(15);

    @RegisterExtension
    static final TargetDataDir DATA_DIR = new TargetDataDir("ten-thousand-");

    private static EmbeddedStack stack;
    private static final ServiceProcesses services = new ServiceProcesses("ten-thousand-children-kill");

    @BeforeAll
    static void startStackAndServices() {
        Path dataDir = DATA_DIR.create();
        try {
            stack = EmbeddedStack.start(ScenarioOpsConfig.fromEnv(Map.of()).withDataDir(dataDir.resolve("stack")));
            TopicAdmin.ensureTopics(stack.config().kafka());
            Path logDir = Path.of("target", "ten-thousand-logs").toAbsolutePath();
            List<String[]> instances = new ArrayList<>();
            for (int i = 1; i <= SOLVERS; i++) {
                instances.add(new String[] {"solver", "solver-" + i});
            }
            instances.add(new String[] {"publisher", "publisher-1"});
            instances.add(new String[] {"qc", "qc-1"});
            for (String[] instance : instances) {
                services.add(ServiceProcess.localLauncher(instance[0], instance[1],
                        ServiceProcess.environment(stack.config(), instance[1],
                                dataDir.resolve("services").resolve(instance[1])), logDir));
            }
            services.startAll();
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

    private static void stopAll() {
        services.close();
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void tenThousandScenariosWithLongestIdsCompleteWithAReadableRunCompleted() {
        RunPlan plan = RunPlan.create(scenarios(), SEED, Instant.now());
        ScenarioOpsConfig config = stack.config();
        TopicCatalog topics = new TopicCatalog(config.topicPrefix());
        long started = System.nanoTime();
        try (RunDatabase database = RunDatabase.openAndMigrate(config.postgres());
             TopicReader completions = new TopicReader(config.kafka(), topics.runCompleted().name())) {
            RunQueries runs = new RunQueries(database);
            new RunPublisher(config.kafka()).publish(plan, config::objectStore);
            log("run %s published: %d scenarios with %d-character ids", plan.runId(), SCENARIOS, ID_LENGTH);

            long[] lastLogged = {System.nanoTime()};
            await("QC checks all " + SCENARIOS + " scenarios of run " + plan.runId()).atMost(CHECKED_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        int checked = runs.countScenarios(plan.runId());
                        if (System.nanoTime() - lastLogged[0] > PROGRESS_LOG_INTERVAL.toNanos()) {
                            log("checked %d/%d after %d s", checked, SCENARIOS, millisSince(started) / 1000);
                            lastLogged[0] = System.nanoTime();
                        }
                        return checked == SCENARIOS;
                    });
            log("all %d scenarios checked %d ms after publishing", SCENARIOS, millisSince(started));

            await("a run-completed record for run " + plan.runId() + " once every scenario is checked")
                    .atMost(COMPLETION_GRACE)
                    .until(() -> completions.pollUntil(r -> r.keys().contains(plan.runId()), Duration.ofSeconds(1)));
            List<ConsumerRecord<byte[], byte[]>> forRun = completions.records().stream()
                    .filter(r -> plan.runId().equals(new String(r.key(), StandardCharsets.UTF_8)))
                    .toList();
            assertEquals(1, forRun.size(), "run-completed records for the run");
            log("run-completed is %d bytes", forRun.get(0).value().length);
            RunCompleted completed = topics.runCompleted().codec().decode(forRun.get(0).value());
            assertEquals(plan.runId(), completed.runId(), "run-completed run_id");
            assertEquals(RunCompleted.STATUS_PASSED, completed.status(), "run-completed status");
            assertEquals(SCENARIOS, completed.scenarioCount(), "run-completed scenario_count");
            log("run completed and verified %d ms after publishing (%.0f scenarios/s with the services'"
                    + " start-up)", millisSince(started), SCENARIOS * 1000.0 / millisSince(started));
            assertReportIsLight(config, plan);
            for (ServiceProcess service : services.list()) {
                assertTrue(service.isAlive(), () -> service.instanceName() + " is no longer running; see "
                        + service.logFile());
            }
        }
    }

    /** QC wrote the run's report.html with the run: under 2 MB, the curves and 40 rows, nothing loaded from elsewhere. */
    private static void assertReportIsLight(ScenarioOpsConfig config, RunPlan plan) {
        String key = ObjectLayout.runReportKey(plan.dt(), plan.runId());
        byte[] report;
        try (ObjectStore store = new ObjectStore(config.objectStore())) {
            report = store.get(key).orElseThrow(() -> new AssertionError("no " + key));
        }
        log("report.html is %d bytes", report.length);
        assertTrue(report.length < 2_000_000, key + " is " + report.length + " bytes");
        Document page = SelfContainedHtml.parse(new String(report, StandardCharsets.UTF_8));
        assertEquals(List.of(), SelfContainedHtml.externalReferences(page), key);
        assertEquals(1, page.select("#sweep svg[aria-label=total_cost] polyline").size(), "total_cost curve");
        assertEquals(40, page.select("#scenario-table tbody tr").size(), "table rows");
    }

    /** Ids of exactly 64 characters: the index, then the alphabet rotated by it; demand from 0.5 to 1.5. */
    private static List<ScenarioDefinition> scenarios() {
        List<ScenarioDefinition> scenarios = new ArrayList<>(SCENARIOS);
        for (int i = 0; i < SCENARIOS; i++) {
            String index = String.format("%05d-", i);
            String rotated = ID_ALPHABET.substring(i % ID_ALPHABET.length()) + ID_ALPHABET;
            String id = Ids.requireValidId("scenario_id", index + rotated.substring(0, ID_LENGTH - index.length()));
            assertEquals(ID_LENGTH, id.length(), "scenario id length");
            scenarios.add(new ScenarioDefinition(id, new Knobs(0.5 + (i % 1_001) / 1_000.0, 1.0, 1.0), ""));
        }
        return scenarios;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[ten-thousand] " + format + "%n", args);
    }
}
