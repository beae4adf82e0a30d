package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.testsupport.GoldenFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** lp-v1 and toy-v1 against every total of lp_v1_reference.json, to the cent, and lp-v1's plans against the LP. */
class LpSolverTest {

    private static final JsonNode REFERENCE = GoldenFiles.read(GoldenFiles.LP_V1_REFERENCE);

    @TestFactory
    List<DynamicTest> seedDefaultsUnderBothSolvers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> scenario : REFERENCE.get("seed7_defaults").properties()) {
            tests.add(dynamicTest(scenario.getKey(), () -> checkCase(BaselineGenerator.generate(7), scenario.getValue())));
        }
        assertEquals(3, tests.size(), "the reference's seed-7 scenarios");
        return tests;
    }

    @Test
    void sizedSeedInstanceOf40OrdersAnd10Periods() {
        JsonNode golden = REFERENCE.get("seed7_sized_40x10");
        InstanceSize size = new InstanceSize(golden.get("orders").intValue(), golden.get("periods").intValue());
        checkCase(BaselineGenerator.generate(7, size), golden);
    }

    @Test
    void exampleBaselineFile() {
        JsonNode golden = REFERENCE.get("example_baseline");
        assertEquals(GoldenFiles.EXAMPLE_BASELINE, golden.get("file").asText());
        checkCase(BaselineFile.parse(GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE)), golden);
    }

    private static void checkCase(Baseline base, JsonNode golden) {
        Knobs knobs = knobs(golden.get("knobs"));
        Baseline knobApplied = knobs.applyTo(base);

        SolveResult toy = ToySolver.solve(knobApplied);
        assertEquals(golden.get("toy-v1").get("total_cost").doubleValue(), toy.kpiTotal().totalCost(), 0.0,
                "toy-v1 total_cost");

        JsonNode lp = golden.get("lp-v1");
        LpSolveResult plan = LpSolver.INSTANCE.solve(knobApplied, PlanningParameters.DEFAULTS);
        KpiTotal total = plan.kpiTotal();
        assertEquals(lp.get("total_cost").doubleValue(), total.totalCost(), 0.0, "lp-v1 total_cost");
        JsonNode components = lp.get("components");
        KpiCostBreakdown terms = plan.kpiCostBreakdown();
        assertEquals(components.get("variable_cost").doubleValue(), terms.variableCost(), 0.0, "variable_cost");
        assertEquals(components.get("overtime_cost").doubleValue(), terms.overtimeCost(), 0.0, "overtime_cost");
        assertEquals(components.get("holding_cost").doubleValue(), terms.holdingCost(), 0.0, "holding_cost");
        assertEquals(components.get("inbound_logistics_cost").doubleValue(), terms.inboundLogisticsCost(), 0.0,
                "inbound_logistics_cost");
        assertEquals(components.get("outbound_logistics_cost").doubleValue(), terms.outboundLogisticsCost(), 0.0,
                "outbound_logistics_cost");
        assertEquals(components.get("unmet_penalty_cost").doubleValue(), terms.unmetPenaltyCost(), 0.0,
                "unmet_penalty_cost");
        assertEquals(lp.get("unmet_demand").doubleValue(), total.unmetDemand(), 1e-6, "unmet_demand");
        assertEquals(lp.get("inventory_units_carried").doubleValue(), total.inventoryUnitsCarried(), 1e-6,
                "inventory_units_carried");
        assertEquals(LpSolver.STATUS_OPTIMAL, total.solverStatus());
        assertNull(total.chosenSite(), "lp-v1 delivers through several sites");
        assertEquals(toy.kpiTotal().totalDemand(), total.totalDemand(), 0.0, "the same instance's demand");
        assertEquals(toy.kpiTotal().totalCapacity(), total.totalCapacity(), 0.0, "the same instance's capacity");

        LpPlanAudit audit = new LpPlanAudit(knobApplied, PlanningParameters.DEFAULTS, plan);
        assertEquals(List.of(), audit.constraintProblems());
        assertEquals(List.of(), audit.costProblems());
    }

    @Test
    void withoutAnUnmetPenaltyNothingIsWorthDelivering() {
        PlanningParameters free = PlanningParameters.of(Map.of("unmet_penalty", 0.0));
        Baseline b = BaselineGenerator.generate(7);
        LpSolveResult plan = LpSolver.INSTANCE.solve(b, free);
        assertEquals(0.0, plan.kpiTotal().totalCost(), 0.0);
        assertEquals(plan.kpiTotal().totalDemand(), plan.kpiTotal().unmetDemand(), 1e-6);
        assertEquals(List.of(), new LpPlanAudit(b, free, plan).constraintProblems());
    }

    @Test
    void narrowSitesLeaveDemandUnmetAtThePenalty() {
        PlanningParameters narrow = PlanningParameters.of(Map.of("site_share", 0.2));
        Baseline b = BaselineGenerator.generate(7);
        LpSolveResult plan = LpSolver.INSTANCE.solve(b, narrow);
        // three sites at 20% of capacity each deliver at most 60% of 105% of demand
        assertTrue(plan.kpiTotal().unmetDemand() > 0.3 * plan.kpiTotal().totalDemand(), plan.kpiTotal().toString());
        assertEquals(PyMath.round(plan.kpiTotal().unmetDemand() * 1000.0, 2), plan.kpiCostBreakdown().unmetPenaltyCost(),
                0.011);
        LpPlanAudit audit = new LpPlanAudit(b, narrow, plan);
        assertEquals(List.of(), audit.constraintProblems());
        assertEquals(List.of(), audit.costProblems());
    }

    @Test
    void withoutOvertimeExtraDemandIsBuiltAheadInStockOrLeftUnmet() {
        Baseline demandUp = new Knobs(1.1, 1.0, 1.0).applyTo(BaselineGenerator.generate(7));
        PlanningParameters noOvertime = PlanningParameters.of(Map.of("overtime_share", 0.0, "holding_cost", 0.1));
        LpSolveResult plan = LpSolver.INSTANCE.solve(demandUp, noOvertime);
        assertEquals(0.0, plan.kpiCostBreakdown().overtimeCost(), 0.0);
        assertTrue(plan.kpiTotal().inventoryUnitsCarried() > 0.0 || plan.kpiTotal().unmetDemand() > 0.0);
        LpPlanAudit audit = new LpPlanAudit(demandUp, noOvertime, plan);
        assertEquals(List.of(), audit.constraintProblems());
        assertEquals(List.of(), audit.costProblems());
    }

    @Test
    void anAuditFindsAPlanThatBreaksAConstraint() {
        Baseline b = BaselineGenerator.generate(7);
        LpSolveResult plan = LpSolver.INSTANCE.solve(b, PlanningParameters.DEFAULTS);
        List<DeliveryRow> deliveries = new ArrayList<>(plan.factDelivery());
        DeliveryRow first = deliveries.get(0);
        deliveries.set(0, new DeliveryRow(first.order(), first.period(), first.demand(), first.deliveries(),
                first.unmetQty() + 1.0, first.unmetPenalty(), first.costUnmetPenalty()));
        LpSolveResult broken = new LpSolveResult(plan.factProduction(), deliveries, plan.factInventory(),
                plan.kpiTotal(), plan.kpiCostBreakdown());
        List<String> problems = new LpPlanAudit(b, PlanningParameters.DEFAULTS, broken).constraintProblems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("fact_delivery[0] (O001, period 0) delivers and leaves unmet"),
                problems.get(0));
        assertTrue(new LpPlanAudit(b, PlanningParameters.DEFAULTS, broken).costProblems().get(0)
                .startsWith("total_cost is 322133.37 but the objective recomputed"));
    }

    private static Knobs knobs(JsonNode knobs) {
        return new Knobs(knobs.get("demand_scale").doubleValue(), knobs.get("variable_cost_scale").doubleValue(),
                knobs.get("logistics_cost_scale").doubleValue());
    }
}
