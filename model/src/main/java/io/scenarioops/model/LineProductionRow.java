package io.scenarioops.model;

/**
 * One row of lp-v1's {@code fact_production.json}: what one line makes in one period, in regular
 * time and in overtime, against its capacities, and what that costs. Costs are rounded to 6
 * decimals like the toy's row costs; quantities are the solver's.
 */
public record LineProductionRow(
        String line,
        int period,
        double capacity,
        double overtimeCapacity,
        double regularQty,
        double overtimeQty,
        double unitVarCost,
        double overtimeMultiplier,
        double costVariable,
        double costOvertime) {
}
