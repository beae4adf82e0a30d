package io.scenarioops.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scenarioops.model.Component;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.SolverComparison;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Everything a run's report shows, read from its {@code run_metadata.json} alone (one object,
 * whatever the run's size): the run's header fields and, per scenario, solver, generator, knobs,
 * KPIs, QC verdict with every check, stage times and lineage. Fields a document written before
 * they existed lacks are null.
 *
 * @param scenarios the scenario ids, in the document's (scenario id) order
 * @param metadataKey the object key the document was read from, for the report's lineage
 */
public record RunReportData(
        String runId,
        String dt,
        String createdAtUtc,
        String completedAtUtc,
        String status,
        int scenarioCount,
        List<String> scenarios,
        Map<String, Scenario> scenarioResults,
        List<SolverComparison.Pair> solverComparison,
        String metadataKey) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public RunReportData {
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        scenarioResults = scenarioResults == null ? Map.of() : scenarioResults;
        solverComparison = solverComparison == null ? List.of() : List.copyOf(solverComparison);
    }

    /** One scenario's entry of {@code run_metadata.json}; KPIs are null when it produced none. */
    public record Scenario(
            String solver,
            String solverVersion,
            Component generator,
            Knobs knobs,
            String notes,
            KpiTotal kpiTotal,
            KpiCostBreakdown kpiCostBreakdown,
            Qc qc,
            String artifactPrefix,
            Lineage lineage,
            Stages stages) {

        public boolean hasKpis() {
            return kpiTotal != null && kpiCostBreakdown != null;
        }
    }

    public record Qc(String verdict, List<String> failedChecks, List<Check> checks) {
        public Qc {
            failedChecks = failedChecks == null ? List.of() : failedChecks;
            checks = checks == null ? List.of() : checks;
        }
    }

    public record Check(String name, boolean passed, String detail) {
    }

    /** The events a scenario's result descends from, and its manifest's key. */
    public record Lineage(String requestEventId, String solvedEventId, String publishedEventId, String manifestKey) {
    }

    public record Stages(String requestedAtUtc, String solvedAtUtc, String publishedAtUtc, String checkedAtUtc) {
    }

    /**
     * Reads a {@code run_metadata.json} document.
     *
     * @throws IllegalArgumentException if the bytes are not such a document
     */
    public static RunReportData parse(byte[] runMetadataJson, String metadataKey) {
        RunReportData read;
        try {
            read = JSON.readValue(runMetadataJson, RunReportData.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a run_metadata.json document (" + metadataKey + "): "
                    + e.getMessage(), e);
        }
        if (read.runId() == null || read.dt() == null) {
            throw new IllegalArgumentException("not a run_metadata.json document (" + metadataKey
                    + "): no run_id or dt");
        }
        return new RunReportData(read.runId(), read.dt(), read.createdAtUtc(), read.completedAtUtc(), read.status(),
                read.scenarioCount(), read.scenarios(), read.scenarioResults(), read.solverComparison(), metadataKey);
    }

    /** The scenario's entry, or null if the run has none for that id. */
    public Scenario scenario(String scenarioId) {
        return scenarioResults.get(scenarioId);
    }

    /** The scenario deltas are taken against: the one named {@code baseline}, else the first. */
    public String baselineScenarioId() {
        if (scenarioResults.containsKey("baseline")) {
            return "baseline";
        }
        return scenarios.isEmpty() ? null : scenarios.get(0);
    }
}
