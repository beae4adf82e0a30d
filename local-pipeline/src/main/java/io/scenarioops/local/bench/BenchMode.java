package io.scenarioops.local.bench;

import io.scenarioops.model.InstanceSize;

/**
 * How much the bench measures: {@code quick} stays under six minutes on two cores, {@code full}
 * repeats more and sweeps ten times as many scenarios.
 *
 * @param repetitions how many times each figure is measured after warm-up
 * @param sweepScenarios scenarios per timed sweep
 * @param latencyRunsPerRepetition seed runs timed one after the other in each repetition
 * @param storeSeconds how long each object-store ceiling measurement runs
 * @param lpScenarios lp-v1 scenarios per solver-scaling run: a multiple of the 12 scenario
 *     partitions, so that two solvers get the same share
 */
enum BenchMode {
    QUICK(3, 1_000, 12, 1, 12),
    FULL(5, 10_000, 20, 5, 24);

    final int repetitions;
    final int sweepScenarios;
    final int latencyRunsPerRepetition;
    final int storeSeconds;
    final int lpScenarios;
    /** A solver-bound instance: one lp-v1 solve takes about a second, its plan's tables about 10 MB. */
    final InstanceSize lpInstance = new InstanceSize(500, 52);

    BenchMode(int repetitions, int sweepScenarios, int latencyRunsPerRepetition, int storeSeconds, int lpScenarios) {
        this.lpScenarios = lpScenarios;
        this.repetitions = repetitions;
        this.sweepScenarios = sweepScenarios;
        this.latencyRunsPerRepetition = latencyRunsPerRepetition;
        this.storeSeconds = storeSeconds;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
