package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SolverComparisonTest {

    @Test
    void eachLpScenarioIsPairedWithTheToyScenarioOfItsKnobs() {
        Knobs demandUp = new Knobs(1.1, 1.0, 1.0);
        List<SolverComparison.Pair> pairs = SolverComparison.pairs(List.of(
                new SolverComparison.Scenario("baseline", "toy-v1", Knobs.NEUTRAL, 332961.19),
                new SolverComparison.Scenario("baseline_lp", "lp-v1", Knobs.NEUTRAL, 322133.37),
                new SolverComparison.Scenario("demand_up_10_lp", "lp-v1", demandUp, 363176.72),
                new SolverComparison.Scenario("costs_up_10_lp", "lp-v1", new Knobs(1.0, 1.1, 1.1), null)));
        // demand_up_10_lp has no toy twin, costs_up_10_lp no total: neither is compared
        assertEquals(List.of(new SolverComparison.Pair("baseline_lp", "baseline", 322133.37, 332961.19, 10827.82, 3.25)),
                pairs);
    }
}
