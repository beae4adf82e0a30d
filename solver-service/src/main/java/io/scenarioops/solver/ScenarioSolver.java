package io.scenarioops.solver;

import io.scenarioops.events.EventIds;
import io.scenarioops.events.PipelineEvent;
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
        return new ScenarioSolved(PipelineEvent.SCHEMA_VERSION, solvedEventId(request), request.runId(),
                request.dt(), Timestamps.utc(clock.instant()), request.scenarioCount(), request.runCreatedAtUtc(),
                request.scenarioId(), request.seed(), request.knobs(), request.notes(), request.eventId(),
                request.occurredAtUtc(), BaselineGenerator.COMPONENT, ToySolver.COMPONENT,
                outcome.baselineSummary(), outcome.result().factProduction(), outcome.result().kpiTotal(),
                outcome.result().kpiCostBreakdown(), null);
    }

    /** The stand-in for a request that could not be solved, so the run still completes and names it. */
    public ScenarioSolved failed(ScenarioRequested request, String reason) {
        return new ScenarioSolved(PipelineEvent.SCHEMA_VERSION, solvedEventId(request), request.runId(),
                request.dt(), Timestamps.utc(clock.instant()), request.scenarioCount(), request.runCreatedAtUtc(),
                request.scenarioId(), request.seed(), request.knobs(), request.notes(), request.eventId(),
                request.occurredAtUtc(), BaselineGenerator.COMPONENT, ToySolver.COMPONENT, null, null, null, null,
                new StageFailure(STAGE, reason));
    }

    private static String solvedEventId(ScenarioRequested request) {
        return EventIds.derived(STAGE, request.eventId());
    }
}
