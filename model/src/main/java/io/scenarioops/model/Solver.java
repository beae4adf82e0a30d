package io.scenarioops.model;

/**
 * A planning solver: turns a knob-applied baseline and the scenario's planning parameters into a
 * plan with its KPIs. Implementations are stateless and thread-safe; {@link Solvers} names them.
 */
public interface Solver {
    /** Name and version, recorded in events and manifests. */
    Component component();

    default String name() {
        return component().name();
    }

    default String version() {
        return component().version();
    }

    PlanResult solve(Baseline knobApplied, PlanningParameters planning);
}
