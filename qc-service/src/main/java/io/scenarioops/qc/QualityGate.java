package io.scenarioops.qc;

import static io.scenarioops.model.Reconciliation.requireClose;

import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.model.Baseline;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.LpPlanAudit;
import io.scenarioops.model.LpSolveResult;
import io.scenarioops.model.BaselineSummary;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.ProductionRow;
import io.scenarioops.model.Reconciliation;
import io.scenarioops.events.schema.JsonSchemas;
import io.scenarioops.storage.Manifest;
import io.scenarioops.storage.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quality gates of one published scenario, each a named check with a detail:
 * <ol>
 *   <li>{@value #ARTIFACTS_MATCH_MANIFEST}: the manifest (at the key the scenario's ids give) is
 *       the one the event announced, lists every required artifact at its key inside the
 *       scenario's prefix, and each artifact exists with the recorded size and sha256;</li>
 *   <li>{@value #JSON_SCHEMA_VALID}: each JSON artifact matches its JSON Schema;</li>
 *   <li>{@value #KPI_RECONCILIATION}: {@code total_cost} is the sum of the breakdown, the
 *       breakdown is the sum over {@code fact_production} (logistics once per order and period,
 *       since the seed repeats them on each split row), and demand, capacity and utilisation agree
 *       with {@code baseline_summary};</li>
 *   <li>{@value #NON_NEGATIVE_AND_COMPLETE}: no negative quantity or cost, and every order and
 *       period with demand, regenerated from the seed and knobs, is allocated exactly.</li>
 * </ol>
 * For lp-v1 the same four gates check its seven artifacts: the reconciliation adds the objective
 * recomputed from the tables' quantities, and completeness is every constraint of the linear
 * program within 1e-6 plus the figures' round-off ({@link LpPlanAudit}), on the instance rebuilt
 * from the seed and size, or from the baseline file the event names (read back and checked
 * against its sha256).
 * A scenario that failed upstream gets one failed check, {@value #UPSTREAM_STAGE}.
 */
public final class QualityGate {
    public static final String ARTIFACTS_MATCH_MANIFEST = "artifacts_match_manifest";
    public static final String JSON_SCHEMA_VALID = "json_schema_valid";
    public static final String KPI_RECONCILIATION = "kpi_reconciliation";
    public static final String NON_NEGATIVE_AND_COMPLETE = "non_negative_and_complete";
    public static final String UPSTREAM_STAGE = "upstream_stage";

    /** Half a cent: two amounts are equal to the cent when they round to the same cent. */
    private static final double HALF_CENT = 0.005;
    private static final double HALF_MILLIONTH = 0.0000005;
    private static final double QUANTITY_TOLERANCE = 1e-6;
    private static final double UTILIZATION_TOLERANCE = 1e-4;

    private QualityGate() {
    }

    /** What QC learned about one scenario: its checks and, where they could be read, its KPIs. */
    public record Inspection(List<CheckResult> checks, Optional<KpiTotal> kpiTotal,
            Optional<KpiCostBreakdown> kpiCostBreakdown, String notes) {
        public boolean passed() {
            return checks.stream().allMatch(CheckResult::passed);
        }

        public List<String> failedChecks() {
            return checks.stream().filter(c -> !c.passed()).map(CheckResult::name).toList();
        }
    }

    public static Inspection inspect(ScenarioPublished event, ArtifactSource source) {
        if (event.failed()) {
            return new Inspection(List.of(CheckResult.fail(UPSTREAM_STAGE, "failed in " + event.failure().stage()
                    + ": " + event.failure().reason())), Optional.empty(), Optional.empty(), "");
        }
        ScenarioArtifactsRead read = ScenarioArtifactsRead.read(event, source);
        List<CheckResult> checks = List.of(
                artifactsMatchManifest(read),
                jsonSchemaValid(read),
                kpiReconciliation(read),
                nonNegativeAndComplete(read));
        return new Inspection(checks, read.kpiTotal(), read.kpiCostBreakdown(),
                read.scenarioSpec().map(spec -> spec.notes()).orElse(""));
    }

    static CheckResult artifactsMatchManifest(ScenarioArtifactsRead read) {
        String name = ARTIFACTS_MATCH_MANIFEST;
        if (read.manifestBytes.isEmpty()) {
            return CheckResult.fail(name, "manifest " + read.manifestKey + " is missing");
        }
        String manifestSha = Sha256.hex(read.manifestBytes.get());
        if (!manifestSha.equals(read.event.manifestSha256())) {
            return CheckResult.fail(name, "manifest sha256 is " + manifestSha + " but the published event says "
                    + read.event.manifestSha256());
        }
        if (read.manifest.isEmpty()) {
            return CheckResult.fail(name, "manifest " + read.manifestKey + " is not a readable manifest");
        }
        Map<String, Manifest.Artifact> listed = new HashMap<>();
        for (Manifest.Artifact artifact : read.manifest.get().artifacts()) {
            listed.put(artifact.name(), artifact);
        }
        List<String> problems = new ArrayList<>();
        for (String required : read.required.keySet()) {
            Manifest.Artifact entry = listed.get(required);
            byte[] content = read.artifacts.get(required);
            if (entry == null) {
                problems.add(required + " is not in the manifest");
            } else if (!entry.key().equals(read.prefix + required)) {
                // never read: the object at that key is not this scenario's to vouch for
                problems.add(required + " is listed at " + entry.key() + ", outside " + read.prefix);
            } else if (content == null) {
                problems.add(required + " is missing");
            } else if (content.length != entry.size() || !Sha256.hex(content).equals(entry.sha256())) {
                problems.add(required + " has " + content.length + " bytes, sha256 " + Sha256.hex(content)
                        + "; the manifest says " + entry.size() + " bytes, sha256 " + entry.sha256());
            }
        }
        return problems.isEmpty()
                ? CheckResult.pass(name, read.required.size() + " artifacts match the manifest")
                : CheckResult.fail(name, String.join("; ", problems));
    }

    static CheckResult jsonSchemaValid(ScenarioArtifactsRead read) {
        List<String> problems = new ArrayList<>();
        read.required.forEach((artifact, schema) -> {
            byte[] content = read.artifacts.get(artifact);
            if (content == null) {
                problems.add(artifact + " is missing");
                return;
            }
            // the validator reads the text into its own tree; text that is not one JSON document is its problem too
            for (String problem : JsonSchemas.validate(schema, new String(content, StandardCharsets.UTF_8))) {
                problems.add(artifact + ": " + problem);
            }
        });
        return problems.isEmpty()
                ? CheckResult.pass(JSON_SCHEMA_VALID, read.required.size() + " artifacts match their schemas")
                : CheckResult.fail(JSON_SCHEMA_VALID, String.join("; ", problems));
    }

    static CheckResult kpiReconciliation(ScenarioArtifactsRead read) {
        return read.lp ? lpKpiReconciliation(read) : toyKpiReconciliation(read);
    }

    /**
     * lp-v1: {@code total_cost} is the sum of the objective's terms to the cent, each term the sum of
     * its cost column, the objective recomputed from the tables' quantities is {@code total_cost},
     * and demand and capacity agree with {@code baseline_summary}.
     */
    private static CheckResult lpKpiReconciliation(ScenarioArtifactsRead read) {
        String name = KPI_RECONCILIATION;
        Optional<LpSolveResult> plan = read.lpPlan();
        Optional<BaselineSummary> summary = read.baselineSummary();
        if (plan.isEmpty() || summary.isEmpty()) {
            return CheckResult.fail(name, "cannot reconcile: the lp-v1 tables, KPIs or baseline_summary are missing"
                    + " or unreadable");
        }
        Baseline instance;
        try {
            instance = read.instance();
        } catch (InvalidInputException e) {
            return CheckResult.fail(name, "cannot rebuild the instance: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>(
                new LpPlanAudit(instance, read.event.inputs().planningOrDefaults(), plan.get()).costProblems());
        summaryProblems(problems, plan.get().kpiTotal(), summary.get());
        return problems.isEmpty()
                ? CheckResult.pass(name, "total_cost " + plan.get().kpiTotal().totalCost() + " = objective terms ="
                        + " the objective recomputed from the tables; demand and capacity agree with baseline_summary")
                : CheckResult.fail(name, String.join("; ", Reconciliation.limit(problems)));
    }

    private static CheckResult toyKpiReconciliation(ScenarioArtifactsRead read) {
        String name = KPI_RECONCILIATION;
        Optional<KpiTotal> total = read.kpiTotal();
        Optional<KpiCostBreakdown> breakdown = read.kpiCostBreakdown();
        Optional<List<ProductionRow>> rows = read.factProduction();
        Optional<BaselineSummary> summary = read.baselineSummary();
        if (total.isEmpty() || breakdown.isEmpty() || rows.isEmpty() || summary.isEmpty()) {
            return CheckResult.fail(name, "cannot reconcile: " + unreadable(total, breakdown, rows, summary));
        }
        KpiTotal t = total.get();
        KpiCostBreakdown b = breakdown.get();
        List<String> problems = new ArrayList<>();
        double parts = b.variableCost() + b.overtimeCost() + b.inboundLogisticsCost() + b.outboundLogisticsCost();
        // Each part was rounded to the cent on its own: their sum may drift half a cent per part.
        requireClose(problems, "total_cost", t.totalCost(), "sum of the breakdown", parts, 5 * HALF_CENT);

        double variable = 0.0;
        double overtime = 0.0;
        double inbound = 0.0;
        double outbound = 0.0;
        Map<String, ProductionRow> firstRowOfOrderPeriod = new LinkedHashMap<>();
        for (ProductionRow row : rows.get()) {
            variable += row.costVariable();
            overtime += row.costOvertimePremium();
            firstRowOfOrderPeriod.putIfAbsent(row.order() + "@" + row.period(), row);
        }
        for (ProductionRow row : firstRowOfOrderPeriod.values()) {
            inbound += row.costInbound();
            outbound += row.costOutbound();
        }
        // Row costs are rounded to 6 decimals, so their sum may drift from the unrounded total by
        // half a millionth per row on top of the KPI's own rounding to the cent.
        double rowsTolerance = HALF_CENT + rows.get().size() * HALF_MILLIONTH;
        requireClose(problems, "variable_cost", b.variableCost(), "sum of cost_variable", variable, rowsTolerance);
        requireClose(problems, "overtime_cost", b.overtimeCost(), "sum of cost_overtime_premium", overtime,
                rowsTolerance);
        requireClose(problems, "inbound_logistics_cost", b.inboundLogisticsCost(),
                "sum of cost_inbound per order and period", inbound, rowsTolerance);
        requireClose(problems, "outbound_logistics_cost", b.outboundLogisticsCost(),
                "sum of cost_outbound per order and period", outbound, rowsTolerance);

        summaryProblems(problems, t, summary.get());
        return problems.isEmpty()
                ? CheckResult.pass(name, "total_cost " + t.totalCost() + " = breakdown = fact_production sums;"
                        + " demand and capacity agree with baseline_summary")
                : CheckResult.fail(name, String.join("; ", problems));
    }

    /** Demand, capacity and utilisation of kpi_total agree with baseline_summary. */
    private static void summaryProblems(List<String> problems, KpiTotal t, BaselineSummary s) {
        double demand = sum(s.totalDemandByPeriod().values());
        double capacity = sum(s.totalCapacityByPeriod().values());
        int periods = s.periods().size();
        requireClose(problems, "total_demand", t.totalDemand(), "sum of total_demand_by_period", demand,
                (periods + 1) * HALF_CENT);
        requireClose(problems, "total_capacity", t.totalCapacity(), "sum of total_capacity_by_period", capacity,
                (periods + 1) * HALF_CENT);
        utilizationProblem(t).ifPresent(problems::add);
    }

    /**
     * The solver divides the unrounded totals, QC has them rounded to the cent: with totals D and
     * C, each within half a cent h, the true ratio lies between (D - h) / (C + h) and (D + h) /
     * (C - h), and the KPI, rounded to 4 decimals, within {@value #UTILIZATION_TOLERANCE} of it. On
     * the seed's totals that interval is negligible; on a capacity of 15 it is several basis
     * points. No capacity (C = 0) is reported as 0.
     */
    private static Optional<String> utilizationProblem(KpiTotal t) {
        double demand = t.totalDemand();
        double capacity = t.totalCapacity();
        double reported = t.capacityUtilization();
        if (capacity == 0.0 && reported == 0.0) {
            return Optional.empty();
        }
        double lowest = Math.max(0.0, demand - HALF_CENT) / (capacity + HALF_CENT) - UTILIZATION_TOLERANCE;
        double highest = capacity > HALF_CENT ? (demand + HALF_CENT) / (capacity - HALF_CENT) + UTILIZATION_TOLERANCE
                : Double.POSITIVE_INFINITY;
        if (reported >= lowest && reported <= highest && Double.isFinite(reported)) {
            return Optional.empty();
        }
        String ratio = capacity == 0.0 ? "0 (no capacity)" : Reconciliation.rounded(demand / capacity);
        return Optional.of("capacity_utilization is " + reported + " but the total_demand / total_capacity is "
                + ratio + " (" + Reconciliation.rounded(Math.max(lowest, 0.0)) + " to "
                + (Double.isFinite(highest) ? Reconciliation.rounded(highest) : "any") + " given their rounding)");
    }

    static CheckResult nonNegativeAndComplete(ScenarioArtifactsRead read) {
        return read.lp ? lpFeasible(read) : toyNonNegativeAndComplete(read);
    }

    /**
     * lp-v1: the tables cover every line, order and period of the instance (rebuilt from the seed or
     * the baseline file, with the knobs), nothing is negative, and every constraint of the linear
     * program holds within {@link LpPlanAudit#CONSTRAINT_TOLERANCE}.
     */
    private static CheckResult lpFeasible(ScenarioArtifactsRead read) {
        String name = NON_NEGATIVE_AND_COMPLETE;
        Optional<LpSolveResult> plan = read.lpPlan();
        if (plan.isEmpty()) {
            return CheckResult.fail(name, "cannot check: the lp-v1 tables or KPIs are missing or unreadable");
        }
        Baseline instance;
        try {
            instance = read.instance();
        } catch (InvalidInputException e) {
            return CheckResult.fail(name, "cannot rebuild the instance: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>(
                new LpPlanAudit(instance, read.event.inputs().planningOrDefaults(), plan.get()).constraintProblems());
        KpiTotal t = plan.get().kpiTotal();
        KpiCostBreakdown b = plan.get().kpiCostBreakdown();
        if (t.totalCost() < 0 || t.totalDemand() < 0 || t.totalCapacity() < 0 || t.unmetDemand() == null
                || t.unmetDemand() < 0 || b.sum() < 0 || Math.min(b.variableCost(), b.overtimeCost()) < 0
                || Math.min(b.inboundLogisticsCost(), b.outboundLogisticsCost()) < 0) {
            problems.add("kpi_total or kpi_cost_breakdown has a negative or missing value: " + t + ", " + b);
        }
        return problems.isEmpty()
                ? CheckResult.pass(name, "every constraint of the LP holds within " + LpPlanAudit.CONSTRAINT_TOLERANCE
                        + " over " + instance.orders().size() + " orders x " + instance.periods().size()
                        + " periods; nothing negative")
                : CheckResult.fail(name, String.join("; ", Reconciliation.limit(problems)));
    }

    private static CheckResult toyNonNegativeAndComplete(ScenarioArtifactsRead read) {
        String name = NON_NEGATIVE_AND_COMPLETE;
        Optional<List<ProductionRow>> rows = read.factProduction();
        if (rows.isEmpty()) {
            return CheckResult.fail(name, "cannot check: fact_production is missing or unreadable");
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.get().size(); i++) {
            ProductionRow row = rows.get().get(i);
            requireNonNegative(problems, i, row);
        }
        read.kpiTotal().ifPresent(t -> {
            if (t.totalCost() < 0 || t.totalDemand() < 0 || t.totalCapacity() < 0) {
                problems.add("kpi_total has a negative value: " + t);
            }
        });
        read.kpiCostBreakdown().ifPresent(b -> {
            if (b.variableCost() < 0 || b.overtimeCost() < 0 || b.inboundLogisticsCost() < 0
                    || b.outboundLogisticsCost() < 0) {
                problems.add("kpi_cost_breakdown has a negative value: " + b);
            }
        });

        Baseline expected;
        try {
            expected = read.instance();
        } catch (InvalidInputException e) {
            return CheckResult.fail(name, "cannot rebuild the instance: " + e.getMessage());
        }
        Map<String, double[]> allocated = new HashMap<>();
        for (ProductionRow row : rows.get()) {
            double[] qty = allocated.computeIfAbsent(row.order() + "@" + row.period(), k -> new double[2]);
            qty[0] += row.regularQty() + row.overtimeQty();
            qty[1] = row.quantity();
        }
        int demanded = 0;
        for (int o = 0; o < expected.orders().size(); o++) {
            for (int t = 0; t < expected.periods().size(); t++) {
                double demand = expected.demand()[o][t];
                if (demand <= 0) {
                    // the solver skips it: any row left for it is reported below as a row without demand
                    continue;
                }
                String orderPeriod = expected.orders().get(o) + "@" + expected.periods().get(t);
                double[] qty = allocated.remove(orderPeriod);
                demanded++;
                if (qty == null) {
                    problems.add(orderPeriod + " has demand " + demand + " but no row");
                } else if (!Reconciliation.close(qty[0], demand, QUANTITY_TOLERANCE)
                        || !Reconciliation.close(qty[1], demand, QUANTITY_TOLERANCE)) {
                    problems.add(orderPeriod + " allocates " + qty[0] + " (quantity " + qty[1] + ") of demand " + demand);
                }
            }
        }
        if (!allocated.isEmpty()) {
            problems.add("rows for order/periods without demand: " + String.join(", ", allocated.keySet()));
        }
        return problems.isEmpty()
                ? CheckResult.pass(name, demanded + " order/periods with demand fully allocated, "
                        + rows.get().size() + " rows, nothing negative")
                : CheckResult.fail(name, String.join("; ", Reconciliation.limit(problems)));
    }

    private static void requireNonNegative(List<String> problems, int index, ProductionRow row) {
        double[] values = {row.quantity(), row.regularQty(), row.overtimeQty(), row.capacity(),
            row.usedCapacityRegular(), row.unitVarCost(), row.unitInCost(), row.unitOutCost(),
            row.overtimeMultiplier(), row.costVariable(), row.costOvertimePremium(), row.costInbound(),
            row.costOutbound()};
        for (double value : values) {
            if (value < 0 || Double.isNaN(value)) {
                problems.add("fact_production[" + index + "] (" + row.order() + ", period " + row.period()
                        + ") has a negative quantity or cost: " + row);
                return;
            }
        }
    }

    private static double sum(Iterable<Double> values) {
        double total = 0.0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    private static String unreadable(Optional<?> total, Optional<?> breakdown, Optional<?> rows, Optional<?> summary) {
        List<String> missing = new ArrayList<>();
        if (total.isEmpty()) {
            missing.add("kpi_total");
        }
        if (breakdown.isEmpty()) {
            missing.add("kpi_cost_breakdown");
        }
        if (rows.isEmpty()) {
            missing.add("fact_production");
        }
        if (summary.isEmpty()) {
            missing.add("baseline_summary");
        }
        return String.join(", ", missing) + " missing or unreadable";
    }
}
