package io.scenarioops.qc;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.testsupport.GoldenFiles;
import java.util.Map;

/** The seed's reference KPIs of its default run (seed 7), read from the golden file by scenario id. */
final class GoldenKpis {
    private static final Map<String, JsonNode> BY_SCENARIO = GoldenFiles.defaultRunByScenario();

    private GoldenKpis() {
    }

    private static JsonNode scenario(String scenarioId) {
        JsonNode scenario = BY_SCENARIO.get(scenarioId);
        if (scenario == null) {
            throw new IllegalArgumentException("the golden default run has no scenario " + scenarioId);
        }
        return scenario;
    }

    static KpiTotal kpiTotal(String scenarioId) {
        JsonNode kpi = scenario(scenarioId).get("kpi_total");
        return new KpiTotal(kpi.get("total_cost").doubleValue(), kpi.get("chosen_site").textValue(),
                kpi.get("total_capacity").doubleValue(), kpi.get("total_demand").doubleValue(),
                kpi.get("capacity_utilization").doubleValue());
    }

    static KpiCostBreakdown kpiCostBreakdown(String scenarioId) {
        JsonNode breakdown = scenario(scenarioId).get("kpi_cost_breakdown");
        return new KpiCostBreakdown(breakdown.get("variable_cost").doubleValue(),
                breakdown.get("overtime_cost").doubleValue(), breakdown.get("inbound_logistics_cost").doubleValue(),
                breakdown.get("outbound_logistics_cost").doubleValue());
    }

    static int factProductionRows(String scenarioId) {
        return scenario(scenarioId).get("fact_production_rows").intValue();
    }

    static int overtimeRows(String scenarioId) {
        return scenario(scenarioId).get("overtime_rows").intValue();
    }
}
