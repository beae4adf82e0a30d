package io.scenarioops.solver;

import io.scenarioops.events.EventIds;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.StageFailure;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.ScenarioOutcome;
import io.scenarioops.model.ToySolver;
import io.scenarioops.model.time.Timestamps;
import java.time.Clock;

/** Turns a scenario request into its solved event with the seed model. No Kafka here. */
public final class ScenarioSolver {
    public static final String STAGE = "solver";

    private final Clock clock;

    public ScenarioSolver(Clock clock) {
        this.clock = clock;
    }

    public ScenarioSolved solve(ScenarioRequested request) {
        ScenarioOutcome outcome = ScenarioModel.run(request.seed(), request.knobs());
        return ScenarioSolved.of(request, answerHeader(request), BaselineGenerator.COMPONENT, ToySolver.COMPONENT,
                outcome);
    }

    /** The stand-in for a request that could not be solved, so the run still completes and names it. */
    public ScenarioSolved failed(ScenarioRequested request, String reason) {
        return ScenarioSolved.failed(request, answerHeader(request), BaselineGenerator.COMPONENT, ToySolver.COMPONENT,
                new StageFailure(STAGE, reason));
    }

    private ScenarioHeader answerHeader(ScenarioRequested request) {
        return request.header().next(EventIds.derived(STAGE, request.eventId()), Timestamps.utc(clock.instant()));
    }
}
