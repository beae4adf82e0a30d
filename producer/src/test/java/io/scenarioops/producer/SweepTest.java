package io.scenarioops.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioDefinition;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SweepTest {
    @Test
    void aRangeStepsExactlyAndIncludesItsStop() {
        List<ScenarioDefinition> scenarios = Sweep.scenarios(List.of("demand_scale=0.5:0.8:0.1"));

        assertEquals(List.of(0.5, 0.6, 0.7, 0.8), scenarios.stream().map(s -> s.knobs().demandScale()).toList());
        assertEquals(new ScenarioDefinition("sweep_00003", new Knobs(0.8, 1.0, 1.0),
                "sweep: demand_scale=0.8, variable_cost_scale=1, logistics_cost_scale=1"), scenarios.get(3));
    }

    @Test
    void severalRangesMakeAGridWithTheFirstVaryingSlowest() {
        List<ScenarioDefinition> scenarios = Sweep.scenarios(List.of("demand_scale=1:1.1:0.1",
                "logistics_cost_scale=0.9:1.1:0.1", "variable_cost_scale=1.1"));

        assertEquals(6, scenarios.size());
        assertEquals(List.of(new Knobs(1.0, 1.1, 0.9), new Knobs(1.0, 1.1, 1.0), new Knobs(1.0, 1.1, 1.1),
                new Knobs(1.1, 1.1, 0.9), new Knobs(1.1, 1.1, 1.0), new Knobs(1.1, 1.1, 1.1)),
                scenarios.stream().map(ScenarioDefinition::knobs).toList());
        assertEquals("sweep_00005", scenarios.get(5).scenarioId());
    }

    @Test
    void aThousandPointSweepIsOneOption() {
        List<ScenarioDefinition> scenarios = Sweep.scenarios(List.of("demand_scale=0.501:1.5:0.001"));
        assertEquals(1000, scenarios.size());
        assertEquals(1.5, scenarios.get(999).knobs().demandScale());
        assertEquals("sweep_00999", scenarios.get(999).scenarioId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "demand=1:2:0.1 | expected KNOB=START:STOP:STEP or KNOB=VALUE",
        "demand_scale | expected KNOB=START:STOP:STEP or KNOB=VALUE",
        "demand_scale=1:2 | demand_scale: expected START:STOP:STEP or one value, got \"1:2\"",
        "demand_scale=1:2:0 | demand_scale: the step must be positive, got 0",
        "demand_scale=2:1:0.1 | demand_scale: the start 2 is after the stop 1",
        "demand_scale=a:2:0.1 | demand_scale: \"a\" is not a number",
        "demand_scale=99:101:1 | knobs.demand_scale: must be a finite number within [0, 100], got 101.0",
        "demand_scale=0:100:0.001 | demand_scale: more than 10000 values",
    })
    void badRangesAreRefusedWithTheReason(String range, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Sweep.scenarios(List.of(range)));
        assertEquals("--sweep", e.field());
        assertTrue(e.reason().contains(reason), e.reason());
    }

    @Test
    void aGridOverTheRunLimitAndARepeatedKnobAreRefused() {
        assertTrue(assertThrows(InvalidInputException.class, () -> Sweep.scenarios(List.of(
                "demand_scale=0:9.99:0.01", "variable_cost_scale=0:0.1:0.01"))).reason()
                .contains("more than 10000 scenarios"));
        assertEquals("demand_scale is given twice", assertThrows(InvalidInputException.class,
                () -> Sweep.scenarios(List.of("demand_scale=1", "demand_scale=2"))).reason());
    }
}
