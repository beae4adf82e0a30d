package io.scenarioops.model;

/**
 * One row of lp-v1's {@code fact_inventory.json}: a period's production, deliveries and the stock
 * carried to the next period, which costs {@code holdingCost} per unit. There is no stock before
 * the first period, so {@code openingInventory} of period 0 is 0.
 */
public record InventoryRow(
        int period,
        double openingInventory,
        double producedQty,
        double deliveredQty,
        double closingInventory,
        double holdingCost,
        double costHolding) {
}
