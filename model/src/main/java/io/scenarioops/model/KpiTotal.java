package io.scenarioops.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The seed's {@code kpi_total.json}. {@code chosenSite} is the toy's one site; lp-v1 delivers
 * through several and leaves it out, giving instead the solver's status, the unmet demand and the
 * units carried in stock over all periods. Absent fields are not written, so the toy's file is the
 * seed's, byte for byte.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiTotal(
        double totalCost,
        String chosenSite,
        double totalCapacity,
        double totalDemand,
        double capacityUtilization,
        String solverStatus,
        Double unmetDemand,
        Double inventoryUnitsCarried) {

    /** The toy's KPIs, with the seed's five fields. */
    public KpiTotal(double totalCost, String chosenSite, double totalCapacity, double totalDemand,
            double capacityUtilization) {
        this(totalCost, chosenSite, totalCapacity, totalDemand, capacityUtilization, null, null, null);
    }
}
