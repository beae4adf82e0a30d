package io.scenarioops.local.bench;

import io.scenarioops.model.Baseline;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.PlanningParameters;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What two cores give two solvers with nothing else to do: the same lp-v1 solves one after the
 * other on one thread, then shared by two threads. The ratio is the ceiling of the pipeline's
 * solver scaling on this machine: two virtual cores that share a physical one, or its memory
 * bandwidth, do not solve twice as fast, whatever the pipeline around them costs.
 */
final class SolveCeiling {
    record Result(double oneThreadSeconds, double twoThreadsSeconds) {
        double ratio() {
            return oneThreadSeconds / twoThreadsSeconds;
        }
    }

    private final Baseline instance;
    private final int solves;

    /** @param solves how many solves each measurement makes: even, half on each thread with two */
    SolveCeiling(InstanceSize size, int solves) {
        if (solves < 2 || solves % 2 != 0) {
            throw new IllegalArgumentException("solves must be even and at least 2, got " + solves);
        }
        this.instance = BaselineGenerator.generate(BaselineGenerator.DEFAULT_SEED, size);
        this.solves = solves;
    }

    Result measure() {
        long start = System.nanoTime();
        solve(solves);
        double one = (System.nanoTime() - start) / 1e9;
        ExecutorService threads = Executors.newFixedThreadPool(2, BenchThreads.daemon("bench-solve-ceiling"));
        try {
            start = System.nanoTime();
            List<Future<?>> halves = List.of(threads.submit(() -> solve(solves / 2)),
                    threads.submit(() -> solve(solves / 2)));
            for (Future<?> half : halves) {
                BenchThreads.await(half, "an lp-v1 solve failed");
            }
            return new Result(one, (System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    private void solve(int count) {
        for (int i = 0; i < count; i++) {
            LpSolver.INSTANCE.solve(instance, PlanningParameters.DEFAULTS);
        }
    }
}
