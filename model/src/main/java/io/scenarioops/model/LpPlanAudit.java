package io.scenarioops.model;

import static io.scenarioops.model.Reconciliation.requireClose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an lp-v1 plan, as its tables say, against the instance it claims to solve: every
 * constraint of the linear program within {@value #CONSTRAINT_TOLERANCE} (plus the figures' own
 * round-off, {@link Reconciliation}), every quantity finite, and every reported
 * cost against the quantities. Pure; QC runs it on the artifacts it reads back, tests on the
 * solver's own result. Problems are readable sentences naming the row.
 */
public final class LpPlanAudit {
    /** How far a constraint may be off: a simplex's feasibility tolerance is of the order of 1e-9 per unit. */
    public static final double CONSTRAINT_TOLERANCE = 1e-6;
    /** Half a cent: two amounts are equal to the cent when they round to the same cent. */
    private static final double HALF_CENT = 0.005;
    /** Row costs are rounded to 6 decimals: each may be off by half a millionth. */
    private static final double HALF_MILLIONTH = 0.0000005;

    private final Baseline b;
    private final PlanningParameters planning;
    private final LpSolveResult plan;

    /**
     * @param knobApplied the instance the plan solves, knobs applied
     */
    public LpPlanAudit(Baseline knobApplied, PlanningParameters planning, LpSolveResult plan) {
        this.b = knobApplied;
        this.planning = planning;
        this.plan = plan;
    }

    /**
     * The cost side: {@code total_cost} is the sum of the breakdown's terms to the cent, each term
     * is the sum of its cost column, and the objective recomputed from the tables' quantities and
     * the instance's unit costs is {@code total_cost}.
     */
    public List<String> costProblems() {
        List<String> problems = new ArrayList<>();
        KpiTotal total = plan.kpiTotal();
        KpiCostBreakdown terms = plan.kpiCostBreakdown();
        if (terms.holdingCost() == null || terms.unmetPenaltyCost() == null) {
            problems.add("kpi_cost_breakdown lacks holding_cost or unmet_penalty_cost");
            return problems;
        }
        requireClose(problems, "total_cost", total.totalCost(), "sum of kpi_cost_breakdown", terms.sum(),
                7 * HALF_CENT);

        double variable = 0.0;
        double overtime = 0.0;
        for (LineProductionRow row : plan.factProduction()) {
            variable += row.costVariable();
            overtime += row.costOvertime();
        }
        double inbound = 0.0;
        double outbound = 0.0;
        double penalty = 0.0;
        int deliveryRows = 0;
        for (DeliveryRow row : plan.factDelivery()) {
            for (DeliveryRow.SiteDelivery site : row.deliveries()) {
                inbound += site.costInbound();
                outbound += site.costOutbound();
                deliveryRows++;
            }
            penalty += row.costUnmetPenalty();
        }
        double holding = 0.0;
        for (InventoryRow row : plan.factInventory()) {
            holding += row.costHolding();
        }
        int rows = plan.factProduction().size() + deliveryRows + plan.factDelivery().size()
                + plan.factInventory().size();
        double rowsTolerance = HALF_CENT + rows * HALF_MILLIONTH;
        requireClose(problems, "variable_cost", terms.variableCost(), "sum of fact_production cost_variable",
                variable, rowsTolerance);
        requireClose(problems, "overtime_cost", terms.overtimeCost(), "sum of fact_production cost_overtime",
                overtime, rowsTolerance);
        requireClose(problems, "holding_cost", terms.holdingCost(), "sum of fact_inventory cost_holding", holding,
                rowsTolerance);
        requireClose(problems, "inbound_logistics_cost", terms.inboundLogisticsCost(),
                "sum of fact_delivery cost_inbound", inbound, rowsTolerance);
        requireClose(problems, "outbound_logistics_cost", terms.outboundLogisticsCost(),
                "sum of fact_delivery cost_outbound", outbound, rowsTolerance);
        requireClose(problems, "unmet_penalty_cost", terms.unmetPenaltyCost(),
                "sum of fact_delivery cost_unmet_penalty", penalty, rowsTolerance);
        requireClose(problems, "total_cost", total.totalCost(), "objective recomputed from the tables' quantities",
                objective(), HALF_CENT);
        return problems;
    }

    /**
     * The plan side: each table has one row per line and period, order and period, and period of
     * the instance; no quantity is negative; and every constraint of the linear program holds.
     */
    public List<String> constraintProblems() {
        List<String> problems = new ArrayList<>();
        int lines = b.lines().size();
        int periods = b.periods().size();
        int orders = b.orders().size();
        if (plan.factProduction().size() != lines * periods || plan.factDelivery().size() != orders * periods
                || plan.factInventory().size() != periods) {
            problems.add("expected " + lines * periods + " fact_production, " + orders * periods + " fact_delivery and "
                    + periods + " fact_inventory rows, got " + plan.factProduction().size() + ", "
                    + plan.factDelivery().size() + " and " + plan.factInventory().size());
            return problems;
        }
        double[] produced = new double[periods];
        double[] delivered = new double[periods];
        double[] periodCapacity = new double[periods];
        for (int i = 0; i < plan.factProduction().size(); i++) {
            LineProductionRow row = plan.factProduction().get(i);
            int l = i / periods;
            int t = i % periods;
            String where = "fact_production[" + i + "] (" + row.line() + ", period " + row.period() + ")";
            if (!row.line().equals(b.lines().get(l)) || row.period() != b.periods().get(t)) {
                problems.add(where + " should be line " + b.lines().get(l) + ", period " + b.periods().get(t));
                continue;
            }
            double cap = b.capacity()[l][t];
            periodCapacity[t] += cap;
            requireWithin(problems, where + " regular_qty", row.regularQty(), 0.0, cap);
            requireWithin(problems, where + " overtime_qty", row.overtimeQty(), 0.0, planning.overtimeShare() * cap);
            produced[t] += row.regularQty() + row.overtimeQty();
        }
        Map<String, Integer> siteIndex = new HashMap<>();
        for (int s = 0; s < b.sites().size(); s++) {
            siteIndex.put(b.sites().get(s), s);
        }
        double[][] throughput = new double[b.sites().size()][periods];
        for (int i = 0; i < plan.factDelivery().size(); i++) {
            DeliveryRow row = plan.factDelivery().get(i);
            int o = i / periods;
            int t = i % periods;
            String where = "fact_delivery[" + i + "] (" + row.order() + ", period " + row.period() + ")";
            if (!row.order().equals(b.orders().get(o)) || row.period() != b.periods().get(t)) {
                problems.add(where + " should be order " + b.orders().get(o) + ", period " + b.periods().get(t));
                continue;
            }
            double d = b.demand()[o][t];
            requireWithin(problems, where + " unmet_qty", row.unmetQty(), 0.0, d);
            double sum = row.unmetQty();
            for (DeliveryRow.SiteDelivery site : row.deliveries()) {
                Integer s = siteIndex.get(site.site());
                if (s == null) {
                    problems.add(where + " delivers through unknown site " + site.site());
                    continue;
                }
                requireWithin(problems, where + " delivered_qty at " + site.site(), site.deliveredQty(), 0.0,
                        Double.POSITIVE_INFINITY);
                throughput[s][t] += site.deliveredQty();
                delivered[t] += site.deliveredQty();
                sum += site.deliveredQty();
            }
            if (!Reconciliation.close(sum, d, CONSTRAINT_TOLERANCE)) {
                problems.add(where + " delivers and leaves unmet " + sum + " of demand " + d);
            }
        }
        double opening = 0.0;
        for (int t = 0; t < periods; t++) {
            InventoryRow row = plan.factInventory().get(t);
            String where = "fact_inventory[" + t + "] (period " + row.period() + ")";
            requireWithin(problems, where + " closing_inventory", row.closingInventory(), 0.0,
                    Double.POSITIVE_INFINITY);
            if (!Reconciliation.close(opening + produced[t], delivered[t] + row.closingInventory(),
                    CONSTRAINT_TOLERANCE)) {
                problems.add(where + ": stock " + opening + " + production " + produced[t] + " - deliveries "
                        + delivered[t] + " is not the closing stock " + row.closingInventory());
            }
            for (int s = 0; s < b.sites().size(); s++) {
                double limit = planning.siteShare() * periodCapacity[t];
                if (throughput[s][t] > limit + Reconciliation.slack(CONSTRAINT_TOLERANCE, limit)) {
                    problems.add("site " + b.sites().get(s) + " delivers " + throughput[s][t] + " in period "
                            + b.periods().get(t) + ", more than site_share x capacity = " + limit);
                }
            }
            opening = row.closingInventory();
        }
        return Reconciliation.limit(problems);
    }

    /** The LP's objective at the tables' quantities, with the instance's costs and the scenario's parameters. */
    private double objective() {
        int periods = b.periods().size();
        double sum = 0.0;
        for (int i = 0; i < Math.min(plan.factProduction().size(), b.lines().size() * periods); i++) {
            LineProductionRow row = plan.factProduction().get(i);
            double vc = b.variableCost()[i / periods][i % periods];
            sum += vc * row.regularQty() + planning.overtimeMultiplier() * vc * row.overtimeQty();
        }
        for (InventoryRow row : plan.factInventory()) {
            sum += planning.holdingCost() * row.closingInventory();
        }
        Map<String, Integer> siteIndex = new HashMap<>();
        for (int s = 0; s < b.sites().size(); s++) {
            siteIndex.put(b.sites().get(s), s);
        }
        for (int i = 0; i < Math.min(plan.factDelivery().size(), b.orders().size() * periods); i++) {
            DeliveryRow row = plan.factDelivery().get(i);
            int o = i / periods;
            int t = i % periods;
            sum += planning.unmetPenalty() * row.unmetQty();
            for (DeliveryRow.SiteDelivery site : row.deliveries()) {
                Integer s = siteIndex.get(site.site());
                if (s != null) {
                    sum += (b.inboundCost()[o][s][t] + b.outboundCost()[o][s][t]) * site.deliveredQty();
                }
            }
        }
        return sum;
    }

    private static void requireWithin(List<String> problems, String what, double value, double lower, double upper) {
        if (!Double.isFinite(value) || value < lower - Reconciliation.slack(CONSTRAINT_TOLERANCE, lower)
                || value > upper + Reconciliation.slack(CONSTRAINT_TOLERANCE, upper)) {
            problems.add(what + " is " + value + ", outside [" + lower + ", " + upper + "]");
        }
    }
}
