package io.scenarioops.runstore;

import io.scenarioops.model.Knobs;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.Solvers;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@code run_scenarios}, together with the run facts ({@code dt},
 * {@code runCreatedAtUtc}, {@code scenarioCount}) needed to create the run's row when this is the
 * first scenario recorded for it.
 *
 * <p>Nullable: {@code kpiTotal} and {@code kpiCostBreakdown} (a scenario that failed upstream has
 * no KPIs), {@code artifactPrefix} and the three upstream stage timestamps. A null
 * {@code notes} is stored as the empty string, a null {@code failedChecks} as an empty list, a
 * null {@code solver} as toy-v1.
 */
public record ScenarioRecord(
        String runId,
        String dt,
        String runCreatedAtUtc,
        int scenarioCount,
        String scenarioId,
        long seed,
        Knobs knobs,
        String notes,
        KpiTotal kpiTotal,
        KpiCostBreakdown kpiCostBreakdown,
        String verdict,
        List<String> failedChecks,
        String artifactPrefix,
        String requestedAtUtc,
        String solvedAtUtc,
        String publishedAtUtc,
        String checkedAtUtc,
        String solver) {

    public static final String VERDICT_PASSED = "passed";
    public static final String VERDICT_FAILED = "failed";

    public ScenarioRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(dt, "dt");
        Objects.requireNonNull(runCreatedAtUtc, "runCreatedAtUtc");
        Objects.requireNonNull(scenarioId, "scenarioId");
        Objects.requireNonNull(knobs, "knobs");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(checkedAtUtc, "checkedAtUtc");
        notes = notes == null ? "" : notes;
        failedChecks = failedChecks == null ? List.of() : List.copyOf(failedChecks);
        solver = solver == null ? Solvers.DEFAULT.name() : solver;
    }

    /** A scenario of the default solver, toy-v1. */
    public ScenarioRecord(String runId, String dt, String runCreatedAtUtc, int scenarioCount, String scenarioId,
            long seed, Knobs knobs, String notes, KpiTotal kpiTotal, KpiCostBreakdown kpiCostBreakdown, String verdict,
            List<String> failedChecks, String artifactPrefix, String requestedAtUtc, String solvedAtUtc,
            String publishedAtUtc, String checkedAtUtc) {
        this(runId, dt, runCreatedAtUtc, scenarioCount, scenarioId, seed, knobs, notes, kpiTotal, kpiCostBreakdown,
                verdict, failedChecks, artifactPrefix, requestedAtUtc, solvedAtUtc, publishedAtUtc, checkedAtUtc, null);
    }
}
