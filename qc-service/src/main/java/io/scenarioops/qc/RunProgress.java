package io.scenarioops.qc;

import io.scenarioops.model.time.Timestamps;
import java.time.Duration;
import java.util.Optional;

/**
 * How far QC is with one run: what its request fixed (the request's time, dt, scenario count, how
 * many of its scenarios have been requested so far), how many scenarios have a result, whether the run has
 * been completed, and when any of that last changed (wall-clock millis, for the state retention).
 * Small and of fixed size, whatever the run's size: requests and results are stored one per scenario.
 */
public record RunProgress(String runId, String runCreatedAtUtc, String dt, int scenarioCount, int requested,
        int checked, boolean completed, long changedAtMillis) {

    static RunProgress requestedBy(RequestedScenario first, long now) {
        return new RunProgress(first.runId(), first.runCreatedAtUtc(), first.dt(), first.scenarioCount(), 0, 0, false,
                now);
    }

    /**
     * How a request made at {@code otherRunCreatedAtUtc} relates to the one this progress follows:
     * the same request, a later one (the run requested again, as {@code run --run-id} does), or an
     * earlier one it superseded.
     */
    Generation generationOf(String otherRunCreatedAtUtc) {
        int order = Timestamps.parseUtc(otherRunCreatedAtUtc).compareTo(Timestamps.parseUtc(runCreatedAtUtc));
        return order == 0 ? Generation.SAME : order > 0 ? Generation.LATER : Generation.SUPERSEDED;
    }

    enum Generation { SAME, LATER, SUPERSEDED }

    /** Why an event with this dt and scenario count does not belong to the run, if it does not. */
    Optional<String> conflict(String otherDt, int otherScenarioCount) {
        if (!dt.equals(otherDt)) {
            return Optional.of("dt " + otherDt + ", but run " + runId + " was requested with dt " + dt);
        }
        if (scenarioCount != otherScenarioCount) {
            return Optional.of("scenario_count " + otherScenarioCount + ", but run " + runId + " was requested with "
                    + scenarioCount + " scenarios");
        }
        return Optional.empty();
    }

    /** Every scenario of the run has been requested: a scenario not among them is not the run's. */
    boolean fullyRequested() {
        return requested >= scenarioCount;
    }

    RunProgress withRequest(long now) {
        return new RunProgress(runId, runCreatedAtUtc, dt, scenarioCount, requested + 1, checked, completed, now);
    }

    /** A scenario got its first result; the run is open again if it had been completed. */
    RunProgress withNewScenario(long now) {
        return new RunProgress(runId, runCreatedAtUtc, dt, scenarioCount, requested, checked + 1, false, now);
    }

    /** A known scenario got a different outcome: the run must be completed again. */
    RunProgress reopened(long now) {
        return new RunProgress(runId, runCreatedAtUtc, dt, scenarioCount, requested, checked, false, now);
    }

    boolean allChecked() {
        return checked >= scenarioCount;
    }

    RunProgress markCompleted() {
        return new RunProgress(runId, runCreatedAtUtc, dt, scenarioCount, requested, checked, true, changedAtMillis);
    }

    boolean unchangedFor(Duration retention, long now) {
        return now - changedAtMillis > retention.toMillis();
    }
}
