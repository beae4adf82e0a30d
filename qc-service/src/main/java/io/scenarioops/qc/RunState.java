package io.scenarioops.qc;

import java.util.Map;
import java.util.TreeMap;

/**
 * What QC holds for one run while its scenarios arrive, in any order and possibly more than once:
 * the latest result per scenario, and whether the run has been completed.
 */
public record RunState(String runId, int scenarioCount, Map<String, ScenarioQcResult> scenarios, boolean completed) {
    public RunState {
        scenarios = new TreeMap<>(scenarios);
    }

    static RunState empty(ScenarioQcResult first) {
        return new RunState(first.runId(), first.scenarioCount(), Map.of(), false);
    }

    /**
     * True when this published event was already taken into account with the same outcome: a
     * re-delivery. A re-check of the same event with another outcome (say, after a replay
     * restored a damaged artifact) is news and updates the run.
     */
    boolean alreadyHas(ScenarioQcResult result) {
        ScenarioQcResult known = scenarios.get(result.scenarioId());
        return known != null && known.publishedEventId().equals(result.publishedEventId())
                && known.checks().equals(result.checks());
    }

    RunState with(ScenarioQcResult result) {
        Map<String, ScenarioQcResult> updated = new TreeMap<>(scenarios);
        updated.put(result.scenarioId(), result);
        return new RunState(runId, Math.max(scenarioCount, result.scenarioCount()), updated, false);
    }

    boolean allChecked() {
        return scenarios.size() >= scenarioCount;
    }

    RunState markCompleted() {
        return new RunState(runId, scenarioCount, scenarios, true);
    }
}
