package io.scenarioops.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.model.Solver;
import io.scenarioops.model.Solvers;

/**
 * One scenario of a run request, written by the producer. {@code solver} names a solver other
 * than the default toy-v1 (absent for toy-v1), and {@code inputs} the instance and planning
 * parameters when they are not the seed's and the defaults; absent fields keep the request's
 * bytes what they were before solvers could be chosen.
 */
public record ScenarioRequested(
        @JsonUnwrapped ScenarioHeader header,
        long seed,
        Knobs knobs,
        String notes,
        @JsonInclude(JsonInclude.Include.NON_NULL) String solver,
        @JsonUnwrapped ScenarioInputs inputs) implements ScenarioEvent {

    public ScenarioRequested {
        if (solver != null && Solvers.named("solver", solver) == Solvers.DEFAULT) {
            solver = null;
        }
        inputs = inputs == null ? ScenarioInputs.SEED : inputs;
    }

    /** A seed scenario under toy-v1, as every request was before solvers could be chosen. */
    public ScenarioRequested(ScenarioHeader header, long seed, Knobs knobs, String notes) {
        this(header, seed, knobs, notes, null, ScenarioInputs.SEED);
    }

    /** The solver the scenario asks for. */
    public Solver chosenSolver() {
        return solver == null ? Solvers.DEFAULT : Solvers.named("solver", solver);
    }
}
