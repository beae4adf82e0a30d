package io.scenarioops.model;

import io.scenarioops.model.json.SeedJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Median wall time of lp-v1 on sized seed instances, for the benchmark's results: each size is
 * generated once (seed 7, neutral knobs, default planning parameters), solved once to warm up, then
 * timed {@code runs} times. A solve includes building the program and the plan's tables.
 *
 * <p>{@code java -cp ... io.scenarioops.model.LpSolveTimes [RUNS]} prints
 * {@code {"lp_v1_solve_ms": {"20x8": {"median_ms": ..., "runs": 5, "total_cost": ...}, ...}}}.
 */
public final class LpSolveTimes {
    /** The sizes the benchmark reports: the seed's, a mid-size and a year of weekly periods. */
    public static final List<InstanceSize> BENCH_SIZES =
            List.of(InstanceSize.SEED, new InstanceSize(100, 12), new InstanceSize(500, 52));

    private static final long SEED = BaselineGenerator.DEFAULT_SEED;

    private LpSolveTimes() {
    }

    /** One size's measurement: the median of the timed solves, and the optimum they found. */
    public record Timing(InstanceSize size, int runs, double medianMillis, double totalCost) {
    }

    public static List<Timing> measure(List<InstanceSize> sizes, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        List<Timing> timings = new ArrayList<>();
        for (InstanceSize size : sizes) {
            Baseline instance = BaselineGenerator.generate(SEED, size);
            LpSolveResult warmUp = LpSolver.INSTANCE.solve(instance, PlanningParameters.DEFAULTS);
            double[] millis = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                LpSolver.INSTANCE.solve(instance, PlanningParameters.DEFAULTS);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            timings.add(new Timing(size, runs, median(millis), warmUp.kpiTotal().totalCost()));
        }
        return timings;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Map<String, Map<String, Object>> bySize = new LinkedHashMap<>();
        for (Timing timing : measure(BENCH_SIZES, runs)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("median_ms", PyMath.round(timing.medianMillis(), 1));
            entry.put("runs", timing.runs());
            entry.put("total_cost", timing.totalCost());
            bySize.put(timing.size().toString(), entry);
        }
        System.out.println(SeedJson.writeString(Map.of("lp_v1_solve_ms", bySize)));
    }
}
