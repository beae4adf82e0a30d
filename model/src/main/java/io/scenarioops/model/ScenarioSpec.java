package io.scenarioops.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The seed's {@code inputs/scenario_spec.json}, plus what a scenario chose beyond the seed's
 * choices: a solver other than toy-v1, a sized instance or baseline file, planning parameters.
 * Those are absent when not chosen, so a seed scenario's spec is the seed's.
 */
public record ScenarioSpec(
        String scenarioId,
        String createdAtUtc,
        Knobs knobs,
        String notes,
        @JsonInclude(JsonInclude.Include.NON_NULL) String solver,
        @JsonUnwrapped ScenarioInputs inputs) {

    public ScenarioSpec {
        Ids.requireValidId("scenario_id", scenarioId);
        if (knobs == null) {
            throw new InvalidInputException("knobs", "is missing");
        }
        inputs = inputs == null ? ScenarioInputs.SEED : inputs;
    }

    /** A seed scenario's spec. */
    public ScenarioSpec(String scenarioId, String createdAtUtc, Knobs knobs, String notes) {
        this(scenarioId, createdAtUtc, knobs, notes, null, ScenarioInputs.SEED);
    }
}
