package io.scenarioops.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.producer.RunPlan;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunRequestsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private static RunPlan plan(String body) {
        return RunRequests.plan(body.getBytes(UTF_8), NOW);
    }

    private static String refusedField(String body) {
        return assertThrows(InvalidInputException.class, () -> plan(body)).field();
    }

    @Test
    void anEmptyObjectIsTheSeedsThreeScenariosOnSeedSeven() {
        RunPlan plan = plan("{}");
        assertEquals(List.of("baseline", "demand_up_10", "costs_up_10"),
                plan.scenarios().stream().map(ScenarioDefinition::scenarioId).toList());
        assertEquals(ScenarioDefinition.SEED_DEFAULTS.get(1).knobs(), plan.scenarios().get(1).knobs());
        assertEquals(7, plan.seed());
        assertEquals("toy-v1", plan.scenarios().get(0).solver().name());
        assertEquals("2026-12-02", plan.dt());
    }

    @Test
    void scenariosInTheScenariosFileFormatWithTheRunsSolver() {
        RunPlan plan = plan("""
                {"solver": "lp-v1", "seed": 11, "scenarios": [
                  {"scenario_id": "base", "knobs": {"demand_scale": 1, "variable_cost_scale": 1, "logistics_cost_scale": 1}},
                  {"scenario_id": "toy", "solver": "toy-v1",
                   "knobs": {"demand_scale": 1.2, "variable_cost_scale": 1, "logistics_cost_scale": 0.9}}]}""");
        assertEquals(11, plan.seed());
        assertEquals(List.of("lp-v1", "toy-v1"), plan.scenarios().stream().map(s -> s.solver().name()).toList());
        assertEquals(new Knobs(1.2, 1.0, 0.9), plan.scenarios().get(1).knobs());
    }

    @Test
    void aSweepWithItsSeed() {
        RunPlan plan = plan("{\"sweep\": [\"demand_scale=0.8:1.2:0.05\"], \"seed\": 7}");
        assertEquals(9, plan.scenarios().size());
        assertEquals("sweep_00008", plan.scenarios().get(8).scenarioId());
        assertEquals(1.2, plan.scenarios().get(8).knobs().demandScale());
        assertEquals(1.0, plan.scenarios().get(8).knobs().variableCostScale());
    }

    @Test
    void aTwoKnobSweepIsAGrid() {
        assertEquals(15, plan("{\"sweep\": [\"demand_scale=0.8:1.2:0.1\", \"logistics_cost_scale=0.9:1.1:0.1\"]}")
                .scenarios().size());
    }

    @Test
    void badInputNamesItsField() {
        assertEquals("scenarios[0].scenario_id", refusedField("""
                {"scenarios": [{"scenario_id": "a/b",
                  "knobs": {"demand_scale": 1, "variable_cost_scale": 1, "logistics_cost_scale": 1}}]}"""));
        assertEquals("scenarios[1].knobs.demand_scale", refusedField("""
                {"scenarios": [{"scenario_id": "a", "knobs": {"demand_scale": 1, "variable_cost_scale": 1, "logistics_cost_scale": 1}},
                  {"scenario_id": "b", "knobs": {"demand_scale": "x", "variable_cost_scale": 1, "logistics_cost_scale": 1}}]}"""));
        assertEquals("sweep", refusedField("{\"sweep\": [\"demand_scale=1.2:0.8:0.1\"]}"));
        assertEquals("sweep[0]", refusedField("{\"sweep\": [3]}"));
        assertEquals("sweep", refusedField("{\"sweep\": [\"demand_scale=1\"], \"scenarios\": []}"));
        assertEquals("seed", refusedField("{\"seed\": 1.5}"));
        assertEquals("solver", refusedField("{\"solver\": \"cplex\"}"));
        assertEquals("planning.overtime_share", refusedField("{\"planning\": {\"overtime_share\": -1}}"));
        assertEquals("planning.typo", refusedField("{\"planning\": {\"typo\": 1}}"));
        assertEquals("scenario", refusedField("{\"scenario\": []}"));
        assertEquals("scenarios", refusedField("{\"scenarios\": []}"));
        assertEquals("body", refusedField("[1, 2]"));
        assertEquals("body", refusedField("{\"sweep\": "));
    }
}
