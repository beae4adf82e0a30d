package io.scenarioops.local.bench;

import io.scenarioops.storage.ObjectStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntUnaryOperator;

/**
 * What the object store alone sustains for a scenario's objects: PUTs, then GETs of what was put,
 * from as many threads as the publisher writes with, through the same client.
 */
final class ObjectStoreCeiling {
    /** Operations on the store per scenario: its five artifacts and manifest written, then read back by QC. */
    static final int PUTS_PER_SCENARIO = 6;
    static final int GETS_PER_SCENARIO = 6;
    private static final int THREADS = 16;

    record Rates(double putsPerSecond, double getsPerSecond) {
        /** Scenarios per second the store would allow if it did nothing else. */
        double scenariosPerSecond() {
            return 1 / (PUTS_PER_SCENARIO / putsPerSecond + GETS_PER_SCENARIO / getsPerSecond);
        }
    }

    private final ObjectStore store;
    private final List<byte[]> objects;

    /** @param objects the bodies to cycle through: one scenario's objects, so the sizes are the pipeline's */
    ObjectStoreCeiling(ObjectStore store, List<byte[]> objects) {
        this.store = store;
        this.objects = List.copyOf(objects);
    }

    Rates measure(Duration each) {
        String prefix = "bench/ceiling/" + UUID.randomUUID() + "/";
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, BenchThreads.daemon("store-ceiling"));
        try {
            List<List<String>> written = new ArrayList<>();
            double puts = perSecond(threads, each, thread -> {
                List<String> keys = new ArrayList<>();
                written.add(keys);
                return i -> {
                    String key = prefix + thread + "/" + i;
                    store.put(key, objects.get(i % objects.size()), ObjectStore.JSON);
                    keys.add(key);
                    return 1;
                };
            });
            double gets = perSecond(threads, each, thread -> {
                List<String> keys = written.get(thread);
                return i -> {
                    store.get(keys.get(i % keys.size())).orElseThrow();
                    return 1;
                };
            });
            return new Rates(puts, gets);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Operations per second of {@code THREADS} threads, each calling its operation with 0, 1, 2, … until the time is up. */
    private static double perSecond(ExecutorService threads, Duration duration,
            java.util.function.IntFunction<IntUnaryOperator> operationOfThread) {
        List<IntUnaryOperator> operations = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            operations.add(operationOfThread.apply(t));
        }
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<Integer>> counts = new ArrayList<>();
        for (IntUnaryOperator operation : operations) {
            counts.add(threads.submit(() -> {
                int done = 0;
                while (System.nanoTime() < deadline) {
                    done += operation.applyAsInt(done);
                }
                return done;
            }));
        }
        long total = 0;
        for (Future<Integer> count : counts) {
            total += BenchThreads.await(count, "object store ceiling");
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }
}
