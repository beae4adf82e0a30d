package io.scenarioops.solver;

import io.scenarioops.common.events.EventIds;
import io.scenarioops.common.events.PipelineEvent;
import io.scenarioops.common.events.ScenarioRequested;
import io.scenarioops.common.events.ScenarioSolved;
import io.scenarioops.common.events.StageFailure;
import io.scenarioops.common.model.BaselineGenerator;
import io.scenarioops.common.model.ScenarioModel;
import io.scenarioops.common.model.ScenarioOutcome;
import io.scenarioops.common.model.ToySolver;
import io.scenarioops.common.time.Timestamps;
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
