package io.scenarioops.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.events.EventIds;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.SolveResult;
import io.scenarioops.model.ToySolver;
import io.scenarioops.storage.BaselineFiles;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioSolverTest {
    private static final Instant SOLVED_AT = Instant.parse("2026-11-26T08:00:00.123456Z");
    private final ScenarioSolver solver = new ScenarioSolver(Clock.fixed(SOLVED_AT, ZoneOffset.UTC), new BaselineFiles(key -> Optional.empty()));

    static ScenarioRequested request(String scenarioId, Knobs knobs) {
        ScenarioHeader header = new ScenarioHeader(PipelineEvent.SCHEMA_VERSION,
                EventIds.derived("requested", "run-1/" + scenarioId), "run-1", "2026-11-26",
                "2026-11-26T07:59:00.000000+00:00", 3, "2026-11-26T07:59:00.000000+00:00", scenarioId);
        return new ScenarioRequested(header, 7, knobs, "notes of " + scenarioId);
    }

    @Test
    void solvedEventCarriesTheSeedModelsOutputsAndTheRequestsLineage() {
        Knobs knobs = new Knobs(1.1, 1.0, 1.0);
        ScenarioRequested request = request("demand_up_10", knobs);

        ScenarioSolved solved = solver.solve(request);

        SolveResult expected = ScenarioModel.run(7, knobs).result();
        assertEquals(expected.kpiTotal(), solved.kpiTotal());
        assertEquals(expected.kpiCostBreakdown(), solved.kpiCostBreakdown());
        assertEquals(expected.factProduction(), solved.factProduction());
        assertEquals(ScenarioModel.run(7, knobs).baselineSummary(), solved.baselineSummary());
        assertEquals(request.eventId(), solved.lineage().requestEventId());
        assertEquals(request.occurredAtUtc(), solved.lineage().requestedAtUtc());
        assertEquals("2026-11-26T08:00:00.123456+00:00", solved.occurredAtUtc());
        assertEquals(ToySolver.COMPONENT, solved.solver());
        assertEquals(request.key(), solved.key());
        assertEquals(3, solved.scenarioCount());
        assertFalse(solved.failed());
    }

    @Test
    void solvingTheSameRequestTwiceGivesTheSameEventId() {
        ScenarioRequested request = request("baseline", Knobs.NEUTRAL);
        assertEquals(solver.solve(request).eventId(), solver.solve(request).eventId());
    }

    @Test
    void failedStandInNamesTheStageAndReasonAndCarriesNoResults() {
        ScenarioSolved failed = solver.failed(request("baseline", Knobs.NEUTRAL), "boom");

        assertTrue(failed.failed());
        assertEquals("solver", failed.failure().stage());
        assertEquals("boom", failed.failure().reason());
        assertNull(failed.kpiTotal());
        assertNull(failed.factProduction());
    }
}
