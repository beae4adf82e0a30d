package io.scenarioops.model;

/** The seed's {@code inputs/scenario_spec.json}. */
public record ScenarioSpec(String scenarioId, String createdAtUtc, Knobs knobs, String notes) {

    public ScenarioSpec {
        Ids.requireValidId("scenario_id", scenarioId);
        if (knobs == null) {
            throw new InvalidInputException("knobs", "is missing");
        }
    }
}
