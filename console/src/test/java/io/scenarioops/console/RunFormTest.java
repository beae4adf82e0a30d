package io.scenarioops.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.producer.RunPlan;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunFormTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    /** The initial form's fields, as a browser would send them back, with some changed. */
    private static Map<String, List<String>> initialWith(Map<String, String> changes) {
        Map<String, List<String>> params = new HashMap<>();
        String html = RunForm.initial().render(null);
        Matcher input = Pattern
                .compile("<input type=\"(?:text|number)\" name=\"([^\"]+)\" id=\"[^\"]+\" value=\"([^\"]*)\"")
                .matcher(html);
        while (input.find()) {
            params.put(input.group(1), List.of(input.group(2)));
        }
        params.put("kind", List.of("scenarios"));
        params.put("solver", List.of("toy-v1"));
        params.put("sweep1.knob", List.of("demand_scale"));
        params.put("sweep2.knob", List.of(""));
        changes.forEach((name, value) -> params.put(name, List.of(value)));
        return params;
    }

    private static RunPlan plan(Map<String, String> changes) {
        return RunRequests.plan(RunForm.submitted(initialWith(changes)).toRequest(), NOW);
    }

    @Test
    void theFormAsShownIsTheSeedRun() {
        RunPlan plan = plan(Map.of());
        assertEquals(ScenarioDefinition.SEED_DEFAULTS, plan.scenarios());
        assertEquals(7, plan.seed());
    }

    @Test
    void editedKnobsSolverAndLeftOutRows() {
        RunPlan plan = plan(Map.of("s1.demand_scale", "1.25", "s2.scenario_id", "", "solver", "lp-v1", "seed", "9"));
        assertEquals(2, plan.scenarios().size());
        assertEquals(1.25, plan.scenarios().get(1).knobs().demandScale());
        assertEquals("lp-v1", plan.scenarios().get(0).solver().name());
        assertEquals(9, plan.seed());
    }

    @Test
    void aSweepOverTwoKnobs() {
        RunPlan plan = plan(Map.of("kind", "sweep", "sweep1.range", "0.9:1.1:0.1", "sweep2.knob", "variable_cost_scale",
                "sweep2.range", "1:1.2:0.1"));
        assertEquals(9, plan.scenarios().size());
        assertEquals(1.2, plan.scenarios().get(8).knobs().variableCostScale());
    }

    @Test
    void badValuesAreNamedAndShownAgainWithTheForm() {
        Map<String, List<String>> params = initialWith(Map.of("s0.variable_cost_scale", "lots"));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> RunRequests.plan(RunForm.submitted(params).toRequest(), NOW));
        assertEquals("scenarios[0].knobs.variable_cost_scale", refused.field());
        String again = RunForm.submitted(params).render(refused.getMessage());
        assertTrue(again.contains("value=\"lots\""), again);
        assertTrue(again.contains("scenarios[0].knobs.variable_cost_scale: must be a number, got &quot;lots&quot;"), again);
    }
}
