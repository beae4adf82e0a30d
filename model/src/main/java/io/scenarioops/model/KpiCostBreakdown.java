package io.scenarioops.model;

/** The seed's {@code kpi_cost_breakdown.json}. */
public record KpiCostBreakdown(
        double variableCost,
        double overtimeCost,
        double inboundLogisticsCost,
        double outboundLogisticsCost) {
}
