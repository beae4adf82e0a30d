package io.scenarioops.model;

import java.util.List;

/**
 * A scenario as a run request names it: an id, its knobs, free-text notes, the solver that plans
 * it and the planning parameters that solver uses (toy-v1 ignores them).
 */
public record ScenarioDefinition(String scenarioId, Knobs knobs, String notes, Solver solver,
        PlanningParameters planning) {
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
        solver = solver == null ? Solvers.DEFAULT : solver;
        planning = planning == null ? PlanningParameters.DEFAULTS : planning;
    }

    /** A scenario of the default solver with the default planning parameters. */
    public ScenarioDefinition(String scenarioId, Knobs knobs, String notes) {
        this(scenarioId, knobs, notes, null, null);
    }

    /** The same scenario planned by {@code chosen} with {@code parameters}. */
    public ScenarioDefinition with(Solver chosen, PlanningParameters parameters) {
        return new ScenarioDefinition(scenarioId, knobs, notes, chosen, parameters);
    }
}
