package io.scenarioops.model;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lp-v1}: the cost-optimal plan, the linear program of docs/solvers.md solved by GLOP,
 * OR-Tools' primal-dual simplex LP solver. Variables (all {@code >= 0}): regular production
 * {@code r[l,t] <= cap[l,t]}, overtime {@code v[l,t] <= overtime_share * cap[l,t]}, stock
 * {@code I[t]} at the end of each period, deliveries {@code z[o,s,t]} and unmet demand
 * {@code u[o,t] <= d[o,t]}. Constraints: every order's period demand is delivered or unmet; each
 * period's stock balances production and deliveries; each site delivers at most
 * {@code site_share} of the period's total capacity. The objective is the sum of variable,
 * overtime, holding, logistics and unmet-penalty costs.
 *
 * <p>The optimum's value is unique, its plan may not be (ties between sites or lines). Every
 * instance is feasible (unmet demand absorbs any shortfall), so any status but optimal is the
 * solver's failure and is reported in its own words.
 */
public final class LpSolver implements Solver {

    public static final Component COMPONENT = new Component("lp-v1", "1.0.0");

    public static final LpSolver INSTANCE = new LpSolver();

    public static final String STATUS_OPTIMAL = "optimal";

    /** OR-Tools' id of its LP simplex solver. */
    private static final String GLOP = "GLOP";

    /**
     * Solver values this close to zero are zero: a simplex leaves round-off of this order on
     * variables at a bound, and a {@code -1e-13} in a table would read as a negative quantity.
     */
    private static final double ZERO = 1e-9;

    private LpSolver() {
    }

    @Override
    public Component component() {
        return COMPONENT;
    }

    @Override
    public LpSolveResult solve(Baseline b, PlanningParameters planning) {
        NativeLibrary.load();
        MPSolver solver = MPSolver.createSolver(GLOP);
        if (solver == null) {
            throw new LpSolverException("OR-Tools has no " + GLOP + " solver in this build");
        }
        try {
            Program program = new Program(b, planning, solver);
            MPSolver.ResultStatus status = solver.solve();
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                throw new LpSolverException(GLOP + " ended with status " + status + " on a " + b.orders().size()
                        + "x" + b.periods().size() + " instance");
            }
            return program.plan();
        } finally {
            // the model lives in native memory, which the garbage collector does not see
            solver.delete();
        }
    }

    /** OR-Tools' native code, extracted and loaded once per process. */
    private static final class NativeLibrary {
        private static boolean loaded;

        static synchronized void load() {
            if (!loaded) {
                Loader.loadNativeLibraries();
                loaded = true;
            }
        }
    }

    /** The linear program of one instance, and the plan read from its solution. */
    private static final class Program {
        private final Baseline b;
        private final PlanningParameters planning;
        private final MPSolver solver;
        private final int orders;
        private final int sites;
        private final int lines;
        private final int periods;
        private final MPVariable[][] regular;
        private final MPVariable[][] overtime;
        private final MPVariable[] stock;
        /** Null where an order has no demand in a period: its demand constraint would force them to 0. */
        private final MPVariable[][][] delivered;
        private final MPVariable[][] unmet;

        Program(Baseline b, PlanningParameters planning, MPSolver solver) {
            this.b = b;
            this.planning = planning;
            this.solver = solver;
            this.orders = b.orders().size();
            this.sites = b.sites().size();
            this.lines = b.lines().size();
            this.periods = b.periods().size();
            this.regular = new MPVariable[lines][periods];
            this.overtime = new MPVariable[lines][periods];
            this.stock = new MPVariable[periods];
            this.delivered = new MPVariable[orders][sites][periods];
            this.unmet = new MPVariable[orders][periods];
            build();
        }

        private void build() {
            double[][] cap = b.capacity();
            double[][] vc = b.variableCost();
            double[][] demand = b.demand();
            MPObjective cost = solver.objective();
            cost.setMinimization();
            double[] periodCapacity = new double[periods];
            MPConstraint[] flow = new MPConstraint[periods];
            MPConstraint[][] siteThroughput = new MPConstraint[sites][periods];
            for (int t = 0; t < periods; t++) {
                // I[t-1] + sum over l of (r[l,t] + v[l,t]) - sum over o, s of z[o,s,t] - I[t] = 0
                flow[t] = solver.makeConstraint(0.0, 0.0);
                stock[t] = solver.makeNumVar(0.0, MPSolver.infinity(), "");
                cost.setCoefficient(stock[t], planning.holdingCost());
                flow[t].setCoefficient(stock[t], -1.0);
                if (t > 0) {
                    flow[t].setCoefficient(stock[t - 1], 1.0);
                }
                for (int l = 0; l < lines; l++) {
                    regular[l][t] = solver.makeNumVar(0.0, cap[l][t], "");
                    overtime[l][t] = solver.makeNumVar(0.0, planning.overtimeShare() * cap[l][t], "");
                    cost.setCoefficient(regular[l][t], vc[l][t]);
                    cost.setCoefficient(overtime[l][t], planning.overtimeMultiplier() * vc[l][t]);
                    flow[t].setCoefficient(regular[l][t], 1.0);
                    flow[t].setCoefficient(overtime[l][t], 1.0);
                    periodCapacity[t] += cap[l][t];
                }
                for (int s = 0; s < sites; s++) {
                    siteThroughput[s][t] = solver.makeConstraint(-MPSolver.infinity(),
                            planning.siteShare() * periodCapacity[t]);
                }
            }
            for (int o = 0; o < orders; o++) {
                for (int t = 0; t < periods; t++) {
                    double d = demand[o][t];
                    if (d <= 0.0) {
                        continue;
                    }
                    MPConstraint orderDemand = solver.makeConstraint(d, d);
                    unmet[o][t] = solver.makeNumVar(0.0, d, "");
                    cost.setCoefficient(unmet[o][t], planning.unmetPenalty());
                    orderDemand.setCoefficient(unmet[o][t], 1.0);
                    for (int s = 0; s < sites; s++) {
                        MPVariable z = solver.makeNumVar(0.0, MPSolver.infinity(), "");
                        delivered[o][s][t] = z;
                        cost.setCoefficient(z, b.inboundCost()[o][s][t] + b.outboundCost()[o][s][t]);
                        orderDemand.setCoefficient(z, 1.0);
                        flow[t].setCoefficient(z, -1.0);
                        siteThroughput[s][t].setCoefficient(z, 1.0);
                    }
                }
            }
        }

        LpSolveResult plan() {
            double[][] cap = b.capacity();
            double[][] vc = b.variableCost();
            double m = planning.overtimeMultiplier();
            double variableCost = 0.0;
            double overtimeCost = 0.0;
            double holdingCost = 0.0;
            double inboundCost = 0.0;
            double outboundCost = 0.0;
            double penaltyCost = 0.0;

            double[] produced = new double[periods];
            List<LineProductionRow> production = new ArrayList<>();
            for (int l = 0; l < lines; l++) {
                for (int t = 0; t < periods; t++) {
                    double overtimeCapacity = planning.overtimeShare() * cap[l][t];
                    double r = value(regular[l][t], cap[l][t]);
                    double v = value(overtime[l][t], overtimeCapacity);
                    variableCost += vc[l][t] * r;
                    overtimeCost += m * vc[l][t] * v;
                    produced[t] += r + v;
                    production.add(new LineProductionRow(b.lines().get(l), b.periods().get(t), cap[l][t],
                            overtimeCapacity, r, v, vc[l][t], m, PyMath.round(vc[l][t] * r, 6),
                            PyMath.round(m * vc[l][t] * v, 6)));
                }
            }

            double[] deliveredInPeriod = new double[periods];
            double totalUnmet = 0.0;
            List<DeliveryRow> deliveries = new ArrayList<>();
            for (int o = 0; o < orders; o++) {
                for (int t = 0; t < periods; t++) {
                    double d = b.demand()[o][t];
                    List<DeliveryRow.SiteDelivery> bySite = new ArrayList<>();
                    for (int s = 0; s < sites; s++) {
                        double z = value(delivered[o][s][t], d);
                        if (z == 0.0) {
                            continue;
                        }
                        double unitIn = b.inboundCost()[o][s][t];
                        double unitOut = b.outboundCost()[o][s][t];
                        inboundCost += unitIn * z;
                        outboundCost += unitOut * z;
                        deliveredInPeriod[t] += z;
                        bySite.add(new DeliveryRow.SiteDelivery(b.sites().get(s), z, unitIn, unitOut,
                                PyMath.round(unitIn * z, 6), PyMath.round(unitOut * z, 6)));
                    }
                    double u = value(unmet[o][t], d);
                    penaltyCost += planning.unmetPenalty() * u;
                    totalUnmet += u;
                    deliveries.add(new DeliveryRow(b.orders().get(o), b.periods().get(t), d, bySite, u,
                            planning.unmetPenalty(), PyMath.round(planning.unmetPenalty() * u, 6)));
                }
            }

            List<InventoryRow> inventory = new ArrayList<>();
            double carried = 0.0;
            double opening = 0.0;
            for (int t = 0; t < periods; t++) {
                double closing = value(stock[t], Double.POSITIVE_INFINITY);
                holdingCost += planning.holdingCost() * closing;
                carried += closing;
                inventory.add(new InventoryRow(b.periods().get(t), opening, produced[t], deliveredInPeriod[t], closing,
                        planning.holdingCost(), PyMath.round(planning.holdingCost() * closing, 6)));
                opening = closing;
            }

            double total = variableCost + overtimeCost + holdingCost + inboundCost + outboundCost + penaltyCost;
            double totalCapacity = 0.0;
            for (double[] lineCapacity : cap) {
                for (double c : lineCapacity) {
                    totalCapacity += c;
                }
            }
            double totalDemand = 0.0;
            for (double[] orderDemand : b.demand()) {
                for (double d : orderDemand) {
                    totalDemand += d;
                }
            }
            double utilization = totalCapacity == 0.0 ? 0.0 : PyMath.round(totalDemand / totalCapacity, 4);
            KpiTotal kpiTotal = new KpiTotal(PyMath.round(total, 2), null, PyMath.round(totalCapacity, 2),
                    PyMath.round(totalDemand, 2), utilization, STATUS_OPTIMAL, PyMath.round(totalUnmet, 6),
                    PyMath.round(carried, 6));
            KpiCostBreakdown breakdown = new KpiCostBreakdown(PyMath.round(variableCost, 2),
                    PyMath.round(overtimeCost, 2), PyMath.round(inboundCost, 2), PyMath.round(outboundCost, 2),
                    PyMath.round(holdingCost, 2), PyMath.round(penaltyCost, 2));
            return new LpSolveResult(production, deliveries, inventory, kpiTotal, breakdown);
        }

        /**
         * The solver's value of a variable, its round-off at the bounds 0 and {@code upper} removed;
         * 0 for a variable left out of the program.
         */
        private static double value(MPVariable variable, double upper) {
            if (variable == null) {
                return 0.0;
            }
            double x = variable.solutionValue();
            if (x < ZERO) {
                return 0.0;
            }
            return x > upper ? upper : x;
        }
    }
}
