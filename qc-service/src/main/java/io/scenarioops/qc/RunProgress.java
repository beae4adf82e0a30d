package io.scenarioops.qc;

/**
 * How far QC is with one run: how many of its scenarios have a result, and whether the run has
 * been completed. Small and of fixed size, whatever the run's size: the results themselves are
 * stored one per scenario.
 */
public record RunProgress(String runId, int scenarioCount, int checked, boolean completed) {

    static RunProgress start(ScenarioQcResult first) {
        return new RunProgress(first.runId(), first.scenarioCount(), 0, false);
    }

    /** A scenario got its first result; the run is open again if it had been completed. */
    RunProgress withNewScenario(ScenarioQcResult result) {
        return new RunProgress(runId, Math.max(scenarioCount, result.scenarioCount()), checked + 1, false);
    }

    /** A known scenario got a different outcome: the run must be completed again. */
    RunProgress reopened() {
        return new RunProgress(runId, scenarioCount, checked, false);
    }

    boolean allChecked() {
        return checked >= scenarioCount;
    }

    RunProgress markCompleted() {
        return new RunProgress(runId, scenarioCount, checked, true);
    }
}
