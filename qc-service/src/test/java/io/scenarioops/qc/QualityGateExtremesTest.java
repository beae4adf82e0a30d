package io.scenarioops.qc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.model.BaselineRef;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.qc.PublishedScenarios.Published;
import io.scenarioops.storage.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * QC on planners' own instances far from the seed's size: totals of a few units, where rounding
 * them to the cent moves their ratio by basis points, and totals near 1e15, where a double no
 * longer holds cents. A correct plan passes either way; a wrong one still fails.
 */
class QualityGateExtremesTest {
    private static final String RUN_ID = "run-qc-extremes";
    /** One order, site and line for one period: demand 13.436 of a capacity of 14.854. */
    private static final byte[] ONE_OF_EACH = ("{\"format_version\": 1, \"orders\": [\"C0\"], \"sites\": [\"S0\"],"
            + " \"lines\": [\"M0\"], \"periods\": [0], \"demand\": {\"C0\": [13.436]}, \"variable_cost\": {\"M0\": [13.474]},"
            + " \"capacity\": {\"M0\": [14.854]}, \"inbound_cost\": {\"C0\": {\"S0\": [0.883]}},"
            + " \"outbound_cost\": {\"C0\": {\"S0\": [1.89]}}}").getBytes(StandardCharsets.UTF_8);

    private static Published publish(String solver, String scenarioId, Knobs knobs, byte[] baselineFile) {
        BaselineRef ref = BaselineRef.of(Sha256.hex(baselineFile));
        return PublishedScenarios.publishWith(solver, RUN_ID, scenarioId, knobs, new ScenarioInputs(null, ref, null),
                Map.of(ref.key(), baselineFile));
    }

    private static QualityGate.Inspection inspect(Published published) {
        return QualityGate.inspect(published.event(), published.source());
    }

    /** 13.44 / 14.85 = 0.90505 from the rounded totals, against the solver's 13.436 / 14.854 = 0.9045. */
    @ParameterizedTest
    @ValueSource(strings = {"toy-v1", "lp-v1"})
    void aTinyInstancesUtilizationPassesThoughItsRoundedTotalsGiveAnotherRatio(String solver) {
        Published published = publish(solver, "tiny", Knobs.NEUTRAL, ONE_OF_EACH);
        KpiTotal total = published.kpiTotal();
        assertEquals(0.9045, total.capacityUtilization(), 0.0);
        assertTrue(Math.abs(total.totalDemand() / total.totalCapacity() - 0.9045) > 1e-4, total.toString());
        QualityGate.Inspection inspection = inspect(published);
        assertEquals(List.of(), inspection.failedChecks(), inspection.checks().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"toy-v1", "lp-v1"})
    void aTinyInstancesUtilizationOffByMoreThanRoundingExplainsStillFails(String solver) {
        Published published = publish(solver, "tiny", Knobs.NEUTRAL, ONE_OF_EACH);
        QualityGate.Inspection inspection = inspect(published.rewrittenKpiTotal(t -> new KpiTotal(t.totalCost(),
                t.chosenSite(), t.totalCapacity(), t.totalDemand(), 0.9025, t.solverStatus(), t.unmetDemand(),
                t.inventoryUnitsCarried())));
        assertEquals(List.of(QualityGate.KPI_RECONCILIATION), inspection.failedChecks(), inspection.checks().toString());
        assertTrue(inspection.checks().toString().contains("capacity_utilization is 0.9025 but the total_demand"
                + " / total_capacity is 0.905051"), inspection.checks().toString());
    }

    /** No capacity is reported as a utilisation of 0; any other figure is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"toy-v1", "lp-v1"})
    void withoutCapacityOnlyAUtilizationOfZeroPasses(String solver) {
        Published published = publish(solver, "tiny", Knobs.NEUTRAL, ONE_OF_EACH);
        QualityGate.Inspection inspection = inspect(published.rewrittenKpiTotal(t -> new KpiTotal(t.totalCost(),
                t.chosenSite(), 0.0, t.totalDemand(), 123.0, t.solverStatus(), t.unmetDemand(),
                t.inventoryUnitsCarried())));
        assertTrue(inspection.checks().toString().contains("capacity_utilization is 123.0 but the total_demand"
                + " / total_capacity is 0 (no capacity)"), inspection.checks().toString());
        QualityGate.Inspection zero = inspect(published.rewrittenKpiTotal(t -> new KpiTotal(t.totalCost(),
                t.chosenSite(), 0.0, t.totalDemand(), 0.0, t.solverStatus(), t.unmetDemand(),
                t.inventoryUnitsCarried())));
        assertFalse(zero.checks().toString().contains("capacity_utilization"), zero.checks().toString());
    }

    /** Demand of about 1e9 a period, times 100: totals near 1e15, quantities near 1e11. */
    @Test
    void aHugeInstancePassesThoughItsTotalsCannotHoldCents() {
        Published published = publish("lp-v1", "huge", new Knobs(100.0, 1.0, 1.0), resource("billion-unit-demand.json"));
        assertTrue(published.kpiTotal().totalCost() > 1e14, published.kpiTotal().toString());
        QualityGate.Inspection inspection = inspect(published);
        assertEquals(List.of(), inspection.failedChecks(), inspection.checks().toString());
    }

    @Test
    void aHugeInstancesTotalOffByAHundredBillionthStillFails() {
        Published published = publish("lp-v1", "huge", new Knobs(100.0, 1.0, 1.0), resource("billion-unit-demand.json"));
        QualityGate.Inspection inspection = inspect(published.rewrittenKpiTotal(t -> new KpiTotal(
                t.totalCost() * (1 + 1e-11), t.chosenSite(), t.totalCapacity(), t.totalDemand(),
                t.capacityUtilization(), t.solverStatus(), t.unmetDemand(), t.inventoryUnitsCarried())));
        assertEquals(List.of(QualityGate.KPI_RECONCILIATION), inspection.failedChecks(), inspection.checks().toString());
    }

    private static byte[] resource(String name) {
        try (InputStream in = QualityGateExtremesTest.class.getResourceAsStream("/baselines/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
