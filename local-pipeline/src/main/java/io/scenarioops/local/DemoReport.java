package io.scenarioops.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.SolverComparison;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunWatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a finished run's KPIs, read back from the bucket, and the keys written. */
final class DemoReport {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** Beyond this many keys the report gives counts: a sweep's listing would drown the table. */
    private static final int MAX_KEYS_LISTED = 40;

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
            // run-completed carries counts only; every scenario's verdict is in the run's metadata
            RunMetadataVerdicts metadata = read(store, completed.runMetadataKey(), RunMetadataVerdicts.class);
            Map<String, Qc> verdicts = new HashMap<>();
            metadata.scenarioResults().forEach((scenarioId, result) -> verdicts.put(scenarioId, result.qc()));
            out.printf(Locale.ROOT, "%-24s %-7s %12s %12s %10s %10s %10s %7s %-6s %s%n", "scenario", "solver",
                    "total_cost", "variable", "overtime", "inbound", "outbound", "util", "site", "qc");
            for (var scenario : plan.scenarios()) {
                ScenarioPublished published = progress.published().get(scenario.scenarioId());
                if (published.failed()) {
                    out.printf(Locale.ROOT, "%-24s FAILED in %s: %s%n", scenario.scenarioId(), published.failure().stage(),
                            published.failure().reason());
                    continue;
                }
                KpiTotal total = read(store, published.artifactPrefix() + ObjectLayout.KPI_TOTAL, KpiTotal.class);
                KpiCostBreakdown costs = read(store, published.artifactPrefix() + ObjectLayout.KPI_COST_BREAKDOWN,
                        KpiCostBreakdown.class);
                // lp-v1 delivers through several sites: no one chosen site
                out.printf(Locale.ROOT, "%-24s %-7s %12.2f %12.2f %10.2f %10.2f %10.2f %7.4f %-6s %s%n",
                        scenario.scenarioId(), published.solver().name(), total.totalCost(), costs.variableCost(),
                        costs.overtimeCost(), costs.inboundLogisticsCost(), costs.outboundLogisticsCost(),
                        total.capacityUtilization(), total.chosenSite() == null ? "-" : total.chosenSite(),
                        verdict(verdicts.get(scenario.scenarioId())));
            }
            for (SolverComparison.Pair pair : metadata.solverComparison()) {
                out.printf(Locale.ROOT, "lp-v1 %s vs toy-v1 %s (same knobs): saving %.2f (%.2f%%)%n",
                        pair.lpScenarioId(), pair.toyScenarioId(), pair.saving(), pair.savingPercent());
            }
            out.println();
            out.println("run " + completed.status() + "; metadata at s3://" + store.bucket() + "/"
                    + completed.runMetadataKey());
            String runPrefix = ObjectLayout.runPrefix(plan.dt(), plan.runId());
            List<String> keys = store.list(runPrefix);
            out.println();
            out.println(keys.size() + " objects in s3://" + store.bucket() + "/" + runPrefix);
            keys.stream().limit(MAX_KEYS_LISTED).forEach(key -> out.println("  " + key));
            if (keys.size() > MAX_KEYS_LISTED) {
                out.println("  ... and " + (keys.size() - MAX_KEYS_LISTED) + " more");
            }
            if (config.s3Endpoint().isPresent() && isEmbeddedObjectStore()) {
                out.println("as plain files: " + bucketDirectory().resolve(runPrefix));
            }
        }
    }

    /** The part of {@code run_metadata.json} the report shows: each scenario's QC verdict, and the solvers compared. */
    private record RunMetadataVerdicts(Map<String, ScenarioResult> scenarioResults,
            List<SolverComparison.Pair> solverComparison) {
    }

    private record ScenarioResult(Qc qc) {
    }

    private record Qc(String verdict, List<String> failedChecks) {
    }

    private static String verdict(Qc verdict) {
        if (verdict == null) {
            return "?";
        }
        return verdict.failedChecks().isEmpty() ? verdict.verdict()
                : verdict.verdict() + " (" + String.join(", ", verdict.failedChecks()) + ")";
    }

    /** The embedded S3 server keeps objects as plain files under the data dir; an external one does not. */
    private boolean isEmbeddedObjectStore() {
        return bucketDirectory().toFile().isDirectory();
    }

    private Path bucketDirectory() {
        return config.dataDir().resolve("s3").resolve(config.s3Bucket());
    }

    private static <T> T read(ObjectStore store, String key, Class<T> type) {
        byte[] bytes = store.get(key).orElseThrow(() -> new IllegalStateException("missing object " + key));
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable object " + key, e);
        }
    }
}
