package io.scenarioops.model;

import java.util.Objects;

/** What the model computes for one scenario: its input summary and the solver's result. */
public record ScenarioOutcome<R extends PlanResult>(BaselineSummary baselineSummary, R result) {

    public ScenarioOutcome {
        Objects.requireNonNull(baselineSummary, "baselineSummary");
        Objects.requireNonNull(result, "result");
    }
}
