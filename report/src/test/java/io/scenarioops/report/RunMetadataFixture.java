package io.scenarioops.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.testsupport.GoldenFiles;
import java.util.Map;

/**
 * {@code run_metadata.json} documents as QC writes them, built field by field: the seed's default
 * run with the golden KPIs, and synthetic sweeps.
 */
final class RunMetadataFixture {
    static final String DT = "2026-12-02";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode ids = root.putArray("scenarios");
    private final ObjectNode results;

    RunMetadataFixture(String runId) {
        root.put("run_id", runId).put("dt", DT).put("created_at_utc", "2026-12-02T08:00:00.000000+00:00")
                .put("status", "passed").put("completed_at_utc", "2026-12-02T08:00:09.500000+00:00");
        results = root.putObject("scenario_results");
        root.putArray("solver_comparison");
    }

    /** The seed's default run: baseline, costs_up_10, demand_up_10 with the golden KPIs, all passed. */
    static RunMetadataFixture seedRun(String runId) {
        RunMetadataFixture run = new RunMetadataFixture(runId);
        Map<String, JsonNode> golden = GoldenFiles.defaultRunByScenario();
        golden.keySet().stream().sorted().forEach(id -> {
            JsonNode g = golden.get(id);
            run.scenario(id, g.get("knobs"), g.get("kpi_total"), g.get("kpi_cost_breakdown"));
        });
        return run;
    }

    /** A toy-v1 scenario that passed its checks. */
    ObjectNode scenario(String id, JsonNode knobs, JsonNode kpiTotal, JsonNode costs) {
        ids.add(id);
        root.put("scenario_count", ids.size());
        String prefix = "runs/dt=" + DT + "/run_id=" + root.get("run_id").asText() + "/scenario_id=" + id + "/";
        ObjectNode entry = results.putObject(id);
        entry.put("solver", "toy-v1").put("solver_version", "1.0.0");
        entry.putObject("generator").put("name", "seed-baseline").put("version", "1.0.0");
        entry.set("knobs", knobs);
        entry.put("notes", "");
        entry.set("kpi_total", kpiTotal);
        entry.set("kpi_cost_breakdown", costs);
        ObjectNode qc = entry.putObject("qc");
        qc.put("verdict", "passed");
        qc.putArray("failed_checks");
        qc.putArray("checks").addObject().put("name", "kpi_reconciliation").put("passed", true).put("detail", "ok");
        entry.put("artifact_prefix", prefix);
        entry.putObject("lineage").put("request_event_id", "req-" + id).put("solved_event_id", "sol-" + id)
                .put("published_event_id", "pub-" + id).put("manifest_key", prefix + "manifest.json");
        entry.putObject("stages").put("requested_at_utc", "2026-12-02T08:00:00.000000+00:00")
                .put("checked_at_utc", "2026-12-02T08:00:09.000000+00:00");
        return entry;
    }

    /** A toy-like scenario whose KPIs are simple functions of its knobs. */
    ObjectNode sweepPoint(String id, double demand, double variable) {
        ObjectNode knobs = JSON.createObjectNode().put("demand_scale", demand).put("variable_cost_scale", variable)
                .put("logistics_cost_scale", 1.0);
        double variableCost = 261437.21 * demand * variable;
        double overtime = Math.max(0, demand - 1.05) * 90000;
        ObjectNode costs = JSON.createObjectNode().put("variable_cost", variableCost).put("overtime_cost", overtime)
                .put("inbound_logistics_cost", 28581.27 * demand).put("outbound_logistics_cost", 42942.71 * demand);
        ObjectNode total = JSON.createObjectNode()
                .put("total_cost", variableCost + overtime + 28581.27 * demand + 42942.71 * demand)
                .put("chosen_site", "DE_KA").put("total_capacity", 24493.1).put("total_demand", 23326.7 * demand)
                .put("capacity_utilization", 0.9524 * demand);
        return scenario(id, knobs, total, costs);
    }

    /** Marks the scenario failed: no KPIs, one failed check with {@code detail}. */
    RunMetadataFixture failed(String id, String check, String detail) {
        ObjectNode entry = (ObjectNode) results.get(id);
        entry.putNull("kpi_total");
        entry.putNull("kpi_cost_breakdown");
        ObjectNode qc = (ObjectNode) entry.get("qc");
        qc.put("verdict", "failed");
        qc.putArray("failed_checks").add(check);
        qc.putArray("checks").addObject().put("name", check).put("passed", false).put("detail", detail);
        root.put("status", "partial");
        return this;
    }

    RunReportData data() {
        return RunReportData.parse(bytes(), "runs/dt=" + DT + "/run_id=" + root.get("run_id").asText()
                + "/run_metadata.json");
    }

    byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
