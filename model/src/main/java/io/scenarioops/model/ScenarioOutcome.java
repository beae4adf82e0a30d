package io.scenarioops.model;

import java.util.Objects;

/** What the seed model computes for one scenario: its input summary and the solver's result. */
public record ScenarioOutcome(BaselineSummary baselineSummary, SolveResult result) {

    public ScenarioOutcome {
        Objects.requireNonNull(baselineSummary, "baselineSummary");
        Objects.requireNonNull(result, "result");
    }
}
