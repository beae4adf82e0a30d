package io.scenarioops.local;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.SolverComparison;
import io.scenarioops.report.RunReportData;
import io.scenarioops.report.RunReportData.Qc;
import io.scenarioops.report.RunReportData.Scenario;
import io.scenarioops.report.RunReportLoader;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunWatcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a finished run's KPIs and QC verdicts and where its objects and report are. Everything comes from
 * the run's {@code run_metadata.json}, one object whatever the run's size, and from listing one
 * scenario's objects per solver: a 10,000-scenario sweep is reported as fast as the seed run.
 */
final class DemoReport {
    /** Beyond this many scenarios the table shows the first ones: a sweep's rows would drown the rest. */
    private static final int MAX_ROWS = 40;
    /** The scenario column is as wide as the longest id shown, and no narrower than this. */
    private static final int MIN_ID_WIDTH = 24;

    private final ScenarioOpsConfig config;
    private final RunPlan plan;

    DemoReport(ScenarioOpsConfig config, RunPlan plan) {
        this.config = config;
        this.plan = plan;
    }

    void print(PrintWriter out, RunWatcher.Progress progress) {
        try (ObjectStore store = new ObjectStore(config.objectStore())) {
            out.println();
            RunCompleted completed = progress.completed().orElseThrow();
            RunReportData metadata = RunReportLoader.load(store, completed.dt(), completed.runId());
            Map<String, Scenario> results = metadata.scenarioResults();
            List<ScenarioDefinition> scenarios = plan.scenarios();
            List<ScenarioDefinition> shown = scenarios.stream().limit(MAX_ROWS).toList();
            String idColumn = "%-" + shown.stream().mapToInt(scenario -> scenario.scenarioId().length())
                    .reduce(MIN_ID_WIDTH, Math::max) + "s";
            out.printf(Locale.ROOT, idColumn + " %-7s %12s %12s %10s %10s %10s %10s %10s %7s %-6s %s%n", "scenario",
                    "solver", "total_cost", "variable", "overtime", "inbound", "outbound", "holding", "unmet", "util",
                    "site", "qc");
            shown.forEach(scenario -> printRow(out, idColumn, scenario.scenarioId(),
                    results.get(scenario.scenarioId())));
            if (scenarios.size() > MAX_ROWS) {
                String metadataKey = ObjectLayout.runMetadataKey(plan.dt(), plan.runId());
                out.printf(Locale.ROOT, "... and %d more scenarios, every one in %s%n", scenarios.size() - MAX_ROWS,
                        bucketDirectory().map(dir -> dir.resolve(metadataKey).toString())
                                .orElse("s3://" + store.bucket() + "/" + metadataKey + " (./scenarioops status "
                                        + plan.runId() + " lists them)"));
            }
            for (SolverComparison.Pair pair : metadata.solverComparison()) {
                out.printf(Locale.ROOT, "lp-v1 %s vs toy-v1 %s (same knobs): saving %.2f (%.2f%%)%n",
                        pair.lpScenarioId(), pair.toyScenarioId(), pair.saving(), pair.savingPercent());
            }
            out.println();
            out.println("run " + completed.status() + "; metadata at s3://" + store.bucket() + "/"
                    + completed.runMetadataKey());
            out.println("report at " + where(store, ObjectLayout.runReportKey(plan.dt(), plan.runId())));
            printObjects(out, store, results);
        }
    }

    private static void printRow(PrintWriter out, String idColumn, String scenarioId, Scenario entry) {
        if (entry == null) {
            out.printf(Locale.ROOT, idColumn + " (not in the run's metadata)%n", scenarioId);
        } else if (entry.kpiTotal() == null || entry.kpiCostBreakdown() == null) {
            out.printf(Locale.ROOT, idColumn + " %-7s FAILED: %s%n", scenarioId, entry.solver(),
                    failedChecks(entry.qc()));
        } else {
            KpiTotal total = entry.kpiTotal();
            KpiCostBreakdown costs = entry.kpiCostBreakdown();
            // the toy has no holding or unmet-demand terms; lp-v1 delivers through several sites: no one chosen site
            out.printf(Locale.ROOT, idColumn + " %-7s %12.2f %12.2f %10.2f %10.2f %10.2f %10s %10s %7.4f %-6s %s%n",
                    scenarioId, entry.solver(), total.totalCost(), costs.variableCost(), costs.overtimeCost(),
                    costs.inboundLogisticsCost(), costs.outboundLogisticsCost(), optionalCost(costs.holdingCost()),
                    optionalCost(costs.unmetPenaltyCost()), total.capacityUtilization(),
                    total.chosenSite() == null ? "-" : total.chosenSite(), verdict(entry.qc()));
        }
    }

    private static String optionalCost(Double cost) {
        return cost == null ? "-" : String.format(Locale.ROOT, "%.2f", cost);
    }

    /**
     * The objects' layout, listed for the first published scenario of each solver (lp-v1 writes
     * two tables more than toy-v1): listing a whole sweep would take minutes.
     */
    private void printObjects(PrintWriter out, ObjectStore store, Map<String, Scenario> results) {
        String runPrefix = ObjectLayout.runPrefix(plan.dt(), plan.runId());
        List<Scenario> published = results.values().stream()
                .filter(scenario -> scenario.artifactPrefix() != null && scenario.kpiTotal() != null)
                .toList();
        Map<String, List<String>> objectsBySolver = new LinkedHashMap<>();
        for (Scenario scenario : published) {
            objectsBySolver.computeIfAbsent(scenario.solver(), solver -> store.list(scenario.artifactPrefix()));
        }
        String perScenario = String.join(" or ", objectsBySolver.entrySet().stream()
                .map(e -> objectsBySolver.size() == 1 ? String.valueOf(e.getValue().size())
                        : e.getValue().size() + " (" + e.getKey() + ")")
                .toList());
        out.println();
        out.println("objects in s3://" + store.bucket() + "/" + runPrefix + ": " + ObjectLayout.RUN_METADATA + ", "
                + ObjectLayout.RUN_REPORT + (published.isEmpty() ? "" : " and " + perScenario + " per published scenario")
                + " (" + published.size() + " of " + results.size() + " published)");
        out.println("  " + ObjectLayout.runMetadataKey(plan.dt(), plan.runId()));
        out.println("  " + ObjectLayout.runReportKey(plan.dt(), plan.runId()));
        objectsBySolver.values().forEach(keys -> keys.forEach(key -> out.println("  " + key)));
        int others = published.size() - objectsBySolver.size();
        if (others > 0) {
            out.println("  ... (the same for each of the other " + others + " scenarios)");
        }
        bucketDirectory().ifPresent(dir -> out.println("as plain files: " + dir.resolve(runPrefix)));
    }

    private static String verdict(Qc qc) {
        return qc.failedChecks().isEmpty() ? qc.verdict()
                : qc.verdict() + " (" + String.join(", ", qc.failedChecks()) + ")";
    }

    /** Each failed check with its detail, e.g. {@code upstream_stage: solver: knobs.demand_scale ...}. */
    private static String failedChecks(Qc qc) {
        return String.join("; ", qc.checks().stream().filter(c -> !c.passed())
                .map(c -> c.detail() == null || c.detail().isEmpty() ? c.name() : c.name() + ": " + c.detail())
                .toList());
    }

    /**
     * An object's URL and, from the embedded store, its plain file: the stack stops when the demo
     * ends, and the file stays readable (a browser opens the report) without it.
     */
    private String where(ObjectStore store, String key) {
        String url = "s3://" + store.bucket() + "/" + key;
        return bucketDirectory().map(dir -> url + " (a plain file: " + dir.resolve(key) + ")").orElse(url);
    }

    /** Where the embedded S3 server keeps the bucket's objects as plain files; empty for an external store. */
    private Optional<Path> bucketDirectory() {
        Path directory = config.dataDir().resolve("s3").resolve(config.s3Bucket());
        return config.s3Endpoint().isPresent() && directory.toFile().isDirectory() ? Optional.of(directory)
                : Optional.empty();
    }
}
