package io.scenarioops.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The seed's greedy "capacity + overtime premium" toy solver, ported operation for operation
 * (same loop order, same sequential double sums, same Python rounding) so that its outputs are
 * bit-for-bit those of the seed.
 *
 * <p>The seed's known quirks are kept on purpose, because changing any of them would change the
 * numbers of re-run historical scenarios:
 * <ul>
 *   <li>Overtime units are charged only the premium {@code (m - 1) * vc}, never their base
 *       variable cost.</li>
 *   <li>A split order repeats its whole {@code quantity}, {@code cost_inbound} and
 *       {@code cost_outbound} on each of its rows, so summing those row columns overstates
 *       logistics; reconcile logistics per (order, period), not per row.</li>
 *   <li>One site serves every order, whatever each order's own cheapest site is.</li>
 *   <li>Nothing caps overtime; the only capacity effect is the premium.</li>
 * </ul>
 */
public final class ToySolver implements Solver {

    public static final Component COMPONENT = new Component("toy-v1", "1.0.0");

    public static final ToySolver INSTANCE = new ToySolver();

    public static final double OVERTIME_MULTIPLIER = 1.8;

    // Python's sorted() compares with '<', under which -0.0 and 0.0 are equal (Double.compare is not).
    private static final Comparator<Double> PYTHON_ORDER = (a, b) -> a < b ? -1 : (a > b ? 1 : 0);

    private ToySolver() {
    }

    @Override
    public Component component() {
        return COMPONENT;
    }

    /** The seed's solver ignores the planning parameters: its overtime multiplier is always {@value #OVERTIME_MULTIPLIER}. */
    @Override
    public SolveResult solve(Baseline knobApplied, PlanningParameters planning) {
        return solve(knobApplied);
    }

    /** Solves a baseline that already has its knobs applied. */
    public static SolveResult solve(Baseline b) {
        int orders = b.orders().size();
        int lines = b.lines().size();
        int periods = b.periods().size();
        double[][] demand = b.demand();
        double[][] variableCost = b.variableCost();
        double[][] capacity = b.capacity();

        int site = cheapestSite(b);
        String siteName = b.sites().get(site);
        double m = OVERTIME_MULTIPLIER;

        double variable = 0.0;
        double premiums = 0.0;
        double inbound = 0.0;
        double outbound = 0.0;
        double[][] used = new double[lines][periods];
        List<ProductionRow> rows = new ArrayList<>();

        for (int t = 0; t < periods; t++) {
            int[] ranked = linesByCost(variableCost, t);
            int period = b.periods().get(t);
            for (int o = 0; o < orders; o++) {
                double q = demand[o][t];
                if (q <= 0) {
                    continue;
                }
                double unitIn = b.inboundCost()[o][site][t];
                double unitOut = b.outboundCost()[o][site][t];
                inbound += q * unitIn;
                outbound += q * unitOut;
                double costInbound = PyMath.round(q * unitIn, 6);
                double costOutbound = PyMath.round(q * unitOut, 6);
                String order = b.orders().get(o);
                double rem = q;
                for (int l : ranked) {
                    if (rem <= 0) {
                        break;
                    }
                    double free = Math.max(0.0, capacity[l][t] - used[l][t]);
                    double alloc = Math.min(rem, free);
                    if (alloc <= 0) {
                        continue;
                    }
                    double vc = variableCost[l][t];
                    used[l][t] += alloc;
                    rem -= alloc;
                    variable += alloc * vc;
                    rows.add(new ProductionRow(order, period, b.lines().get(l), siteName, q, alloc, 0.0,
                            capacity[l][t], used[l][t], vc, unitIn, unitOut, m,
                            PyMath.round(alloc * vc, 6), 0.0, costInbound, costOutbound));
                }
                if (rem > 0) {
                    int l = ranked[0];
                    double vc = variableCost[l][t];
                    double premium = rem * vc * (m - 1.0);
                    premiums += premium;
                    rows.add(new ProductionRow(order, period, b.lines().get(l), siteName, q, 0.0, rem,
                            capacity[l][t], used[l][t], vc, unitIn, unitOut, m,
                            0.0, PyMath.round(premium, 6), costInbound, costOutbound));
                }
            }
        }

        double total = variable + premiums + inbound + outbound;
        double totalCapacity = 0.0;
        for (double[] lineCapacity : capacity) {
            for (double c : lineCapacity) {
                totalCapacity += c;
            }
        }
        double totalDemand = 0.0;
        for (double[] orderDemand : demand) {
            for (double d : orderDemand) {
                totalDemand += d;
            }
        }
        double utilization = totalCapacity == 0.0 ? 0.0 : PyMath.round(totalDemand / totalCapacity, 4);

        KpiTotal kpiTotal = new KpiTotal(PyMath.round(total, 2), siteName, PyMath.round(totalCapacity, 2),
                PyMath.round(totalDemand, 2), utilization);
        KpiCostBreakdown breakdown = new KpiCostBreakdown(PyMath.round(variable, 2), PyMath.round(premiums, 2),
                PyMath.round(inbound, 2), PyMath.round(outbound, 2));
        return new SolveResult(rows, kpiTotal, breakdown);
    }

    /** The site with the smallest mean inbound + outbound unit cost, the first one on a tie. */
    private static int cheapestSite(Baseline b) {
        int pairs = b.orders().size() * b.periods().size();
        int best = 0;
        double bestMean = Double.POSITIVE_INFINITY;
        for (int s = 0; s < b.sites().size(); s++) {
            double sum = 0.0;
            for (int o = 0; o < b.orders().size(); o++) {
                for (int t = 0; t < b.periods().size(); t++) {
                    sum += b.inboundCost()[o][s][t] + b.outboundCost()[o][s][t];
                }
            }
            double mean = sum / pairs;
            if (mean < bestMean) {
                best = s;
                bestMean = mean;
            }
        }
        return best;
    }

    /** Line indices by ascending variable cost in period {@code t}; a stable sort keeps ties in line order. */
    private static int[] linesByCost(double[][] variableCost, int t) {
        Integer[] order = new Integer[variableCost.length];
        for (int l = 0; l < order.length; l++) {
            order[l] = l;
        }
        Arrays.sort(order, Comparator.comparing(l -> variableCost[l][t], PYTHON_ORDER));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
