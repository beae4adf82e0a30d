package io.scenarioops.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The seed's {@code kpi_cost_breakdown.json}: the cost terms whose sum is {@code total_cost}.
 * The toy has four (its overtime term is only the overtime premium); lp-v1's are its objective's
 * six terms, overtime at its full cost, plus holding and unmet-demand penalty costs, which the toy
 * has not and does not write.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiCostBreakdown(
        double variableCost,
        double overtimeCost,
        double inboundLogisticsCost,
        double outboundLogisticsCost,
        Double holdingCost,
        Double unmetPenaltyCost) {

    /** The toy's four terms. */
    public KpiCostBreakdown(double variableCost, double overtimeCost, double inboundLogisticsCost,
            double outboundLogisticsCost) {
        this(variableCost, overtimeCost, inboundLogisticsCost, outboundLogisticsCost, null, null);
    }

    /** The sum of the terms present, in the order written. */
    public double sum() {
        double sum = variableCost + overtimeCost + inboundLogisticsCost + outboundLogisticsCost;
        if (holdingCost != null) {
            sum += holdingCost;
        }
        if (unmetPenaltyCost != null) {
            sum += unmetPenaltyCost;
        }
        return sum;
    }
}
