package io.scenarioops.model;

/** The seed's {@code kpi_total.json}. */
public record KpiTotal(
        double totalCost,
        String chosenSite,
        double totalCapacity,
        double totalDemand,
        double capacityUtilization) {
}
