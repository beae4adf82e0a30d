package io.scenarioops.model;

import java.util.List;
import java.util.Objects;

/** Everything lp-v1 produces for one scenario: production, delivery and inventory tables, and the KPIs. */
public record LpSolveResult(
        List<LineProductionRow> factProduction,
        List<DeliveryRow> factDelivery,
        List<InventoryRow> factInventory,
        KpiTotal kpiTotal,
        KpiCostBreakdown kpiCostBreakdown) implements PlanResult {

    public LpSolveResult {
        factProduction = List.copyOf(factProduction);
        factDelivery = List.copyOf(factDelivery);
        factInventory = List.copyOf(factInventory);
        Objects.requireNonNull(kpiTotal, "kpiTotal");
        Objects.requireNonNull(kpiCostBreakdown, "kpiCostBreakdown");
    }
}
