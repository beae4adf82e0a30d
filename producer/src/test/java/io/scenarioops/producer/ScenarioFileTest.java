package io.scenarioops.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.PlanningParameters;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.Solvers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {
    private static List<ScenarioDefinition> parse(String json) {
        return ScenarioFile.parse("scenarios.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static InvalidInputException rejected(String json) {
        return assertThrows(InvalidInputException.class, () -> parse(json));
    }

    @Test
    void readsScenariosWithTheirKnobsAndNotes() {
        List<ScenarioDefinition> scenarios = parse("""
                [{"scenario_id": "base", "knobs": {"demand_scale": 1, "variable_cost_scale": 1.0,
                  "logistics_cost_scale": 1}, "notes": "as is"},
                 {"scenario_id": "demand.up-10_a", "knobs": {"demand_scale": 1.1, "variable_cost_scale": 0,
                  "logistics_cost_scale": 100}}]
                """);
        assertEquals(List.of(new ScenarioDefinition("base", Knobs.NEUTRAL, "as is"),
                new ScenarioDefinition("demand.up-10_a", new Knobs(1.1, 0, 100), "")), scenarios);
    }

    @Test
    void malformedJsonNamesTheFileAndThePosition() {
        InvalidInputException e = rejected("[{\"scenario_id\": \"a\",]");
        assertEquals("scenarios.json", e.field());
        assertTrue(e.reason().startsWith("is not valid JSON"), e.reason());
        assertTrue(e.reason().contains("line 1"), e.reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not a list | {\"scenario_id\": \"a\"} | scenarios.json | expected a JSON list of scenarios, got a JSON object",
        "empty file | '' | scenarios.json | is empty; expected a JSON list of scenarios",
        "element not an object | [42] | scenarios[0] | expected an object with scenario_id, knobs and notes",
        "missing id | [{\"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1, \"logistics_cost_scale\": 1}}]"
                + " | scenarios[0].scenario_id | is missing",
        "id not a string | [{\"scenario_id\": 7, \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}}] | scenarios[0].scenario_id | must be a string, got 7",
        "id with a slash | [{\"scenario_id\": \"a/b\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}}] | scenarios[0].scenario_id | must match",
        "id dot-dot | [{\"scenario_id\": \"..\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}}] | scenarios[0].scenario_id | must not be '.' or '..'",
        "knobs missing | [{\"scenario_id\": \"a\"}] | scenarios[0].knobs | is missing",
        "knob missing | [{\"scenario_id\": \"a\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1}}]"
                + " | scenarios[0].knobs.logistics_cost_scale | is missing",
        "knob not a number | [{\"scenario_id\": \"a\", \"knobs\": {\"demand_scale\": \"1.1\", \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}}] | scenarios[0].knobs.demand_scale | must be a number, got \"1.1\"",
        "knob negative | [{\"scenario_id\": \"a\", \"knobs\": {\"demand_scale\": -0.5, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}}] | scenarios[0].knobs.demand_scale | within [0, 100]",
        "knob too large | [{\"scenario_id\": \"a\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1e3,"
                + " \"logistics_cost_scale\": 1}}] | scenarios[0].knobs.variable_cost_scale | within [0, 100]",
        "misspelt knob | [{\"scenario_id\": \"a\", \"knobs\": {\"demand_scal\": 1, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}}] | scenarios[0].knobs.demand_scal | unknown field",
        "unknown field | [{\"scenario_id\": \"a\", \"knob\": {}}] | scenarios[0].knob | unknown field",
        "notes not a string | [{\"scenario_id\": \"a\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}, \"notes\": [1]}] | scenarios[0].notes | must be a string",
    })
    void rejectsWithTheFieldAndTheReason(String description, String json, String field, String reason) {
        InvalidInputException e = rejected(json);
        assertEquals(field, e.field(), description);
        assertTrue(e.reason().contains(reason), description + ": " + e.reason());
    }

    @Test
    void notesAreALabelOfAtMostAThousandCharacters() {
        String knobs = "\"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1, \"logistics_cost_scale\": 1}";
        InvalidInputException e = rejected("[{\"scenario_id\": \"a\", " + knobs + ", \"notes\": \""
                + "n".repeat(1001) + "\"}]");
        assertEquals("scenarios[0].notes", e.field());
        assertEquals("must be at most 1000 characters, got 1001", e.reason());
        assertEquals(1000, parse("[{\"scenario_id\": \"a\", " + knobs + ", \"notes\": \"" + "n".repeat(1000)
                + "\"}]").get(0).notes().length());
    }

    @Test
    void aMissingFileIsReportedByName() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ScenarioFile.read(Path.of("target", "no-such-scenarios.json"), Solvers.DEFAULT, Map.of()));
        assertTrue(e.getMessage().contains("no-such-scenarios.json: no such file"), e.getMessage());
    }

    @Test
    void aScenarioMayChooseItsSolverAndPlanningParametersOverTheRuns() {
        String knobs = "\"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1, \"logistics_cost_scale\": 1}";
        List<ScenarioDefinition> scenarios = ScenarioFile.parse("f.json", ("[{\"scenario_id\": \"a\", " + knobs
                + ", \"solver\": \"lp-v1\", \"planning\": {\"site_share\": 0.4}},"
                + " {\"scenario_id\": \"b\", " + knobs + "}]").getBytes(StandardCharsets.UTF_8),
                Solvers.DEFAULT, Map.of("holding_cost", 0.1));
        assertEquals(LpSolver.INSTANCE, scenarios.get(0).solver());
        assertEquals(PlanningParameters.of(Map.of("holding_cost", 0.1, "site_share", 0.4)), scenarios.get(0).planning());
        assertEquals(Solvers.DEFAULT, scenarios.get(1).solver());
        assertEquals(PlanningParameters.of(Map.of("holding_cost", 0.1)), scenarios.get(1).planning());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative parameter | {\"overtime_share\": -1} | scenarios[0].planning.overtime_share: must be a finite number >= 0, got -1.0",
        "misspelt parameter | {\"overtime\": 1} | scenarios[0].planning.overtime: unknown field",
        "not a number | {\"site_share\": \"half\"} | scenarios[0].planning.site_share: must be a number, got \"half\"",
    })
    void badPlanningParametersNameTheirPlace(String description, String planning, String message) {
        String json = "[{\"scenario_id\": \"a\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}, \"solver\": \"lp-v1\", \"planning\": " + planning + "}]";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith(message), description + ": " + e.getMessage());
    }
}
