package io.scenarioops.storage;

import io.scenarioops.model.Ids;
import java.util.Optional;

/**
 * Object keys of the seed's layout, unchanged, plus a per-scenario manifest:
 *
 * <pre>
 * runs/dt=YYYY-MM-DD/run_id=&lt;id&gt;/run_metadata.json
 * runs/dt=YYYY-MM-DD/run_id=&lt;id&gt;/report.html   (the run's self-contained report, written with run_metadata.json)
 * runs/dt=YYYY-MM-DD/run_id=&lt;id&gt;/scenario_id=&lt;id&gt;/inputs/{scenario_spec,baseline_summary}.json
 * runs/dt=YYYY-MM-DD/run_id=&lt;id&gt;/scenario_id=&lt;id&gt;/outputs/{fact_production,kpi_total,kpi_cost_breakdown}.json
 * runs/dt=YYYY-MM-DD/run_id=&lt;id&gt;/scenario_id=&lt;id&gt;/outputs/{fact_delivery,fact_inventory}.json   (lp-v1 only)
 * runs/dt=YYYY-MM-DD/run_id=&lt;id&gt;/scenario_id=&lt;id&gt;/manifest.json
 * baselines/sha256=&lt;hash&gt;/baseline.json   (planners' baseline files, by content: {@link io.scenarioops.model.BaselineRef})
 * smoketest/dt=YYYY-MM-DD/hello.txt
 * </pre>
 *
 * lp-v1 keeps the seed's names where the meaning is the same: {@code fact_production.json} is its
 * production per line and period, {@code kpi_total.json} and {@code kpi_cost_breakdown.json} its
 * KPIs and objective terms; its deliveries and stock are in {@value #FACT_DELIVERY} and
 * {@value #FACT_INVENTORY}.
 *
 * Ids are validated before they become part of a key, so nothing can be written outside the
 * run's own prefix.
 */
public final class ObjectLayout {
    public static final String SCENARIO_SPEC = "inputs/scenario_spec.json";
    public static final String BASELINE_SUMMARY = "inputs/baseline_summary.json";
    public static final String FACT_PRODUCTION = "outputs/fact_production.json";
    public static final String KPI_TOTAL = "outputs/kpi_total.json";
    public static final String KPI_COST_BREAKDOWN = "outputs/kpi_cost_breakdown.json";
    public static final String FACT_DELIVERY = "outputs/fact_delivery.json";
    public static final String FACT_INVENTORY = "outputs/fact_inventory.json";
    public static final String MANIFEST = "manifest.json";
    public static final String RUN_METADATA = "run_metadata.json";
    public static final String RUN_REPORT = "report.html";
    /** Every run's {@code dt=} folder is below this prefix. */
    public static final String RUNS = "runs/";

    private ObjectLayout() {
    }

    public static String runPrefix(String dt, String runId) {
        requireDt(dt);
        return RUNS + "dt=" + dt + "/run_id=" + Ids.requireValidId("run_id", runId) + "/";
    }

    public static String scenarioPrefix(String dt, String runId, String scenarioId) {
        return runPrefix(dt, runId) + "scenario_id=" + Ids.requireValidId("scenario_id", scenarioId) + "/";
    }

    public static String runMetadataKey(String dt, String runId) {
        return runPrefix(dt, runId) + RUN_METADATA;
    }

    public static String runReportKey(String dt, String runId) {
        return runPrefix(dt, runId) + RUN_REPORT;
    }

    /** The {@code dt} of a {@code runs/dt=YYYY-MM-DD/} folder, or empty for any other key. */
    public static Optional<String> dtOfFolder(String folder) {
        if (folder.startsWith(RUNS + "dt=") && folder.endsWith("/")) {
            String dt = folder.substring((RUNS + "dt=").length(), folder.length() - 1);
            if (dt.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return Optional.of(dt);
            }
        }
        return Optional.empty();
    }

    /**
     * The artifact name of a solver's table, e.g. {@code outputs/fact_delivery.json} for
     * {@code fact_delivery}: the name it has whether the publisher writes it or the solver did.
     */
    public static String tableArtifact(String table) {
        return "outputs/" + table + ".json";
    }

    public static String manifestKey(String dt, String runId, String scenarioId) {
        return scenarioPrefix(dt, runId, scenarioId) + MANIFEST;
    }

    public static String smoketestKey(String dt) {
        requireDt(dt);
        return "smoketest/dt=" + dt + "/hello.txt";
    }

    private static void requireDt(String dt) {
        if (dt == null || !dt.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            throw new IllegalArgumentException("dt must be YYYY-MM-DD, got " + dt);
        }
    }
}
