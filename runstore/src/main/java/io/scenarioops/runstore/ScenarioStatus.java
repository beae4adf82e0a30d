package io.scenarioops.runstore;

import java.util.List;
import java.util.Objects;

/** A recorded scenario and its QC checks, ordered by check name. */
public record ScenarioStatus(ScenarioRecord scenario, List<CheckRecord> checks) {
    public ScenarioStatus {
        Objects.requireNonNull(scenario, "scenario");
        checks = List.copyOf(checks);
    }
}
