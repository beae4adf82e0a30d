package io.scenarioops.runstore;

import java.util.List;
import java.util.Objects;

/** A run and every scenario recorded for it so far, ordered by scenario id. */
public record RunStatus(RunRecord run, List<ScenarioStatus> scenarios) {
    public RunStatus {
        Objects.requireNonNull(run, "run");
        scenarios = List.copyOf(scenarios);
    }
}
