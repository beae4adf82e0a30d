package io.scenarioops.events;

import io.scenarioops.model.Component;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.ScenarioOutcome;
import io.scenarioops.model.SolveResult;
import java.util.List;

/**
 * One valid event of each type, with fixed ids and timestamps so that tests can assert on exact
 * values. The solved scenario carries the real seed-7 baseline outcome of the seed model.
 */
final class SampleEvents {
    static final String RUN_ID = "run-2024-05-01_a.1";
    static final String SCENARIO_ID = "baseline";
    static final String DT = "2024-05-01";
    static final int SCENARIO_COUNT = 3;
    static final long SEED = 7L;
    static final String RUN_CREATED_AT = "2024-05-01T09:00:00.000000+00:00";
    static final String REQUESTED_AT = "2024-05-01T09:00:00.100000+00:00";
    static final String SOLVED_AT = "2024-05-01T09:00:01.250000+00:00";
    static final String PUBLISHED_AT = "2024-05-01T09:00:02.500000+00:00";
    static final String COMPLETED_AT = "2024-05-01T09:00:05.000000+00:00";
    static final String NOTES = "No changes";

    static final String REQUEST_EVENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final String SOLVED_EVENT_ID = EventIds.derived("solve", REQUEST_EVENT_ID);
    static final String PUBLISHED_EVENT_ID = EventIds.derived("publish", SOLVED_EVENT_ID);
    static final String RUN_COMPLETED_EVENT_ID = EventIds.derived("run-completed", RUN_ID);

    static final Component GENERATOR = new Component("seed-baseline-generator", "1.0.0");
    static final Component SOLVER = new Component("toy-solver", "1.0.0");
    static final String ARTIFACT_PREFIX = "runs/dt=" + DT + "/run_id=" + RUN_ID + "/scenario_id=" + SCENARIO_ID + "/";
    static final String MANIFEST_KEY = ARTIFACT_PREFIX + "manifest.json";
    static final String MANIFEST_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private SampleEvents() {
    }

    /** The seed model's baseline scenario for seed 7 with neutral knobs. */
    static ScenarioOutcome<SolveResult> outcome() {
        return ScenarioModel.run(SEED, Knobs.NEUTRAL);
    }

    static ScenarioRequested requested() {
        return new ScenarioRequested(requestedHeader(), SEED, Knobs.NEUTRAL, NOTES);
    }

    private static ScenarioHeader requestedHeader() {
        return new ScenarioHeader(PipelineEvent.SCHEMA_VERSION, REQUEST_EVENT_ID, RUN_ID, DT, REQUESTED_AT,
                SCENARIO_COUNT, RUN_CREATED_AT, SCENARIO_ID);
    }

    static ScenarioSolved solved() {
        return ScenarioSolved.of(requested(), solvedHeader(), GENERATOR, SOLVER, outcome());
    }

    static StageFailure solveFailure() {
        return new StageFailure("solve", "knobs.demand_scale: must be a finite number within [0, 100], got 101.0");
    }

    static ScenarioSolved solvedFailed() {
        return ScenarioSolved.failed(requested(), solvedHeader(), GENERATOR, SOLVER, solveFailure());
    }

    private static ScenarioHeader solvedHeader() {
        return requestedHeader().next(SOLVED_EVENT_ID, SOLVED_AT);
    }

    static ScenarioPublished published() {
        return ScenarioPublished.of(solved(), publishedHeader(), ARTIFACT_PREFIX, MANIFEST_KEY, MANIFEST_SHA256);
    }

    static ScenarioPublished publishedFailed() {
        return ScenarioPublished.failed(solvedFailed(), publishedHeader(), null, solveFailure());
    }

    private static ScenarioHeader publishedHeader() {
        return solvedHeader().next(PUBLISHED_EVENT_ID, PUBLISHED_AT);
    }

    static RunCompleted runCompleted() {
        return new RunCompleted(RunCompleted.SCHEMA_VERSION, RUN_COMPLETED_EVENT_ID, RUN_ID, DT, COMPLETED_AT,
                SCENARIO_COUNT, RunCompleted.STATUS_PARTIAL, "runs/dt=" + DT + "/run_id=" + RUN_ID + "/run_metadata.json",
                2, 1, List.of("costs_up_10"));
    }
}
