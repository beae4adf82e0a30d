package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scenarioops.model.json.SeedJson;
import org.junit.jupiter.api.Test;

class ScenarioDefinitionTest {

    @Test
    void validatesIdAndKnobs() {
        InvalidInputException badId = assertThrows(InvalidInputException.class,
                () -> new ScenarioDefinition("../x", Knobs.NEUTRAL, "n"));
        assertEquals("scenario_id", badId.field());
        InvalidInputException noKnobs = assertThrows(InvalidInputException.class,
                () -> new ScenarioDefinition("x", null, "n"));
        assertEquals("knobs: is missing", noKnobs.getMessage());
    }

    @Test
    void missingNotesBecomeEmpty() {
        assertEquals("", new ScenarioDefinition("x", Knobs.NEUTRAL, null).notes());
    }

    @Test
    void notesMustBePrintableText() {
        assertEquals("notes: control character U+0000 at index 3", assertThrows(InvalidInputException.class,
                () -> new ScenarioDefinition("x", Knobs.NEUTRAL, "abc\u0000")).getMessage());
        assertEquals("notes: lone surrogate U+DC00 at index 0", assertThrows(InvalidInputException.class,
                () -> new ScenarioDefinition("x", Knobs.NEUTRAL, "\udc00")).getMessage());
        assertEquals("Grüße \ud83d\ude00", new ScenarioDefinition("x", Knobs.NEUTRAL, "Grüße \ud83d\ude00").notes());
    }

    @Test
    void specValidatesLikeTheDefinition() {
        assertThrows(InvalidInputException.class, () -> new ScenarioSpec("..", "2024-01-01T00:00:00Z", Knobs.NEUTRAL, ""));
        assertThrows(InvalidInputException.class, () -> new ScenarioSpec("x", "2024-01-01T00:00:00Z", null, ""));
    }

    @Test
    void specIsWrittenWithTheSeedsFieldNames() {
        ScenarioSpec spec = new ScenarioSpec("demand_up_10", "2024-05-01T12:00:00+00:00", new Knobs(1.1, 1.0, 1.0),
                "Demand +10%");
        // The seed's json.dumps(spec, indent=2, sort_keys=True) for the same values.
        assertEquals("""
                {
                  "created_at_utc": "2024-05-01T12:00:00+00:00",
                  "knobs": {
                    "demand_scale": 1.1,
                    "logistics_cost_scale": 1.0,
                    "variable_cost_scale": 1.0
                  },
                  "notes": "Demand +10%",
                  "scenario_id": "demand_up_10"
                }""", SeedJson.writeString(spec));
    }
}
