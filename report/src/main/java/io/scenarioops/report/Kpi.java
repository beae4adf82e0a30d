package io.scenarioops.report;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A KPI the report shows, read from a scenario's {@code kpi_total} or {@code kpi_cost_breakdown}.
 * lp-v1's extra KPIs are null for toy-v1 scenarios; a run shows a KPI only if a scenario has it.
 */
enum Kpi {
    TOTAL_COST("total_cost", s -> s.kpiTotal().totalCost()),
    VARIABLE_COST("variable_cost", s -> s.kpiCostBreakdown().variableCost()),
    OVERTIME_COST("overtime_cost", s -> s.kpiCostBreakdown().overtimeCost()),
    INBOUND_LOGISTICS_COST("inbound_logistics_cost", s -> s.kpiCostBreakdown().inboundLogisticsCost()),
    OUTBOUND_LOGISTICS_COST("outbound_logistics_cost", s -> s.kpiCostBreakdown().outboundLogisticsCost()),
    HOLDING_COST("holding_cost", s -> s.kpiCostBreakdown().holdingCost()),
    UNMET_PENALTY_COST("unmet_penalty_cost", s -> s.kpiCostBreakdown().unmetPenaltyCost()),
    CAPACITY_UTILIZATION("capacity_utilization", s -> s.kpiTotal().capacityUtilization()),
    TOTAL_DEMAND("total_demand", s -> s.kpiTotal().totalDemand()),
    TOTAL_CAPACITY("total_capacity", s -> s.kpiTotal().totalCapacity()),
    UNMET_DEMAND("unmet_demand", s -> s.kpiTotal().unmetDemand()),
    INVENTORY_UNITS_CARRIED("inventory_units_carried", s -> s.kpiTotal().inventoryUnitsCarried());

    /** The terms of {@code total_cost}, stacked in the cost-breakdown bars. */
    static final List<Kpi> COST_TERMS = List.of(VARIABLE_COST, OVERTIME_COST, INBOUND_LOGISTICS_COST,
            OUTBOUND_LOGISTICS_COST, HOLDING_COST, UNMET_PENALTY_COST);

    final String field;
    private final Function<RunReportData.Scenario, Double> read;

    Kpi(String field, Function<RunReportData.Scenario, Double> read) {
        this.field = field;
        this.read = read;
    }

    /** The scenario's value, or null if it has no KPIs or not this one. */
    Double of(RunReportData.Scenario scenario) {
        return scenario == null || !scenario.hasKpis() ? null : read.apply(scenario);
    }

    /** The KPIs that at least one of the scenarios has. */
    static List<Kpi> presentIn(List<RunReportData.Scenario> scenarios) {
        return java.util.Arrays.stream(values())
                .filter(kpi -> scenarios.stream().anyMatch(s -> kpi.of(s) != null))
                .toList();
    }

    /** Utilisation to four decimals as {@code kpi_total.json} has it, amounts to the cent. */
    String format(double value) {
        return String.format(Locale.ROOT, this == CAPACITY_UTILIZATION ? "%.4f" : "%.2f", value);
    }
}
