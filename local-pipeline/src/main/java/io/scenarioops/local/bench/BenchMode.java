package io.scenarioops.local.bench;

/**
 * How much the bench measures: {@code quick} stays under six minutes on two cores, {@code full}
 * repeats more and sweeps ten times as many scenarios.
 *
 * @param repetitions how many times each figure is measured after warm-up
 * @param sweepScenarios scenarios per timed sweep
 * @param latencyRunsPerRepetition seed runs timed one after the other in each repetition
 * @param storeSeconds how long each object-store ceiling measurement runs
 */
enum BenchMode {
    QUICK(3, 1_000, 12, 3),
    FULL(5, 10_000, 20, 5);

    final int repetitions;
    final int sweepScenarios;
    final int latencyRunsPerRepetition;
    final int storeSeconds;

    BenchMode(int repetitions, int sweepScenarios, int latencyRunsPerRepetition, int storeSeconds) {
        this.repetitions = repetitions;
        this.sweepScenarios = sweepScenarios;
        this.latencyRunsPerRepetition = latencyRunsPerRepetition;
        this.storeSeconds = storeSeconds;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
