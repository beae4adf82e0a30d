package io.scenarioops.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.embedded.EmbeddedObjectStore;
import io.scenarioops.events.EventCodec;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.schema.JsonSchemas;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.publisher.ScenarioArtifacts;
import io.scenarioops.qc.QualityGate;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.storage.Sha256;
import java.io.IOException;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What single operations cost in one JVM, to tell where the pipeline's time per scenario goes:
 * the solved event's encoding, decoding and schema validation against solving and rendering,
 * QC's inspection of an lp-v1 plan against its solve, and a PUT to the embedded object store one
 * at a time and eight at a time. Rounds repeat, so the last ones show the JIT-compiled cost. Run
 * with the launcher's class path:
 * {@code java -cp "local-pipeline/target/scenarioops-local-pipeline-0.1.0-SNAPSHOT.jar:local-pipeline/target/lib/*"
 * io.scenarioops.local.bench.OperationCostProbe}.
 */
public final class OperationCostProbe {
    private static final int SCENARIOS = 200;
    private static final int LP_ROUNDS = 16;
    /** The solver's limit for a solved event with its tables inline (TableOffload). */
    private static final int INLINE_EVENT_LIMIT = 512 * 1024;
    private static final int ROUNDS = 6;
    private static final int PUTS = 600;
    private static final int PUT_ROUNDS = 3;
    /** About the size of a scenario's fact_production.json. */
    private static final int PUT_BYTES = 40_000;

    private OperationCostProbe() {
    }

    public static void main(String[] args) throws IOException {
        solvedEvent();
        lpInspection();
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

    /**
     * One lp-v1 scenario on the bench's solver-bound instance: the solve against QC's inspection of
     * its artifacts (read from memory), whose ratio bounds the solver scaling on two cores.
     */
    private static void lpInspection() {
        ScenarioSolver solver = new ScenarioSolver(Clock.systemUTC(), new BaselineFiles(key -> Optional.empty()));
        ScenarioRequested request = Workloads.lpRun(1, BenchMode.QUICK.lpInstance).events().get(0);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Double> solveMillis = new ArrayList<>();
        List<Double> renderMillis = new ArrayList<>();
        List<Double> inspectMillis = new ArrayList<>();
        List<Double> encodeMillis = new ArrayList<>();
        List<Double> sizeMillis = new ArrayList<>();
        long inspectAllocated = 0;
        for (int round = 1; round <= LP_ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            ScenarioSolved solved = solver.solve(request);
            long solvedAt = threads.getCurrentThreadCpuTime();
            ScenarioArtifacts.Rendered rendered = ScenarioArtifacts.render(solved);
            long renderedAt = threads.getCurrentThreadCpuTime();
            EventCodec.SCENARIO_SOLVED.encode(solved);
            long encodedAt = threads.getCurrentThreadCpuTime();
            EventCodec.SCENARIO_SOLVED.encodeWithin(solved, INLINE_EVENT_LIMIT);
            long sizedAt = threads.getCurrentThreadCpuTime();
            Map<String, byte[]> objects = new HashMap<>();
            rendered.artifacts().forEach(artifact -> objects.put(artifact.key(), artifact.content()));
            objects.put(rendered.manifest().key(), rendered.manifest().content());
            ScenarioPublished published = ScenarioPublished.of(solved,
                    solved.header().next(EventIds.derived("publisher", solved.eventId()),
                            Timestamps.utc(Instant.now())),
                    rendered.scenarioPrefix(), rendered.manifest().key(), Sha256.hex(rendered.manifest().content()));
            long inspectAt = threads.getCurrentThreadCpuTime();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            QualityGate.Inspection inspection = QualityGate.inspect(published, key -> Optional.ofNullable(objects.get(key)));
            long inspectedAt = threads.getCurrentThreadCpuTime();
            inspectAllocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            if (!inspection.passed()) {
                throw new IllegalStateException("QC failed the probe's own plan: " + inspection.checks());
            }
            if (round > LP_ROUNDS / 2) {
                solveMillis.add((solvedAt - start) / 1e6);
                renderMillis.add((renderedAt - solvedAt) / 1e6);
                inspectMillis.add((inspectedAt - inspectAt) / 1e6);
                encodeMillis.add((encodedAt - renderedAt) / 1e6);
                sizeMillis.add((sizedAt - encodedAt) / 1e6);
            }
        }
        System.out.printf("lp-v1 %s, thread CPU ms, median of the last %d of %d rounds: solve %.0f, render %.0f,"
                + " QC inspection %.0f (allocating %.0f MB)%n", BenchMode.QUICK.lpInstance, solveMillis.size(),
                LP_ROUNDS, new Samples("solve", "ms", solveMillis).median(),
                new Samples("render", "ms", renderMillis).median(), new Samples("inspection", "ms", inspectMillis).median(),
                inspectAllocated / 1e6);
        System.out.printf("lp-v1 %s solved event, thread CPU ms: encoded whole %.0f, encoded up to the solver's"
                + " %d-byte inline limit %.0f%n", BenchMode.QUICK.lpInstance,
                new Samples("encode", "ms", encodeMillis).median(), INLINE_EVENT_LIMIT,
                new Samples("size", "ms", sizeMillis).median());
    }

    private static double perScenario(long nanos) {
        return nanos / 1e6 / SCENARIOS;
    }

    private static void puts(ObjectStore store, int threads) {
        byte[] body = new byte[PUT_BYTES];
        Arrays.fill(body, (byte) 'x');
        ExecutorService pool = Executors.newFixedThreadPool(threads, BenchThreads.daemon("probe-put"));
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
                    millis.add(BenchThreads.await(latency, "a PUT failed"));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("PUT of %d bytes, %d thread(s), round %d: %.0f PUT/s, median %.2f ms%n", PUT_BYTES,
                        threads, round, PUTS / seconds, new Samples("put", "ms", millis).median());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
