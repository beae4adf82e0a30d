package io.scenarioops.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model end to end for one scenario: take the baseline (generated from a seed, or a
 * planner's file), apply the knobs, summarise and solve. Thread-safe.
 */
public final class ScenarioModel {

    private static final int CACHED_INSTANCES = 16;

    /** A generated instance: which seed, at which size. */
    private record Generated(long seed, InstanceSize size) {
    }

    // A sweep runs many scenarios over one seed, so the (immutable by convention) base baseline is
    // generated once per seed and size; applying knobs copies it, so cached arrays are never handed out.
    private static final Map<Generated, Baseline> BASELINES =
            new LinkedHashMap<>(CACHED_INSTANCES, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Generated, Baseline> eldest) {
                    return size() > CACHED_INSTANCES;
                }
            };

    private ScenarioModel() {
    }

    /** The seed's scenario: the seed's instance, solved by toy-v1. */
    public static ScenarioOutcome<SolveResult> run(long seed, Knobs knobs) {
        Baseline knobApplied = requireKnobs(knobs).applyTo(generated(seed, InstanceSize.SEED));
        return new ScenarioOutcome<>(BaselineSummary.of(knobApplied), ToySolver.solve(knobApplied));
    }

    /** Any instance under any solver; {@code base} is the instance before the knobs. */
    public static ScenarioOutcome<PlanResult> run(Baseline base, Knobs knobs, Solver solver,
            PlanningParameters planning) {
        Baseline knobApplied = requireKnobs(knobs).applyTo(base);
        return new ScenarioOutcome<>(BaselineSummary.of(knobApplied), solver.solve(knobApplied, planning));
    }

    /** The generated instance of {@code seed} at {@code size}, shared: nobody may modify its arrays. */
    public static Baseline generated(long seed, InstanceSize size) {
        synchronized (BASELINES) {
            return BASELINES.computeIfAbsent(new Generated(seed, size),
                    key -> BaselineGenerator.generate(key.seed(), key.size()));
        }
    }

    private static Knobs requireKnobs(Knobs knobs) {
        if (knobs == null) {
            throw new InvalidInputException("knobs", "is missing");
        }
        return knobs;
    }
}
