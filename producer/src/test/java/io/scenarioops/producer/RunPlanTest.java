package io.scenarioops.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.events.EventIds;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.PlanningParameters;
import io.scenarioops.model.ScenarioDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunPlanTest {
    private static final Instant CREATED = Instant.parse("2026-11-26T23:59:59.9999999Z");

    @Test
    void oneEventPerScenarioWithTheRunsEnvelope() {
        RunPlan plan = RunPlan.create("run-1", ScenarioDefinition.SEED_DEFAULTS, 7, CREATED);
        List<ScenarioRequested> events = plan.events();

        assertEquals(3, events.size());
        assertEquals("2026-11-26", plan.dt());
        assertEquals("2026-11-26T23:59:59.999999+00:00", plan.createdAtUtc());
        for (int i = 0; i < 3; i++) {
            ScenarioRequested event = events.get(i);
            ScenarioDefinition scenario = ScenarioDefinition.SEED_DEFAULTS.get(i);
            assertEquals("run-1/" + scenario.scenarioId(), event.key());
            assertEquals(scenario.knobs(), event.knobs());
            assertEquals(scenario.notes(), event.notes());
            assertEquals(3, event.scenarioCount());
            assertEquals(7, event.seed());
            assertEquals("2026-11-26", event.dt());
        }
    }

    @Test
    void seedRequestsKeepTheirEventIdsAndAnLpScenarioIsAnotherRequest() {
        RunPlan plan = RunPlan.create("run-1", ScenarioDefinition.SEED_DEFAULTS, 7, CREATED);
        ScenarioRequested baseline = plan.events().get(0);
        // the id every seed request had before solvers could be chosen
        assertEquals(EventIds.derived("requested", "run-1/baseline@2026-11-26T23:59:59.999999+00:00#7#"
                + baseline.knobs()), baseline.eventId());

        ScenarioDefinition lp = ScenarioDefinition.SEED_DEFAULTS.get(0).with(LpSolver.INSTANCE,
                PlanningParameters.of(Map.of("overtime_share", 0.1)));
        RunPlan sized = RunPlan.create("run-1", List.of(lp), ChosenInstance.generated(7, new InstanceSize(40, 10)),
                CREATED);
        ScenarioRequested event = sized.events().get(0);
        assertEquals("lp-v1", event.solver());
        assertEquals(new InstanceSize(40, 10), event.inputs().instanceSize());
        assertEquals(0.1, event.inputs().planningOrDefaults().overtimeShare(), 0.0);
        assertNotEquals(baseline.eventId(), event.eventId());
    }

    @Test
    void republishingARunGivesTheSameEventIds() {
        RunPlan first = RunPlan.create("run-1", ScenarioDefinition.SEED_DEFAULTS, 7, CREATED);
        RunPlan again = RunPlan.create("run-1", ScenarioDefinition.SEED_DEFAULTS, 7, CREATED);
        assertEquals(first.events(), again.events());
    }

    @Test
    void aRunHasAtMostTenThousandScenarios() {
        List<ScenarioDefinition> tooMany = java.util.stream.IntStream.rangeClosed(0, RunPlan.MAX_SCENARIOS)
                .mapToObj(i -> new ScenarioDefinition("s" + i, Knobs.NEUTRAL, ""))
                .toList();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RunPlan.create("run-1", tooMany, 7, CREATED));
        assertEquals("a run has at most 10000 scenarios, got 10001", e.reason());
        assertEquals(RunPlan.MAX_SCENARIOS, RunPlan.create("run-1", tooMany.subList(0, RunPlan.MAX_SCENARIOS), 7,
                CREATED).scenarios().size());
    }

    @Test
    void rejectsAnEmptyRunDuplicateIdsAndBadRunIds() {
        assertEquals("scenarios", assertThrows(InvalidInputException.class,
                () -> RunPlan.create("run-1", List.of(), 7, CREATED)).field());
        ScenarioDefinition a = new ScenarioDefinition("a", Knobs.NEUTRAL, "");
        InvalidInputException duplicate = assertThrows(InvalidInputException.class,
                () -> RunPlan.create("run-1", List.of(a, a), 7, CREATED));
        assertEquals("scenarios[1].scenario_id", duplicate.field());
        assertEquals("run_id", assertThrows(InvalidInputException.class,
                () -> RunPlan.create("../etc", List.of(a), 7, CREATED)).field());
    }

    /**
     * The model's rules now refuse every knob, note and parameter an event could not carry; the
     * read-back still catches what no rule foresaw, here a clock past the year 9999.
     */
    @Test
    void refusesARequestTheSolverCouldNotRead() {
        ScenarioDefinition ok = new ScenarioDefinition("ok", Knobs.NEUTRAL, "");
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> RunPlan.create("run-1", List.of(ok), 7, Instant.parse("+10000-01-01T00:00:00Z")));

        assertEquals("scenario ok", refused.field());
        assertEquals("dt: expected a calendar date YYYY-MM-DD, got \"+10000-01-01\"", refused.reason());
    }

    @Test
    void planningParametersAnEventCouldNotCarryAreRefusedBeforeAnyPlan() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> PlanningParameters.of(Map.of("unmet_penalty", 1e300)));
        assertEquals("planning.unmet_penalty: must be smaller than 2^63, got 1e+300", refused.getMessage());
        // the largest value an event carries still makes a plan
        ScenarioDefinition largest = new ScenarioDefinition("largest", Knobs.NEUTRAL, "").with(LpSolver.INSTANCE,
                PlanningParameters.of(Map.of("unmet_penalty", Math.nextDown(0x1p63))));
        assertEquals(Math.nextDown(0x1p63), RunPlan.create("run-1", List.of(largest), 7, CREATED).events().get(0)
                .inputs().planningOrDefaults().unmetPenalty(), 0.0);
    }
}
