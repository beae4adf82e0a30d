package io.scenarioops.model;

import java.util.List;

/** A scenario as a run request names it: an id, its knobs and free-text notes. */
public record ScenarioDefinition(String scenarioId, Knobs knobs, String notes) {
    /** Notes are a label, not a payload: they travel in every event of the scenario. */
    public static final int MAX_NOTES_LENGTH = 1000;

    /** The seed's three default scenarios, in the seed's order. */
    public static final List<ScenarioDefinition> SEED_DEFAULTS = List.of(
            new ScenarioDefinition("baseline", new Knobs(1.0, 1.0, 1.0), "No changes"),
            new ScenarioDefinition("demand_up_10", new Knobs(1.10, 1.0, 1.0), "Demand +10%"),
            new ScenarioDefinition("costs_up_10", new Knobs(1.0, 1.10, 1.10), "Variable +10%, Logistics +10%"));

    public ScenarioDefinition {
        Ids.requireValidId("scenario_id", scenarioId);
        if (knobs == null) {
            throw new InvalidInputException("knobs", "is missing");
        }
        notes = notes == null ? "" : notes;
        if (notes.length() > MAX_NOTES_LENGTH) {
            throw new InvalidInputException("notes", "must be at most " + MAX_NOTES_LENGTH + " characters, got "
                    + notes.length());
        }
        PrintableText.requirePrintable("notes", notes);
    }
}
