package io.scenarioops.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed model end to end for one scenario: generate the baseline, apply the knobs, summarise
 * and solve. Thread-safe.
 */
public final class ScenarioModel {

    private static final int CACHED_SEEDS = 16;

    // A sweep runs many scenarios over one seed, so the (immutable by convention) base baseline is
    // generated once per seed; applying knobs copies it, so cached arrays are never handed out.
    private static final Map<Long, Baseline> BASELINES = new LinkedHashMap<>(CACHED_SEEDS, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Baseline> eldest) {
            return size() > CACHED_SEEDS;
        }
    };

    private ScenarioModel() {
    }

    public static ScenarioOutcome run(long seed, Knobs knobs) {
        if (knobs == null) {
            throw new InvalidInputException("knobs", "is missing");
        }
        Baseline knobApplied = knobs.applyTo(baseline(seed));
        return new ScenarioOutcome(BaselineSummary.of(knobApplied), ToySolver.solve(knobApplied));
    }

    private static Baseline baseline(long seed) {
        synchronized (BASELINES) {
            return BASELINES.computeIfAbsent(seed, BaselineGenerator::generate);
        }
    }
}
