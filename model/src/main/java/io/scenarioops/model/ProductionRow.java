package io.scenarioops.model;

/**
 * One row of the seed's {@code fact_production.json}: a regular allocation of part of an order
 * to a line, or the overtime remainder of an order (then {@code regularQty} is 0.0 and
 * {@code overtimeQty} is the remainder). {@code quantity}, {@code costInbound} and
 * {@code costOutbound} are the whole order's, repeated on every row of a split order.
 */
public record ProductionRow(
        String order,
        int period,
        String line,
        String site,
        double quantity,
        double regularQty,
        double overtimeQty,
        double capacity,
        double usedCapacityRegular,
        double unitVarCost,
        double unitInCost,
        double unitOutCost,
        double overtimeMultiplier,
        double costVariable,
        double costOvertimePremium,
        double costInbound,
        double costOutbound) {
}
