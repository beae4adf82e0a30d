package io.scenarioops.qc;

import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.model.Component;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.Solvers;
import java.util.List;

/**
 * One scenario after QC: its identity within the run, knobs, solver and KPIs as read back, the
 * checks, and the time each stage finished. Travels from the checking step to the run aggregation
 * (re-keyed by run id), so it carries all the run envelope the aggregation needs, and the
 * lineage (events, manifest, generator and solver versions) the run's report shows, and what the
 * aggregation compares with the run's request ({@code requestFingerprint}) and with an earlier
 * result for the same request ({@code manifestSha256}). A result kept in QC's state by an older
 * build has no lineage: those fields are null.
 */
public record ScenarioQcResult(
        String runId,
        String dt,
        String runCreatedAtUtc,
        int scenarioCount,
        String scenarioId,
        long seed,
        String publishedEventId,
        String requestEventId,
        Knobs knobs,
        String notes,
        String artifactPrefix,
        KpiTotal kpiTotal,
        KpiCostBreakdown kpiCostBreakdown,
        List<CheckResult> checks,
        String requestedAtUtc,
        String solvedAtUtc,
        String publishedAtUtc,
        String checkedAtUtc,
        String solver,
        String solverVersion,
        Component generator,
        String solvedEventId,
        String manifestKey,
        String manifestSha256,
        RequestFingerprint requestFingerprint) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";

    public ScenarioQcResult {
        // a result kept in QC's state from before solvers could be chosen was toy-v1's
        solver = solver == null ? Solvers.DEFAULT.name() : solver;
    }

    public static ScenarioQcResult of(ScenarioPublished event, QualityGate.Inspection inspection, String checkedAtUtc) {
        return new ScenarioQcResult(event.runId(), event.dt(), event.runCreatedAtUtc(), event.scenarioCount(),
                event.scenarioId(), event.seed(), event.eventId(), event.lineage().requestEventId(), event.knobs(),
                inspection.notes(), event.artifactPrefix(),
                inspection.kpiTotal().orElse(null), inspection.kpiCostBreakdown().orElse(null),
                inspection.checks(), event.lineage().requestedAtUtc(), event.lineage().solvedAtUtc(),
                event.occurredAtUtc(), checkedAtUtc, event.solver().name(), event.solver().version(),
                event.generator(), event.lineage().solvedEventId(), event.manifestKey(), event.manifestSha256(),
                RequestFingerprint.of(event.seed(), event.knobs(), event.solver().name(), event.inputs()));
    }

    /** The key of a scenario's result in QC's store: unique, and prefixed by its run. */
    String storeKey() {
        return storeKeyPrefix(runId) + scenarioId;
    }

    static String storeKeyPrefix(String runId) {
        return runId + "/";
    }

    /**
     * True for a re-delivery of this result: the same published event with the same checks. A
     * re-check of the same event with another outcome (say, after a replay restored a damaged
     * artifact) is news.
     */
    boolean sameOutcomeAs(ScenarioQcResult other) {
        return publishedEventId.equals(other.publishedEventId) && checks.equals(other.checks);
    }

    public String verdict() {
        return checks.stream().allMatch(CheckResult::passed) ? PASSED : FAILED;
    }

    public List<String> failedChecks() {
        return checks.stream().filter(c -> !c.passed()).map(CheckResult::name).toList();
    }
}
