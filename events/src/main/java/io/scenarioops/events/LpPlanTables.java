package io.scenarioops.events;

import io.scenarioops.model.DeliveryRow;
import io.scenarioops.model.InventoryRow;
import io.scenarioops.model.LineProductionRow;
import io.scenarioops.model.LpSolveResult;
import java.util.List;

/** lp-v1's three tables as a solved event carries them, each becoming one artifact. */
public record LpPlanTables(
        List<LineProductionRow> factProduction,
        List<DeliveryRow> factDelivery,
        List<InventoryRow> factInventory) {

    public static LpPlanTables of(LpSolveResult result) {
        return new LpPlanTables(result.factProduction(), result.factDelivery(), result.factInventory());
    }
}
