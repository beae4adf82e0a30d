package io.scenarioops.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.embedded.EmbeddedObjectStore;
import io.scenarioops.events.EventCodec;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.schema.JsonSchemas;
import io.scenarioops.publisher.ScenarioArtifacts;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What single operations cost in one JVM, to tell where the pipeline's time per scenario goes:
 * the solved event's encoding, decoding and schema validation against solving and rendering,
 * and a PUT to the embedded object store one at a time and eight at a time. Rounds repeat, so
 * the last ones show the JIT-compiled cost. Run with the launcher's class path:
 * {@code java -cp "local-pipeline/target/scenarioops-local-pipeline-0.1.0-SNAPSHOT.jar:local-pipeline/target/lib/*"
 * io.scenarioops.local.bench.OperationCostProbe}.
 */
public final class OperationCostProbe {
    private static final int SCENARIOS = 200;
    private static final int ROUNDS = 6;
    private static final int PUTS = 600;
    private static final int PUT_ROUNDS = 3;
    /** About the size of a scenario's fact_production.json. */
    private static final int PUT_BYTES = 40_000;

    private OperationCostProbe() {
    }

    public static void main(String[] args) throws IOException {
        solvedEvent();
        Path dir = Files.createTempDirectory("scenarioops-operation-costs");
        try (EmbeddedObjectStore server = EmbeddedObjectStore.start(dir, EmbeddedObjectStore.ANY_FREE_PORT,
                "probe", "probe-secret");
             ObjectStore store = new ObjectStore(new ObjectStoreSettings(server.endpoint(), "probe", "probe-secret",
                     "operation-costs"))) {
            store.ensureBucket();
            for (int threads : new int[] {1, 8}) {
                puts(store, threads);
            }
        }
    }

    private static void solvedEvent() throws IOException {
        ScenarioSolver solver = new ScenarioSolver(Clock.systemUTC(), new BaselineFiles(key -> Optional.empty()));
        List<ScenarioRequested> requests = Workloads.demandSweep(SCENARIOS).events();
        List<ScenarioSolved> solved = requests.stream().map(solver::solve).toList();
        EventCodec<ScenarioSolved> codec = EventCodec.SCENARIO_SOLVED;
        List<byte[]> encoded = solved.stream().map(codec::encode).toList();
        ObjectMapper json = new ObjectMapper();
        System.out.printf("scenario-solved event: %d bytes%n", encoded.get(0).length);
        for (int round = 1; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            requests.forEach(solver::solve);
            long solvedAt = System.nanoTime();
            solved.forEach(codec::encode);
            long encodedAt = System.nanoTime();
            encoded.forEach(codec::decode);
            long decodedAt = System.nanoTime();
            List<JsonNode> trees = new ArrayList<>();
            for (byte[] bytes : encoded) {
                trees.add(json.readTree(bytes));
            }
            long parsedAt = System.nanoTime();
            trees.forEach(tree -> JsonSchemas.validate(JsonSchemas.SCENARIO_SOLVED, tree));
            long validatedAt = System.nanoTime();
            solved.forEach(ScenarioArtifacts::render);
            long renderedAt = System.nanoTime();
            System.out.printf("round %d, ms per scenario: solve %.2f, encode %.2f, decode %.2f (of which parse %.2f,"
                    + " schema validation %.2f), render artifacts %.2f%n", round, perScenario(solvedAt - start),
                    perScenario(encodedAt - solvedAt), perScenario(decodedAt - encodedAt),
                    perScenario(parsedAt - decodedAt), perScenario(validatedAt - parsedAt),
                    perScenario(renderedAt - validatedAt));
        }
    }

    private static double perScenario(long nanos) {
        return nanos / 1e6 / SCENARIOS;
    }

    private static void puts(ObjectStore store, int threads) {
        byte[] body = new byte[PUT_BYTES];
        Arrays.fill(body, (byte) 'x');
        ExecutorService pool = Executors.newFixedThreadPool(threads, BareLoop.daemon("probe-put"));
        try {
            for (int round = 1; round <= PUT_ROUNDS; round++) {
                String prefix = "t" + threads + "/r" + round + "/";
                List<Future<Double>> latencies = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < PUTS; i++) {
                    String key = prefix + i;
                    latencies.add(pool.submit(() -> {
                        long put = System.nanoTime();
                        store.put(key, body, ObjectStore.JSON);
                        return (System.nanoTime() - put) / 1e6;
                    }));
                }
                List<Double> millis = new ArrayList<>();
                for (Future<Double> latency : latencies) {
                    millis.add(latency.get());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("PUT of %d bytes, %d thread(s), round %d: %.0f PUT/s, median %.2f ms%n", PUT_BYTES,
                        threads, round, PUTS / seconds, new Samples("put", "ms", millis).median());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a PUT failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
