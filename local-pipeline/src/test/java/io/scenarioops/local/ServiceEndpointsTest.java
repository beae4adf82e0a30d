package io.scenarioops.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedObjectStore;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.service.OpsSettings;
import io.scenarioops.kafka.service.ReadinessCheck;
import io.scenarioops.kafka.service.Service;
import io.scenarioops.kafka.service.ServiceRunner;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.producer.Sweep;
import io.scenarioops.publisher.PublisherService;
import io.scenarioops.qc.QcService;
import io.scenarioops.solver.SolverService;
import io.scenarioops.testharness.Barriers;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 4 of issue 12, on the path a deployed service takes: the publisher run by
 * {@link ServiceRunner} with {@value OpsSettings#METRICS_PORT} set, as {@code service publisher}
 * runs it. During a run its {@code /metrics} shows its counters rising and its consumer lag;
 * {@code /ready} turns 503, naming the object store, within 10 s of the object store stopping, and
 * 200 again once it is back.
 *
 * <p>Kafka and PostgreSQL are the shared ones; the object store is this test's own, on a fixed
 * port, since the test stops and restarts it.
 */
@PipelineTest({EmbeddedStack.Component.KAFKA, EmbeddedStack.Component.POSTGRES})
class ServiceEndpointsTest {
    /** 120 scenarios. */
    private static final String BACKLOG_SWEEP = "demand_scale=0.805:1.4:0.005";
    private static final Duration UNREADY_BOUND = Duration.ofSeconds(10);
    /** The Kafka meter binder looks for new client meters every 5 s (StageMetrics). */
    private static final Duration PER_PARTITION_METER_BOUND = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EmbeddedObjectStore objectStore;

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (objectStore != null) {
            objectStore.close();
        }
    }

    @Test
    void metricsShowTheRunAndReadinessFollowsTheObjectStore(StackSlice slice) throws Exception {
        Path storeDir = Path.of("target", "service-endpoints-" + UUID.randomUUID()).toAbsolutePath();
        int storePort = freePort();
        ScenarioOpsConfig servers = slice.config();
        objectStore = EmbeddedObjectStore.start(storeDir, storePort, servers.s3AccessKey(), servers.s3SecretKey());
        ScenarioOpsConfig config = servers.withS3Endpoint(objectStore.endpoint());
        KafkaSettings kafka = config.kafka();
        TopicCatalog topics = slice.topics();

        // The solver works through the run first, so that the publisher starts behind: a lag to see.
        // The lag is measured as records are handed out, so the backlog must exceed one poll (50).
        SolverService solver = started(new SolverService(kafka, config.objectStore()));
        QcService qc = started(new QcService(config));
        RunPlan plan = RunPlan.create(Sweep.scenarios(List.of(BACKLOG_SWEEP)), 7, Instant.now());
        int scenarios = plan.scenarios().size();
        new RunPublisher(kafka).publish(plan, config::objectStore);
        Barriers.awaitConsumed(kafka, kafka.topicPrefix() + SolverService.GROUP_ID, topics.scenarioRequested().name());
        Barriers.awaitSettled(kafka, topics.scenarioSolved().name());

        int port = freePort();
        AtomicReference<Service> publisher = new AtomicReference<>();
        CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> ServiceRunner.run(config,
                Map.of(OpsSettings.METRICS_PORT, Integer.toString(port)), (cfg, telemetry) -> {
                    publisher.set(new PublisherService(cfg.kafka(), cfg.objectStore(), telemetry));
                    return publisher.get();
                }));
        toClose.add(() -> {
            if (publisher.get() != null) {
                publisher.get().stop();
            }
        });

        // /metrics during the run: the publisher's counter climbs to the run's size; its lag shows.
        List<Double> processedSeen = new ArrayList<>();
        List<Double> lagSeen = new ArrayList<>();
        await("the publisher's counter at " + scenarios).atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .untilAsserted(() -> {
                    String metrics = get(port, "/metrics").body();
                    value(metrics, "scenarioops_stage_processed_total", "service=\"publisher\"")
                            .ifPresent(processedSeen::add);
                    value(metrics, "kafka_consumer_fetch_manager_records_lag_max", "service=\"publisher\"")
                            .ifPresent(lagSeen::add);
                    assertTrue(processedSeen.contains((double) scenarios), "processed: " + processedSeen);
                    assertTrue(lagSeen.stream().anyMatch(lag -> lag > 0), "records-lag-max: " + lagSeen);
                });
        assertTrue(processedSeen.stream().distinct().count() >= 2, "seen climbing: " + processedSeen);
        for (int i = 1; i < processedSeen.size(); i++) {
            assertTrue(processedSeen.get(i) >= processedSeen.get(i - 1), "a counter never falls: " + processedSeen);
        }
        assertTrue(lagSeen.stream().mapToDouble(Double::doubleValue).max().orElse(0) <= scenarios,
                "the lag is at most the backlog: " + lagSeen);
        RunCompleted completed = await("run-completed of " + plan.runId()).atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> slice.runCompleted(plan.runId()), found -> !found.isEmpty()).get(0);
        assertEquals(RunCompleted.STATUS_PASSED, completed.status(), completed.toString());
        String metrics = get(port, "/metrics").body();
        assertEquals(scenarios, value(metrics, "scenarioops_stage_processed_total", "service=\"publisher\"")
                .orElseThrow());
        assertEquals(scenarios, value(metrics, "scenarioops_stage_record_duration_seconds_count",
                "service=\"publisher\"").orElseThrow(), "one timed publish per scenario");
        assertEquals(0, value(metrics, "scenarioops_stage_dead_lettered_total", "service=\"publisher\"",
                "reason=\"invalid-input\"").orElseThrow());
        // A partition's lag is a meter the client adds once the partition is assigned; the binder
        // finds new meters every few seconds, and a fast run can complete before it looks again.
        await("per-partition lag on /metrics").atMost(PER_PARTITION_METER_BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> value(get(port, "/metrics").body(), "kafka_consumer_fetch_manager_records_lag",
                        "service=\"publisher\"", "partition=\"").isPresent());
        assertReady(port);

        // The object store stops: /ready says so, naming it, while the process stays alive.
        objectStore.close();
        objectStore = null;
        JsonNode unready = await("/ready is 503 after the object store stopped").atMost(UNREADY_BOUND)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> readiness(port), body -> body.get("status").asText().equals("NOT_READY"));
        assertTrue(unready.get("failed").has(ReadinessCheck.OBJECT_STORE), unready.toString());
        assertEquals(1, unready.get("failed").size(), "only the object store is down: " + unready);
        assertEquals(503, get(port, "/ready").statusCode());
        assertEquals(200, get(port, "/health").statusCode(), "an outage is no reason to restart the process");

        // Back at the same endpoint: ready again.
        objectStore = EmbeddedObjectStore.start(storeDir, storePort, servers.s3AccessKey(), servers.s3SecretKey());
        await("/ready is 200 once the object store is back").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> readiness(port).get("status").asText().equals("READY"));
        assertReady(port);

        publisher.get().stop();
        assertEquals(ServiceRunner.EXIT_OK, exitCode.get(60, TimeUnit.SECONDS));
        solver.stop();
        qc.stop();
    }

    private <S extends Service> S started(S service) {
        service.start();
        toClose.add(service::stop);
        return service;
    }

    private static void assertReady(int port) throws Exception {
        HttpResponse<String> ready = get(port, "/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode body = JSON.readTree(ready.body());
        assertEquals("READY", body.get("status").asText());
        List<String> checks = new ArrayList<>();
        body.get("checks").forEach(check -> checks.add(check.asText()));
        assertEquals(List.of(ReadinessCheck.KAFKA, ReadinessCheck.STAGE, ReadinessCheck.OUTAGE, ReadinessCheck.OBJECT_STORE),
                checks);
    }

    private static JsonNode readiness(int port) throws Exception {
        return JSON.readTree(get(port, "/ready").body());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The largest value of the metric among its series whose labels contain every fragment. */
    private static OptionalDouble value(String scrape, String metric, String... labelFragments) {
        return scrape.lines()
                .filter(line -> line.startsWith(metric + "{"))
                .filter(line -> List.of(labelFragments).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .filter(v -> !Double.isNaN(v))
                .max();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
