package io.scenarioops.model;

import java.util.List;

/**
 * One row of lp-v1's {@code fact_delivery.json}: an order's demand in one period, how much of it
 * each site delivered (sites that delivered nothing are left out) and how much was left unmet,
 * with the logistics and penalty costs. Every order and period has a row.
 */
public record DeliveryRow(
        String order,
        int period,
        double demand,
        List<SiteDelivery> deliveries,
        double unmetQty,
        double unmetPenalty,
        double costUnmetPenalty) {

    public DeliveryRow {
        deliveries = List.copyOf(deliveries);
    }

    /** Units of one order's period demand delivered through one site. */
    public record SiteDelivery(
            String site,
            double deliveredQty,
            double unitInCost,
            double unitOutCost,
            double costInbound,
            double costOutbound) {
    }
}
