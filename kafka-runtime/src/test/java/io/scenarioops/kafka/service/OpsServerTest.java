package io.scenarioops.kafka.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scenarioops.kafka.metrics.DeadLetterReason;
import io.scenarioops.kafka.metrics.StageMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoints over real HTTP, with checks whose outcome the test decides. */
class OpsServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean storeUp = new AtomicBoolean(true);
    private final AtomicBoolean alive = new AtomicBoolean(true);
    private final CountDownLatch never = new CountDownLatch(1);
    private OpsServer server;

    @AfterEach
    void stop() {
        never.countDown();
        server.close();
    }

    @Test
    void metricsAreServedInThePrometheusTextFormatWithTheServiceTag() throws Exception {
        StageMetrics solver = new StageMetrics(registry, "solver");
        solver.processed(7);
        solver.deadLettered(DeadLetterReason.TOO_LARGE, 2);
        server = OpsServer.start(0, registry, List::of, alive::get);

        HttpResponse<String> metrics = get("/metrics");

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        List<String> lines = metrics.body().lines().toList();
        assertTrue(lines.contains("scenarioops_stage_processed_total{service=\"solver\"} 7.0"), metrics.body());
        assertTrue(lines.contains("scenarioops_stage_dead_lettered_total{reason=\"too-large\",service=\"solver\"} 2.0"),
                metrics.body());
        assertTrue(lines.contains("scenarioops_stage_outage_duration_seconds{service=\"solver\"} 0.0"), metrics.body());
    }

    @Test
    void readyNamesTheCheckThatFailedAndWhy() throws Exception {
        server = OpsServer.start(0, registry, () -> List.of(
                new ReadinessCheck(ReadinessCheck.KAFKA, () -> { }),
                new ReadinessCheck(ReadinessCheck.OBJECT_STORE, () -> {
                    if (!storeUp.get()) {
                        throw new IOException("connection refused by localhost:9000");
                    }
                })), alive::get);

        HttpResponse<String> ready = get("/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("{\"status\":\"READY\",\"checks\":[\"kafka\",\"object-store\"]}", ready.body());

        storeUp.set(false);
        HttpResponse<String> unready = get("/ready");
        assertEquals(503, unready.statusCode());
        assertEquals("application/json", unready.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = JSON.readTree(unready.body());
        assertEquals("NOT_READY", body.get("status").asText());
        assertEquals("connection refused by localhost:9000", body.get("failed").get("object-store").asText());
        assertEquals(1, body.get("failed").size(), unready.body());
        assertEquals(200, get("/health").statusCode(), "an unready service is still alive");
    }

    @Test
    void aCheckWithoutAnAnswerFailsAfterItsTimeout() throws Exception {
        server = OpsServer.start(0, registry, () -> List.of(new ReadinessCheck(ReadinessCheck.DATABASE, never::await)),
                alive::get);

        long started = System.nanoTime();
        HttpResponse<String> ready = get("/ready");

        assertEquals(503, ready.statusCode());
        assertEquals("no answer within 4 s", JSON.readTree(ready.body()).get("failed").get("database").asText());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(OpsServer.CHECK_TIMEOUT.plusSeconds(3)) < 0);
    }

    @Test
    void healthFollowsTheServiceAndUnknownPathsAreNotFound() throws Exception {
        server = OpsServer.start(0, registry, List::of, alive::get);

        assertEquals("{\"status\":\"UP\"}", get("/health").body());
        alive.set(false);
        HttpResponse<String> health = get("/health");
        assertEquals(503, health.statusCode());
        assertEquals("{\"status\":\"DOWN\"}", health.body());
        assertEquals("{\"service\":\"stopped\"}", JSON.readTree(get("/ready").body()).get("failed").toString());
        assertEquals(404, get("/readyz").statusCode());
        assertEquals(404, get("/").statusCode());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
