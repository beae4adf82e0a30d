package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.testsupport.GoldenFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ToySolverTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    List<DynamicTest> seedDefaultRunKpisAreReproducedExactly() {
        JsonNode runs = GoldenFiles.read(GoldenFiles.DEFAULT_RUN_KPIS);
        assertTrue(runs.isArray() && runs.size() > 0, "seed7_default_run_kpis.json holds no runs");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode run : runs) {
            tests.add(dynamicTest(run.get("scenario_id").asText(), () -> checkRun(run)));
        }
        return tests;
    }

    private static void checkRun(JsonNode run) throws IOException {
        JsonNode knobs = run.get("knobs");
        SolveResult result = ToySolver.solve(new Knobs(
                knobs.get("demand_scale").doubleValue(),
                knobs.get("variable_cost_scale").doubleValue(),
                knobs.get("logistics_cost_scale").doubleValue())
                .applyTo(BaselineGenerator.generate(run.get("seed").longValue())));

        JsonNode total = run.get("kpi_total");
        KpiTotal kpi = result.kpiTotal();
        assertEquals(total.get("total_cost").doubleValue(), kpi.totalCost(), 0.0, "total_cost");
        assertEquals(total.get("chosen_site").asText(), kpi.chosenSite(), "chosen_site");
        assertEquals(total.get("total_capacity").doubleValue(), kpi.totalCapacity(), 0.0, "total_capacity");
        assertEquals(total.get("total_demand").doubleValue(), kpi.totalDemand(), 0.0, "total_demand");
        assertEquals(total.get("capacity_utilization").doubleValue(), kpi.capacityUtilization(), 0.0,
                "capacity_utilization");

        JsonNode breakdown = run.get("kpi_cost_breakdown");
        KpiCostBreakdown costs = result.kpiCostBreakdown();
        assertEquals(breakdown.get("variable_cost").doubleValue(), costs.variableCost(), 0.0, "variable_cost");
        assertEquals(breakdown.get("overtime_cost").doubleValue(), costs.overtimeCost(), 0.0, "overtime_cost");
        assertEquals(breakdown.get("inbound_logistics_cost").doubleValue(), costs.inboundLogisticsCost(), 0.0,
                "inbound_logistics_cost");
        assertEquals(breakdown.get("outbound_logistics_cost").doubleValue(), costs.outboundLogisticsCost(), 0.0,
                "outbound_logistics_cost");

        assertEquals(run.get("fact_production_rows").longValue(), result.factProduction().size(), "fact_production_rows");
        assertEquals(run.get("overtime_rows").longValue(), result.overtimeRows(), "overtime_rows");

        // The written files carry the same fields under the seed's names, and nothing else.
        assertEquals(total, MAPPER.readTree(SeedJson.write(kpi)));
        assertEquals(breakdown, MAPPER.readTree(SeedJson.write(costs)));
    }

    @Test
    void overtimeRowsChargeOnlyThePremium() {
        SolveResult result = ToySolver.solve(new Knobs(1.1, 1.0, 1.0).applyTo(BaselineGenerator.generate(7)));
        List<ProductionRow> overtime = result.factProduction().stream().filter(r -> r.overtimeQty() > 0).toList();
        assertFalse(overtime.isEmpty(), "demand +10% should need overtime");
        for (ProductionRow row : overtime) {
            assertEquals(0.0, row.regularQty(), 0.0);
            assertEquals(0.0, row.costVariable(), 0.0);
            assertEquals(ToySolver.OVERTIME_MULTIPLIER, row.overtimeMultiplier(), 0.0);
            assertEquals(PyMath.round(row.overtimeQty() * row.unitVarCost() * (1.8 - 1.0), 6),
                    row.costOvertimePremium(), 0.0);
        }
    }

    @Test
    void splitOrdersRepeatTheirWholeQuantityAndLogisticsOnEveryRow() {
        SolveResult result = ToySolver.solve(Knobs.NEUTRAL.applyTo(BaselineGenerator.generate(7)));
        Map<String, List<ProductionRow>> byOrderPeriod = new LinkedHashMap<>();
        for (ProductionRow row : result.factProduction()) {
            byOrderPeriod.computeIfAbsent(row.order() + "@" + row.period(), k -> new ArrayList<>()).add(row);
        }
        List<List<ProductionRow>> splits = byOrderPeriod.values().stream().filter(rows -> rows.size() > 1).toList();
        assertFalse(splits.isEmpty(), "the seed-7 baseline splits some orders across lines");
        for (List<ProductionRow> rows : splits) {
            ProductionRow first = rows.get(0);
            double allocated = 0.0;
            for (ProductionRow row : rows) {
                assertEquals(first.quantity(), row.quantity(), 0.0);
                assertEquals(first.costInbound(), row.costInbound(), 0.0);
                assertEquals(first.costOutbound(), row.costOutbound(), 0.0);
                assertEquals(PyMath.round(row.quantity() * row.unitInCost(), 6), row.costInbound(), 0.0);
                allocated += row.regularQty() + row.overtimeQty();
            }
            assertEquals(first.quantity(), allocated, 1e-9);
        }
    }

    @Test
    void everyOrderIsServedFromTheChosenSite() {
        SolveResult result = ToySolver.solve(Knobs.NEUTRAL.applyTo(BaselineGenerator.generate(7)));
        for (ProductionRow row : result.factProduction()) {
            assertEquals(result.kpiTotal().chosenSite(), row.site());
        }
    }

    /** A two-order, two-line, one-period baseline whose arithmetic is exact, to pin the greedy rules. */
    private static Baseline tiny(double[][] demand, double[][] variableCost, double[][] capacity,
            double[][][] inbound, double[][][] outbound) {
        return new Baseline(0, List.of("A", "B"), List.of("S1", "S2"), List.of("L1", "L2"), List.of(0),
                demand, variableCost, capacity, inbound, outbound);
    }

    @Test
    void greedyFillsCheapestLineThenNextThenChargesOvertimeOnTheCheapest() {
        Baseline b = tiny(
                new double[][] {{6.0}, {10.0}},
                new double[][] {{4.0}, {2.0}},
                new double[][] {{5.0}, {8.0}},
                new double[][][] {{{1.0}, {1.0}}, {{1.0}, {1.0}}},
                new double[][][] {{{2.0}, {1.0}}, {{2.0}, {1.0}}});
        SolveResult result = ToySolver.solve(b);
        List<ProductionRow> rows = result.factProduction();

        assertEquals("S2", result.kpiTotal().chosenSite());
        assertEquals(4, rows.size());
        assertRow(rows.get(0), "A", "L2", 6.0, 0.0, 6.0, 12.0, 0.0);
        assertRow(rows.get(1), "B", "L2", 2.0, 0.0, 8.0, 4.0, 0.0);
        assertRow(rows.get(2), "B", "L1", 5.0, 0.0, 5.0, 20.0, 0.0);
        assertRow(rows.get(3), "B", "L2", 0.0, 3.0, 8.0, 0.0, 3.0 * 2.0 * (1.8 - 1.0));
        assertEquals(1, result.overtimeRows());

        KpiCostBreakdown costs = result.kpiCostBreakdown();
        assertEquals(36.0, costs.variableCost(), 0.0);
        assertEquals(PyMath.round(3.0 * 2.0 * (1.8 - 1.0), 2), costs.overtimeCost(), 0.0);
        assertEquals(16.0, costs.inboundLogisticsCost(), 0.0);
        assertEquals(16.0, costs.outboundLogisticsCost(), 0.0);
        assertEquals(13.0, result.kpiTotal().totalCapacity(), 0.0);
        assertEquals(16.0, result.kpiTotal().totalDemand(), 0.0);
        assertEquals(PyMath.round(16.0 / 13.0, 4), result.kpiTotal().capacityUtilization(), 0.0);
    }

    private static void assertRow(ProductionRow row, String order, String line, double regular, double overtime,
            double used, double costVariable, double premium) {
        assertEquals(order, row.order());
        assertEquals(line, row.line());
        assertEquals(regular, row.regularQty(), 0.0);
        assertEquals(overtime, row.overtimeQty(), 0.0);
        assertEquals(used, row.usedCapacityRegular(), 0.0);
        assertEquals(costVariable, row.costVariable(), 0.0);
        assertEquals(PyMath.round(premium, 6), row.costOvertimePremium(), 0.0);
    }

    @Test
    void tiesKeepLineAndSiteOrderAndZeroDemandIsSkipped() {
        Baseline b = tiny(
                new double[][] {{0.0}, {3.0}},
                new double[][] {{2.0}, {2.0}},
                new double[][] {{10.0}, {10.0}},
                new double[][][] {{{1.0}, {1.5}}, {{1.0}, {0.5}}},
                new double[][][] {{{1.0}, {1.0}}, {{1.0}, {1.0}}});
        SolveResult result = ToySolver.solve(b);
        assertEquals("S1", result.kpiTotal().chosenSite());
        assertEquals(1, result.factProduction().size());
        assertEquals("B", result.factProduction().get(0).order());
        assertEquals("L1", result.factProduction().get(0).line());
    }

    @Test
    void noCapacityMeansZeroUtilizationAndAllOvertime() {
        Baseline b = tiny(
                new double[][] {{1.0}, {2.0}},
                new double[][] {{3.0}, {2.0}},
                new double[][] {{0.0}, {0.0}},
                new double[][][] {{{1.0}, {1.0}}, {{1.0}, {1.0}}},
                new double[][][] {{{1.0}, {1.0}}, {{1.0}, {1.0}}});
        SolveResult result = ToySolver.solve(b);
        assertEquals(0.0, result.kpiTotal().capacityUtilization(), 0.0);
        assertEquals(2, result.overtimeRows());
        assertEquals(0.0, result.kpiCostBreakdown().variableCost(), 0.0);
        for (ProductionRow row : result.factProduction()) {
            assertEquals("L2", row.line());
        }
    }

    @Test
    void componentNamesTheSolver() {
        assertEquals(new Component("toy-v1", "1.0.0"), ToySolver.COMPONENT);
    }
}
