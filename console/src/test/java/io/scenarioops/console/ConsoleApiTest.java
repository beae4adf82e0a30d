package io.scenarioops.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.runstore.RunDatabase;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import io.scenarioops.testharness.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON API on real Kafka, PostgreSQL and S3 (no pipeline services: what is asserted is what
 * reaches {@code scenario-requested} and what the API answers).
 */
@PipelineTest
class ConsoleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
    private static final String BAD_ID = """
            {"scenarios": [{"scenario_id": "a/b", "knobs": {"demand_scale": 1, "variable_cost_scale": 1, "logistics_cost_scale": 1}}]}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private StackSlice slice;
    private ConsoleServer console;

    private record Response(int status, JsonNode body) {
    }

    @BeforeEach
    void startConsole(StackSlice slice) {
        this.slice = slice;
        // QC creates the run store's tables; without QC here, the test does.
        RunDatabase.openAndMigrate(slice.config().postgres()).close();
        console = new ConsoleServer(slice.config(), new ConsoleSettings("127.0.0.1", 0));
        console.start();
    }

    @AfterEach
    void stopConsole() {
        console.stop();
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private Response post(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(console.url() + "api/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(console.url() + path)).GET());
    }

    /** The scenario ids of the run's requests on the topic, once {@code count} of them are there. */
    private static Set<String> requested(TopicReader reader, String runId, int count) {
        assertTrue(reader.pollUntil(r -> keysOf(r, runId).size() == count, TOPIC_TIMEOUT),
                () -> "expected " + count + " requests of run " + runId + ", got " + reader.keys());
        return keysOf(reader, runId);
    }

    private static Set<String> keysOf(TopicReader reader, String runId) {
        Set<String> scenarioIds = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : reader.records()) {
            String key = new String(record.key(), UTF_8);
            if (key.startsWith(runId + "/")) {
                scenarioIds.add(key.substring(runId.length() + 1));
            }
        }
        return scenarioIds;
    }

    @Test
    void theThreeBodyFormsArePublished() throws Exception {
        Response seed = post("{}");
        Response file = post("""
                {"scenarios": [{"scenario_id": "base", "solver": "lp-v1",
                  "knobs": {"demand_scale": 1, "variable_cost_scale": 1, "logistics_cost_scale": 1}, "notes": "LP"}]}""");
        Response sweep = post("{\"sweep\": [\"demand_scale=0.8:1.2:0.05\"], \"seed\": 7}");
        assertEquals(List.of(202, 202, 202), List.of(seed.status(), file.status(), sweep.status()));
        assertEquals(3, seed.body().get("scenario_count").asInt());
        assertEquals(9, sweep.body().get("scenario_count").asInt());
        try (TopicReader reader = slice.reader(slice.topics().scenarioRequested().name())) {
            assertEquals(Set.of("baseline", "demand_up_10", "costs_up_10"),
                    requested(reader, seed.body().get("run_id").asText(), 3));
            assertEquals(Set.of("base"), requested(reader, file.body().get("run_id").asText(), 1));
            Set<String> sweepIds = requested(reader, sweep.body().get("run_id").asText(), 9);
            assertTrue(sweepIds.contains("sweep_00000") && sweepIds.contains("sweep_00008"), sweepIds::toString);
        }
        // Listed at once as requested, newest first, though QC (not running here) recorded nothing.
        JsonNode runs = get("api/runs").body().get("runs");
        assertEquals(sweep.body().get("run_id"), runs.get(0).get("run_id"));
        assertEquals("requested", runs.get(0).get("status").asText());
        assertEquals(3, runs.size());
        Response one = get("api/runs/" + seed.body().get("run_id").asText());
        assertEquals(200, one.status());
        assertEquals(3, one.body().get("run").get("scenario_count").asInt());
        assertEquals(0, one.body().get("scenarios").size());
    }

    @Test
    void aRejectedRequestPublishesNothing() throws Exception {
        Response rejected = post(BAD_ID);
        assertEquals(400, rejected.status());
        assertEquals("scenarios[0].scenario_id", rejected.body().get("field").asText());
        assertEquals("scenarios[0].scenario_id: must match [A-Za-z0-9_.-]{1,64}, got \"a/b\"",
                rejected.body().get("error").asText());
        Response unknownField = post("{\"sweeps\": []}");
        assertEquals(400, unknownField.status());
        assertEquals("sweeps", unknownField.body().get("field").asText());
        Response notJson = post("{\"sweep\": [");
        assertEquals(400, notJson.status());
        assertEquals("body", notJson.body().get("field").asText());

        // Barrier: a valid request published after the rejected ones; once its events are on the
        // topic, anything published before them would be too.
        Response accepted = post("{}");
        assertEquals(202, accepted.status());
        String runId = accepted.body().get("run_id").asText();
        try (TopicReader reader = slice.reader(slice.topics().scenarioRequested().name())) {
            requested(reader, runId, 3);
            reader.pollToEnd();
            assertEquals(3, reader.records().size(), reader::describe);
            assertEquals(Set.of(runId + "/baseline", runId + "/demand_up_10", runId + "/costs_up_10"), reader.keys());
        }
        assertEquals(1, get("api/runs").body().get("runs").size());
    }

    @Test
    void unknownRunsAndBadLimitsAreNamed() throws Exception {
        Response unknown = get("api/runs/no-such-run");
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().get("error").asText().contains("no-such-run"), unknown.body()::toString);
        Response badLimit = get("api/runs?limit=0");
        assertEquals(400, badLimit.status());
        assertEquals("limit", badLimit.body().get("field").asText());
    }
}
