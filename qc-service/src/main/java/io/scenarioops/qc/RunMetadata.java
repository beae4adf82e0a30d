package io.scenarioops.qc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.model.SolverComparison;
import io.scenarioops.report.RunReportData;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code run_metadata.json}: the seed's fields ({@code run_id}, {@code dt}, {@code created_at_utc},
 * {@code scenarios}) plus the run's QC status and, per scenario, its solver and solver version,
 * generator, knobs, KPIs, verdict with the failed checks, artifact prefix, lineage (the request,
 * solved and published event ids and the manifest's key) and the time each stage finished; and
 * {@code solver_comparison}: each lp-v1 scenario against the toy-v1 scenario with the same knobs,
 * and the saving of the optimal plan (empty when the run holds no such pair).
 *
 * <p>A scenario's entry is the record the report reads it back into ({@link RunReportData.Scenario}):
 * one definition of the document's shape for its writer and its readers.
 */
public record RunMetadata(
        String runId,
        String dt,
        String createdAtUtc,
        List<String> scenarios,
        int scenarioCount,
        String status,
        String completedAtUtc,
        Map<String, RunReportData.Scenario> scenarioResults,
        List<SolverComparison.Pair> solverComparison) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param results every scenario's result, in scenario id order */
    static RunMetadata of(RunProgress progress, List<ScenarioQcResult> results, String completedAtUtc) {
        ScenarioQcResult any = results.get(0);
        Map<String, RunReportData.Scenario> entries = new LinkedHashMap<>();
        results.forEach(r -> entries.put(r.scenarioId(), new RunReportData.Scenario(r.solver(), r.solverVersion(),
                r.generator(), r.knobs(), r.notes(), r.kpiTotal(), r.kpiCostBreakdown(),
                new RunReportData.Qc(r.verdict(), r.failedChecks(), r.checks().stream()
                        .map(c -> new RunReportData.Check(c.name(), c.passed(), c.detail())).toList()),
                r.artifactPrefix(),
                new RunReportData.Lineage(r.requestEventId(), r.solvedEventId(), r.publishedEventId(), r.manifestKey()),
                new RunReportData.Stages(r.requestedAtUtc(), r.solvedAtUtc(), r.publishedAtUtc(), r.checkedAtUtc()))));
        return new RunMetadata(progress.runId(), any.dt(), any.runCreatedAtUtc(), List.copyOf(entries.keySet()),
                progress.scenarioCount(), status(results), completedAtUtc, entries,
                SolverComparison.pairs(results.stream().map(r -> new SolverComparison.Scenario(r.scenarioId(),
                        r.solver(), r.knobs(), r.kpiTotal() == null ? null : r.kpiTotal().totalCost())).toList()));
    }

    /**
     * The {@code created_at_utc} of a {@code run_metadata.json} as written: the time of the request
     * it records. Empty for a document that does not carry a readable one.
     */
    static Optional<String> createdAtUtc(byte[] runMetadataJson) {
        try {
            JsonNode created = JSON.readTree(runMetadataJson).path("created_at_utc");
            return created.isTextual() ? Optional.of(created.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code passed} if every scenario passed, {@code failed} if none did, {@code partial} otherwise. */
    static String status(List<ScenarioQcResult> results) {
        long passed = results.stream().filter(r -> r.verdict().equals(ScenarioQcResult.PASSED)).count();
        if (passed == results.size()) {
            return RunCompleted.STATUS_PASSED;
        }
        return passed == 0 ? RunCompleted.STATUS_FAILED : RunCompleted.STATUS_PARTIAL;
    }
}
