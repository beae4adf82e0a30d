package io.scenarioops.solver;

import io.scenarioops.events.EventIds;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.StageFailure;
import io.scenarioops.model.Baseline;
import io.scenarioops.model.LpSolverException;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.ScenarioOutcome;
import io.scenarioops.model.Solver;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.storage.BaselineFiles;
import java.time.Clock;

/**
 * Turns a scenario request into its solved event: the instance it names (the seed's, a sized
 * seed instance, or a baseline file from the bucket), its knobs, and the solver and planning
 * parameters it chose. No Kafka here.
 */
public final class ScenarioSolver {
    public static final String STAGE = "solver";

    private final Clock clock;
    private final BaselineFiles baselineFiles;

    public ScenarioSolver(Clock clock, BaselineFiles baselineFiles) {
        this.clock = clock;
        this.baselineFiles = baselineFiles;
    }

    /**
     * The solved event; a failed one, in the solver's own words, when the LP solver reaches no
     * optimum. A reference to a missing or altered baseline file, or an instance too large for the
     * pipeline, is an {@link io.scenarioops.model.InvalidInputException}: the request's fault.
     */
    public ScenarioSolved solve(ScenarioRequested request) {
        Solver solver = request.chosenSolver();
        Baseline instance = request.inputs().instance(request.seed(), baselineFiles::read);
        try {
            ScenarioOutcome<?> outcome = ScenarioModel.run(instance, request.knobs(), solver,
                    request.inputs().planningOrDefaults());
            return ScenarioSolved.of(request, answerHeader(request), request.inputs().generator(), solver.component(),
                    outcome);
        } catch (LpSolverException e) {
            return failed(request, solver.name() + ": " + e.getMessage());
        }
    }

    /** The stand-in for a request that could not be solved, so the run still completes and names it. */
    public ScenarioSolved failed(ScenarioRequested request, String reason) {
        return ScenarioSolved.failed(request, answerHeader(request), request.inputs().generator(),
                request.chosenSolver().component(), new StageFailure(STAGE, reason));
    }

    private ScenarioHeader answerHeader(ScenarioRequested request) {
        return request.header().next(EventIds.derived(STAGE, request.eventId()), Timestamps.utc(clock.instant()));
    }
}
