package io.scenarioops.qc;

import static io.scenarioops.qc.PublishedScenarios.BASELINE;
import static io.scenarioops.qc.PublishedScenarios.COSTS_UP_10;
import static io.scenarioops.qc.PublishedScenarios.DEMAND_UP_10;
import static io.scenarioops.qc.PublishedScenarios.inPeriod;
import static io.scenarioops.qc.PublishedScenarios.publish;
import static io.scenarioops.qc.PublishedScenarios.withField;
import static io.scenarioops.qc.QualityGate.ARTIFACTS_MATCH_MANIFEST;
import static io.scenarioops.qc.QualityGate.JSON_SCHEMA_VALID;
import static io.scenarioops.qc.QualityGate.KPI_RECONCILIATION;
import static io.scenarioops.qc.QualityGate.NON_NEGATIVE_AND_COMPLETE;
import static io.scenarioops.qc.QualityGate.UPSTREAM_STAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ProductionRow;
import io.scenarioops.storage.Manifest;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.Sha256;
import io.scenarioops.qc.PublishedScenarios.Published;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four quality gates on real published scenarios (solver and publisher domain code, objects
 * in a map), then on the same scenarios tampered with in the ways QC exists to catch.
 */
class QualityGateTest {
    private static final String RUN_ID = "run-qc-gate";
    private static final List<String> CHECK_NAMES =
            List.of(ARTIFACTS_MATCH_MANIFEST, JSON_SCHEMA_VALID, KPI_RECONCILIATION, NON_NEGATIVE_AND_COMPLETE);

    private static final Published BASELINE_PUBLISHED = publish(RUN_ID, BASELINE, 3);
    private static final Published DEMAND_UP_PUBLISHED = publish(RUN_ID, DEMAND_UP_10, 3);
    private static final Published COSTS_UP_PUBLISHED = publish(RUN_ID, COSTS_UP_10, 3);

    private static QualityGate.Inspection inspect(Published published) {
        return QualityGate.inspect(published.event(), published.source());
    }

    private static CheckResult check(QualityGate.Inspection inspection, String name) {
        return inspection.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + inspection.checks()));
    }

    private static void assertOnlyFailed(QualityGate.Inspection inspection, String... failed) {
        assertEquals(CHECK_NAMES, inspection.checks().stream().map(CheckResult::name).toList());
        assertEquals(List.of(failed), inspection.failedChecks(), () -> "checks: " + inspection.checks());
        assertEquals(failed.length == 0, inspection.passed());
    }

    private static String prefix() {
        return "runs/dt=" + PublishedScenarios.DT + "/run_id=" + RUN_ID + "/scenario_id=baseline/";
    }

    // ------------------------------------------------------------------ the seed's scenarios pass

    /** scenario, its notes; the expected KPIs come from the seed's golden default run. */
    static Stream<Arguments> seedScenarios() {
        return Stream.of(
                Arguments.of(BASELINE_PUBLISHED, BASELINE.scenarioId(), "No changes"),
                Arguments.of(DEMAND_UP_PUBLISHED, DEMAND_UP_10.scenarioId(), "Demand +10%"),
                Arguments.of(COSTS_UP_PUBLISHED, COSTS_UP_10.scenarioId(), "Variable +10%, Logistics +10%"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("seedScenarios")
    void theSeedScenariosPassAllFourChecksWithInformativeDetails(Published published, String scenarioId,
            String notes) {
        KpiTotal golden = GoldenKpis.kpiTotal(scenarioId);
        QualityGate.Inspection inspection = inspect(published);

        assertOnlyFailed(inspection);
        assertEquals("5 artifacts match the manifest", check(inspection, ARTIFACTS_MATCH_MANIFEST).detail());
        assertEquals("5 artifacts match their schemas", check(inspection, JSON_SCHEMA_VALID).detail());
        assertEquals("total_cost " + golden.totalCost() + " = breakdown = fact_production sums;"
                + " demand and capacity agree with baseline_summary", check(inspection, KPI_RECONCILIATION).detail());
        assertEquals("160 order/periods with demand fully allocated, " + GoldenKpis.factProductionRows(scenarioId)
                + " rows, nothing negative", check(inspection, NON_NEGATIVE_AND_COMPLETE).detail());
        // what QC read back and will record: the seed's reference KPIs
        assertEquals(golden, inspection.kpiTotal().orElseThrow());
        assertEquals(GoldenKpis.kpiCostBreakdown(scenarioId), inspection.kpiCostBreakdown().orElseThrow());
        assertEquals(notes, inspection.notes());
    }

    @Test
    void demandUp10HasOvertimeRowsAndSplitOrders() {
        List<ProductionRow> rows = DEMAND_UP_PUBLISHED.factProduction();
        assertEquals(GoldenKpis.factProductionRows(DEMAND_UP_10.scenarioId()), rows.size());
        assertEquals(GoldenKpis.overtimeRows(DEMAND_UP_10.scenarioId()), rows.stream().filter(r -> r.overtimeQty() > 0).count());
        assertTrue(rows.stream().filter(r -> r.overtimeQty() > 0).allMatch(r -> r.regularQty() == 0.0
                && r.costVariable() == 0.0 && r.costOvertimePremium() > 0));
        assertTrue(rowsByOrderPeriod(rows).values().stream().anyMatch(group -> group.size() > 1));
        assertTrue(inspect(DEMAND_UP_PUBLISHED).passed());
    }

    // ------------------------------------------------------------------ artifacts_match_manifest

    @Test
    void anArtifactChangedBehindTheManifestFailsIntegrityNamingItAndBothHashes() {
        KpiTotal original = BASELINE_PUBLISHED.kpiTotal();
        byte[] originalBytes = BASELINE_PUBLISHED.bytes(ObjectLayout.KPI_TOTAL);
        byte[] forged = SeedJson.write(new KpiTotal(original.totalCost() - 10000.0, original.chosenSite(),
                original.totalCapacity(), original.totalDemand(), original.capacityUtilization()));
        Published tampered = BASELINE_PUBLISHED.withArtifactBytes(ObjectLayout.KPI_TOTAL, forged);

        QualityGate.Inspection inspection = inspect(tampered);

        assertOnlyFailed(inspection, ARTIFACTS_MATCH_MANIFEST, KPI_RECONCILIATION);
        assertEquals("outputs/kpi_total.json has " + forged.length + " bytes, sha256 " + Sha256.hex(forged)
                        + "; the manifest says " + originalBytes.length + " bytes, sha256 " + Sha256.hex(originalBytes),
                check(inspection, ARTIFACTS_MATCH_MANIFEST).detail());
        // the untouched artifacts pass the checks that only they feed
        assertEquals("160 order/periods with demand fully allocated, "
                + GoldenKpis.factProductionRows(BASELINE.scenarioId()) + " rows, nothing negative",
                check(inspection, NON_NEGATIVE_AND_COMPLETE).detail());
        double goldenTotal = GoldenKpis.kpiTotal(BASELINE.scenarioId()).totalCost();
        assertTrue(check(inspection, KPI_RECONCILIATION).detail().startsWith("total_cost is "
                + (goldenTotal - 10000.0) + " but the sum of the breakdown is " + goldenTotal));
    }

    @Test
    void sameNumbersInOtherBytesStillFailIntegrityAndNothingElse() {
        String compact = PublishedScenarios.utf8(BASELINE_PUBLISHED.bytes(ObjectLayout.KPI_TOTAL))
                .replace("\n", "").replace("  ", "");
        Published tampered = BASELINE_PUBLISHED.withArtifactBytes(ObjectLayout.KPI_TOTAL,
                compact.getBytes(StandardCharsets.UTF_8));

        QualityGate.Inspection inspection = inspect(tampered);

        assertOnlyFailed(inspection, ARTIFACTS_MATCH_MANIFEST);
        String detail = check(inspection, ARTIFACTS_MATCH_MANIFEST).detail();
        assertTrue(detail.startsWith("outputs/kpi_total.json has "), detail);
        for (String other : List.of(ObjectLayout.SCENARIO_SPEC, ObjectLayout.BASELINE_SUMMARY,
                ObjectLayout.FACT_PRODUCTION, ObjectLayout.KPI_COST_BREAKDOWN)) {
            assertFalse(detail.contains(other), "only kpi_total is named: " + detail);
        }
    }

    @Test
    void aManifestOtherThanTheAnnouncedOneFailsIntegrity() {
        String wrong = "0".repeat(64);
        Published announcedWrong = BASELINE_PUBLISHED.withEvent(
                PublishedScenarios.withManifestSha256(BASELINE_PUBLISHED.event(), wrong));

        QualityGate.Inspection inspection = inspect(announcedWrong);

        assertOnlyFailed(inspection, ARTIFACTS_MATCH_MANIFEST);
        assertEquals("manifest sha256 is " + Sha256.hex(BASELINE_PUBLISHED.manifestBytes())
                + " but the published event says " + wrong, check(inspection, ARTIFACTS_MATCH_MANIFEST).detail());
    }

    @Test
    void aMissingManifestFailsIntegrity() {
        QualityGate.Inspection inspection = inspect(BASELINE_PUBLISHED.withoutManifest());

        assertOnlyFailed(inspection, ARTIFACTS_MATCH_MANIFEST);
        assertEquals("manifest " + prefix() + "manifest.json is missing",
                check(inspection, ARTIFACTS_MATCH_MANIFEST).detail());
    }

    @Test
    void anUnreadableManifestWithTheAnnouncedHashFailsIntegrity() {
        QualityGate.Inspection inspection = inspect(
                BASELINE_PUBLISHED.withManifestBytes("{\"artifacts\": 7}".getBytes(StandardCharsets.UTF_8)));

        assertOnlyFailed(inspection, ARTIFACTS_MATCH_MANIFEST);
        assertEquals("manifest " + prefix() + "manifest.json is not a readable manifest",
                check(inspection, ARTIFACTS_MATCH_MANIFEST).detail());
    }

    @Test
    void aMissingArtifactFailsIntegrityAndSchemaNamingIt() {
        QualityGate.Inspection inspection = inspect(BASELINE_PUBLISHED.withoutArtifact(ObjectLayout.FACT_PRODUCTION));

        assertOnlyFailed(inspection, CHECK_NAMES.toArray(String[]::new));
        assertEquals("outputs/fact_production.json is missing", check(inspection, ARTIFACTS_MATCH_MANIFEST).detail());
        assertEquals("outputs/fact_production.json is missing", check(inspection, JSON_SCHEMA_VALID).detail());
        assertEquals("cannot reconcile: fact_production missing or unreadable",
                check(inspection, KPI_RECONCILIATION).detail());
        assertEquals("cannot check: fact_production is missing or unreadable",
                check(inspection, NON_NEGATIVE_AND_COMPLETE).detail());
    }

    @Test
    void aMissingInputArtifactFailsIntegritySchemaAndReconciliationOnly() {
        QualityGate.Inspection inspection = inspect(BASELINE_PUBLISHED.withoutArtifact(ObjectLayout.BASELINE_SUMMARY));

        assertOnlyFailed(inspection, ARTIFACTS_MATCH_MANIFEST, JSON_SCHEMA_VALID, KPI_RECONCILIATION);
        assertEquals("inputs/baseline_summary.json is missing", check(inspection, ARTIFACTS_MATCH_MANIFEST).detail());
        assertEquals("cannot reconcile: baseline_summary missing or unreadable",
                check(inspection, KPI_RECONCILIATION).detail());
    }

    @Test
    void anArtifactTheManifestDoesNotListFailsIntegrity() {
        Published unlisted = BASELINE_PUBLISHED.withManifestEntries(entries -> entries.stream()
                .filter(a -> !a.name().equals(ObjectLayout.KPI_COST_BREAKDOWN)).toList());

        QualityGate.Inspection inspection = inspect(unlisted);

        assertOnlyFailed(inspection, ARTIFACTS_MATCH_MANIFEST);
        assertEquals("outputs/kpi_cost_breakdown.json is not in the manifest",
                check(inspection, ARTIFACTS_MATCH_MANIFEST).detail());
    }

    @Test
    void anArtifactListedOutsideTheScenarioPrefixFailsIntegrity() {
        String elsewhere = "runs/dt=2024-05-17/run_id=other-run/scenario_id=baseline/outputs/kpi_total.json";
        Published moved = BASELINE_PUBLISHED.withManifestEntries(entries -> entries.stream()
                .map(a -> a.name().equals(ObjectLayout.KPI_TOTAL)
                        ? new Manifest.Artifact(a.name(), elsewhere, a.size(), a.sha256()) : a)
                .toList());

        QualityGate.Inspection inspection = inspect(moved);

        assertOnlyFailed(inspection, ARTIFACTS_MATCH_MANIFEST);
        assertEquals("outputs/kpi_total.json is listed at " + elsewhere + ", outside " + prefix(),
                check(inspection, ARTIFACTS_MATCH_MANIFEST).detail());
    }

    @Test
    void aConsistentRewriteKeepsIntegrity() {
        Published rewritten = BASELINE_PUBLISHED.rewrittenKpiTotal(t -> t);
        assertEquals(BASELINE_PUBLISHED.event().manifestSha256(), rewritten.event().manifestSha256(),
                "rewriting identical content must reproduce the publisher's manifest byte for byte");

        Published changed = BASELINE_PUBLISHED.rewrittenKpiTotal(t -> new KpiTotal(t.totalCost() + 1.0,
                t.chosenSite(), t.totalCapacity(), t.totalDemand(), t.capacityUtilization()));
        assertEquals("5 artifacts match the manifest", check(inspect(changed), ARTIFACTS_MATCH_MANIFEST).detail());
    }

    // ------------------------------------------------------------------ json_schema_valid

    @Test
    void anArtifactThatIsNotJsonFailsItsGatesWithTheParsersReason() {
        QualityGate.Inspection inspection = inspect(BASELINE_PUBLISHED.withArtifactBytes(ObjectLayout.KPI_TOTAL,
                "{\"total_cost\": 1} trailing".getBytes(StandardCharsets.UTF_8)));

        assertOnlyFailed(inspection, ARTIFACTS_MATCH_MANIFEST, JSON_SCHEMA_VALID, KPI_RECONCILIATION);
        String schema = check(inspection, JSON_SCHEMA_VALID).detail();
        assertTrue(schema.startsWith("outputs/kpi_total.json: not one JSON document: "), schema);
        assertEquals("cannot reconcile: kpi_total missing or unreadable", check(inspection, KPI_RECONCILIATION).detail());
    }

    @Test
    void aNumberWrittenAsAStringFailsTheSchemaAndCannotBeReconciled() {
        Published stringly = BASELINE_PUBLISHED.rewrittenJsonObject(ObjectLayout.KPI_TOTAL,
                kpi -> kpi.put("total_cost", kpi.get("total_cost").asText()));
        assertEquals(String.valueOf(GoldenKpis.kpiTotal(BASELINE.scenarioId()).totalCost()), stringly.json(ObjectLayout.KPI_TOTAL).get("total_cost").textValue());

        QualityGate.Inspection inspection = inspect(stringly);

        assertOnlyFailed(inspection, JSON_SCHEMA_VALID, KPI_RECONCILIATION);
        String schema = check(inspection, JSON_SCHEMA_VALID).detail();
        assertTrue(schema.startsWith("outputs/kpi_total.json: /total_cost"), schema);
        assertTrue(schema.contains("string"), schema);
        assertEquals("cannot reconcile: kpi_total missing or unreadable", check(inspection, KPI_RECONCILIATION).detail());
        assertTrue(inspection.kpiTotal().isEmpty(), "a schema-invalid kpi_total is not read as KPIs");
    }

    @Test
    void aNonNumericStringFailsTheSchemaAndCannotBeReconciled() {
        Published garbled = BASELINE_PUBLISHED.rewrittenJsonObject(ObjectLayout.KPI_TOTAL,
                kpi -> kpi.put("total_cost", "lots"));

        QualityGate.Inspection inspection = inspect(garbled);

        assertOnlyFailed(inspection, JSON_SCHEMA_VALID, KPI_RECONCILIATION);
        assertTrue(check(inspection, JSON_SCHEMA_VALID).detail().startsWith("outputs/kpi_total.json: /total_cost"));
        assertEquals("cannot reconcile: kpi_total missing or unreadable", check(inspection, KPI_RECONCILIATION).detail());
    }

    @Test
    void aFractionalPeriodFailsTheSchemaAndIsNotTruncatedIntoACompleteAllocation() {
        Published fractional = BASELINE_PUBLISHED.rewrittenJsonRows(rows -> ((ObjectNode) rows.get(0)).put("period", 0.5));

        QualityGate.Inspection inspection = inspect(fractional);

        String schema = check(inspection, JSON_SCHEMA_VALID).detail();
        assertTrue(schema.startsWith("outputs/fact_production.json: /0/period"), schema);
        assertOnlyFailed(inspection, JSON_SCHEMA_VALID, KPI_RECONCILIATION, NON_NEGATIVE_AND_COMPLETE);
        assertEquals("cannot check: fact_production is missing or unreadable",
                check(inspection, NON_NEGATIVE_AND_COMPLETE).detail());
    }

    @Test
    void anUnexpectedFieldFailsTheSchema() {
        Published extra = BASELINE_PUBLISHED.rewrittenJsonObject(ObjectLayout.KPI_COST_BREAKDOWN,
                b -> b.put("tax", 1.0));

        QualityGate.Inspection inspection = inspect(extra);

        assertFalse(check(inspection, JSON_SCHEMA_VALID).passed());
        assertTrue(check(inspection, JSON_SCHEMA_VALID).detail().startsWith("outputs/kpi_cost_breakdown.json: "));
        assertTrue(check(inspection, JSON_SCHEMA_VALID).detail().contains("tax"));
    }

    // ------------------------------------------------------------------ kpi_reconciliation and its tolerances

    private static Published withTotalCost(Published p, double totalCost) {
        return p.rewrittenKpiTotal(t -> new KpiTotal(totalCost, t.chosenSite(), t.totalCapacity(), t.totalDemand(),
                t.capacityUtilization()));
    }

    private static double sumOfBreakdown(KpiCostBreakdown b) {
        return b.variableCost() + b.overtimeCost() + b.inboundLogisticsCost() + b.outboundLogisticsCost();
    }

    @Test
    void totalCostFiveCentsOffFailsOnlyReconciliation() {
        double total = BASELINE_PUBLISHED.kpiTotal().totalCost();
        QualityGate.Inspection inspection = inspect(withTotalCost(BASELINE_PUBLISHED, total + 0.05));

        assertOnlyFailed(inspection, KPI_RECONCILIATION);
        assertEquals("total_cost is " + (total + 0.05) + " but the sum of the breakdown is "
                + GoldenKpis.kpiTotal(BASELINE.scenarioId()).totalCost(),
                check(inspection, KPI_RECONCILIATION).detail());
    }

    @Test
    void totalCostWithinRoundingDriftPasses() {
        double total = BASELINE_PUBLISHED.kpiTotal().totalCost();
        assertOnlyFailed(inspect(withTotalCost(BASELINE_PUBLISHED, total + 0.004)));
        assertOnlyFailed(inspect(withTotalCost(BASELINE_PUBLISHED, total - 0.004)));
    }

    /** total_cost and the four rounded parts may each be half a cent off: 2.5 cents in all. */
    @Test
    void totalCostToleranceIsFiveHalfCents() {
        double parts = sumOfBreakdown(BASELINE_PUBLISHED.kpiCostBreakdown());
        assertOnlyFailed(inspect(withTotalCost(BASELINE_PUBLISHED, parts + 0.024)));
        assertOnlyFailed(inspect(withTotalCost(BASELINE_PUBLISHED, parts - 0.024)));
        assertOnlyFailed(inspect(withTotalCost(BASELINE_PUBLISHED, parts + 0.026)), KPI_RECONCILIATION);
        assertOnlyFailed(inspect(withTotalCost(BASELINE_PUBLISHED, parts - 0.026)), KPI_RECONCILIATION);
    }

    /** Each breakdown part is the sum over fact_production rounded to the cent: half a cent either way. */
    @Test
    void breakdownPartsToleranceIsHalfACentAgainstFactProduction() {
        Published p = DEMAND_UP_PUBLISHED;
        List<ProductionRow> rows = p.factProduction();
        double variable = perRow(rows, ProductionRow::costVariable);
        double overtime = perRow(rows, ProductionRow::costOvertimePremium);
        double inbound = perOrderPeriod(rows, ProductionRow::costInbound);
        double outbound = perOrderPeriod(rows, ProductionRow::costOutbound);
        KpiCostBreakdown b = p.kpiCostBreakdown();

        for (double offset : new double[] {0.0049, -0.0049}) {
            double o = offset;
            assertOnlyFailed(inspect(p.rewrittenKpiCostBreakdown(x -> new KpiCostBreakdown(variable + o,
                    b.overtimeCost(), b.inboundLogisticsCost(), b.outboundLogisticsCost()))));
            assertOnlyFailed(inspect(p.rewrittenKpiCostBreakdown(x -> new KpiCostBreakdown(b.variableCost(),
                    b.overtimeCost(), inbound + o, b.outboundLogisticsCost()))));
        }
        double overtimeSum = overtime;
        Map<String, KpiCostBreakdown> justOutside = new LinkedHashMap<>();
        justOutside.put("variable_cost is ", new KpiCostBreakdown(variable + 0.0051, b.overtimeCost(),
                b.inboundLogisticsCost(), b.outboundLogisticsCost()));
        justOutside.put("overtime_cost is ", new KpiCostBreakdown(b.variableCost(), overtimeSum - 0.0051,
                b.inboundLogisticsCost(), b.outboundLogisticsCost()));
        justOutside.put("inbound_logistics_cost is ", new KpiCostBreakdown(b.variableCost(), b.overtimeCost(),
                inbound + 0.0051, b.outboundLogisticsCost()));
        justOutside.put("outbound_logistics_cost is ", new KpiCostBreakdown(b.variableCost(), b.overtimeCost(),
                b.inboundLogisticsCost(), outbound - 0.0051));
        justOutside.forEach((field, breakdown) -> {
            QualityGate.Inspection inspection = inspect(p.rewrittenKpiCostBreakdown(x -> breakdown));
            assertOnlyFailed(inspection, KPI_RECONCILIATION);
            String detail = check(inspection, KPI_RECONCILIATION).detail();
            assertTrue(detail.startsWith(field), detail);
            assertFalse(detail.contains("total_cost"), "the total still matches its parts: " + detail);
        });
    }

    /** total_demand and total_capacity: one half cent per period plus one for the total's own rounding. */
    @Test
    void demandAndCapacityToleranceIsNinePeriodHalfCents() {
        Published p = BASELINE_PUBLISHED;
        double demand = 0.0;
        double capacity = 0.0;
        for (var entry : p.json(ObjectLayout.BASELINE_SUMMARY).get("total_demand_by_period").properties()) {
            demand += entry.getValue().doubleValue();
        }
        for (var entry : p.json(ObjectLayout.BASELINE_SUMMARY).get("total_capacity_by_period").properties()) {
            capacity += entry.getValue().doubleValue();
        }
        double d = demand;
        double c = capacity;
        assertOnlyFailed(inspect(p.rewrittenKpiTotal(t -> new KpiTotal(t.totalCost(), t.chosenSite(),
                t.totalCapacity(), d + 0.044, t.capacityUtilization()))));
        assertOnlyFailed(inspect(p.rewrittenKpiTotal(t -> new KpiTotal(t.totalCost(), t.chosenSite(),
                c - 0.044, t.totalDemand(), t.capacityUtilization()))));

        QualityGate.Inspection demandOff = inspect(p.rewrittenKpiTotal(t -> new KpiTotal(t.totalCost(),
                t.chosenSite(), t.totalCapacity(), d + 0.046, t.capacityUtilization())));
        assertOnlyFailed(demandOff, KPI_RECONCILIATION);
        assertTrue(check(demandOff, KPI_RECONCILIATION).detail()
                .startsWith("total_demand is " + (d + 0.046) + " but the sum of total_demand_by_period is "
                        + GoldenKpis.kpiTotal(BASELINE.scenarioId()).totalDemand()));

        QualityGate.Inspection capacityOff = inspect(p.rewrittenKpiTotal(t -> new KpiTotal(t.totalCost(),
                t.chosenSite(), c - 0.046, t.totalDemand(), t.capacityUtilization())));
        assertOnlyFailed(capacityOff, KPI_RECONCILIATION);
        assertTrue(check(capacityOff, KPI_RECONCILIATION).detail().startsWith("total_capacity is "));
    }

    /** capacity_utilization is rounded to 4 decimals: 1e-4 around total_demand / total_capacity. */
    @Test
    void utilizationToleranceIsOneBasisPoint() {
        Published p = BASELINE_PUBLISHED;
        KpiTotal t = p.kpiTotal();
        double ratio = t.totalDemand() / t.totalCapacity();
        for (double offset : new double[] {0.00009, -0.00009}) {
            assertOnlyFailed(inspect(p.rewrittenKpiTotal(x -> new KpiTotal(t.totalCost(), t.chosenSite(),
                    t.totalCapacity(), t.totalDemand(), ratio + offset))));
        }
        for (double offset : new double[] {0.00011, -0.00011}) {
            QualityGate.Inspection inspection = inspect(p.rewrittenKpiTotal(x -> new KpiTotal(t.totalCost(),
                    t.chosenSite(), t.totalCapacity(), t.totalDemand(), ratio + offset)));
            assertOnlyFailed(inspection, KPI_RECONCILIATION);
            assertTrue(check(inspection, KPI_RECONCILIATION).detail().startsWith("capacity_utilization is "));
        }
    }

    /**
     * The seed's quirk: a split order repeats its whole cost_inbound and cost_outbound on every row.
     * Summed per row they overstate logistics; QC sums once per order and period and passes.
     */
    @Test
    void splitOrdersRepeatLogisticsAndReconciliationCountsThemOncePerOrderAndPeriod() {
        Published p = DEMAND_UP_PUBLISHED;
        List<ProductionRow> rows = p.factProduction();
        List<List<ProductionRow>> splits = rowsByOrderPeriod(rows).values().stream()
                .filter(group -> group.size() > 1).toList();
        assertFalse(splits.isEmpty());
        for (List<ProductionRow> split : splits) {
            ProductionRow first = split.get(0);
            assertTrue(split.stream().allMatch(r -> r.quantity() == first.quantity()
                    && r.costInbound() == first.costInbound() && r.costOutbound() == first.costOutbound()), split::toString);
        }
        KpiCostBreakdown b = p.kpiCostBreakdown();
        double naiveInbound = perRow(rows, ProductionRow::costInbound);
        double naiveOutbound = perRow(rows, ProductionRow::costOutbound);
        double repeatedInbound = splits.stream().mapToDouble(s -> (s.size() - 1) * s.get(0).costInbound()).sum();

        assertTrue(naiveInbound - b.inboundLogisticsCost() > 100.0,
                "a per-row sum overstates inbound: " + naiveInbound + " vs " + b.inboundLogisticsCost());
        assertEquals(repeatedInbound, naiveInbound - perOrderPeriod(rows, ProductionRow::costInbound), 1e-6);
        assertTrue(naiveOutbound - b.outboundLogisticsCost() > 100.0);
        assertTrue(Math.abs(perOrderPeriod(rows, ProductionRow::costInbound) - b.inboundLogisticsCost()) <= 0.005);
        assertTrue(Math.abs(perOrderPeriod(rows, ProductionRow::costOutbound) - b.outboundLogisticsCost()) <= 0.005);

        assertOnlyFailed(inspect(p));
    }

    @Test
    void aKpiComputedWithTheNaivePerRowSumFailsReconciliation() {
        Published p = DEMAND_UP_PUBLISHED;
        double naiveInbound = perRow(p.factProduction(), ProductionRow::costInbound);
        double rounded = Math.round(naiveInbound * 100.0) / 100.0;
        Published naive = p.rewrittenKpiCostBreakdown(b -> new KpiCostBreakdown(b.variableCost(), b.overtimeCost(),
                rounded, b.outboundLogisticsCost()));

        QualityGate.Inspection inspection = inspect(naive);

        assertFalse(check(inspection, KPI_RECONCILIATION).passed());
        assertTrue(check(inspection, KPI_RECONCILIATION).detail().contains("inbound_logistics_cost is " + rounded
                + " but the sum of cost_inbound per order and period is "
                + GoldenKpis.kpiCostBreakdown(DEMAND_UP_10.scenarioId()).inboundLogisticsCost()),
                check(inspection, KPI_RECONCILIATION).detail());
    }

    // ------------------------------------------------------------------ non_negative_and_complete

    @Test
    void aDroppedRowFailsCompletenessNamingTheOrderAndPeriod() {
        List<ProductionRow> rows = BASELINE_PUBLISHED.factProduction();
        Map<String, List<ProductionRow>> groups = rowsByOrderPeriod(rows);
        ProductionRow single = rows.stream().filter(r -> groups.get(key(r)).size() == 1).findFirst().orElseThrow();
        Published dropped = BASELINE_PUBLISHED.rewrittenFactProduction(list -> {
            list.remove(single);
            return list;
        });

        QualityGate.Inspection inspection = inspect(dropped);

        assertTrue(check(inspection, ARTIFACTS_MATCH_MANIFEST).passed());
        assertTrue(check(inspection, JSON_SCHEMA_VALID).passed());
        assertEquals(key(single) + " has demand " + single.quantity() + " but no row",
                check(inspection, NON_NEGATIVE_AND_COMPLETE).detail());
        // its variable and logistics costs are gone from the sums as well
        assertFalse(check(inspection, KPI_RECONCILIATION).passed());
    }

    @Test
    void aDroppedPartOfASplitOrderFailsCompletenessNamingTheOrderAndPeriod() {
        List<ProductionRow> rows = BASELINE_PUBLISHED.factProduction();
        List<ProductionRow> split = rowsByOrderPeriod(rows).values().stream().filter(g -> g.size() > 1)
                .findFirst().orElseThrow();
        ProductionRow last = split.get(split.size() - 1);
        Published dropped = BASELINE_PUBLISHED.rewrittenFactProduction(list -> {
            list.remove(last);
            return list;
        });

        String detail = check(inspect(dropped), NON_NEGATIVE_AND_COMPLETE).detail();

        assertTrue(detail.startsWith(key(last) + " allocates "), detail);
        assertTrue(detail.endsWith("of demand " + last.quantity()), detail);
    }

    @Test
    void aNegativeCostFailsAsNegative() {
        Published negative = BASELINE_PUBLISHED.rewrittenFactProduction(list -> {
            list.set(3, withField(list.get(3), "cost_inbound", -list.get(3).costInbound()));
            return list;
        });

        QualityGate.Inspection inspection = inspect(negative);

        assertTrue(check(inspection, JSON_SCHEMA_VALID).passed(), "negative numbers are schema-valid");
        String detail = check(inspection, NON_NEGATIVE_AND_COMPLETE).detail();
        ProductionRow row = negative.factProduction().get(3);
        assertTrue(detail.startsWith("fact_production[3] (" + row.order() + ", period " + row.period()
                + ") has a negative quantity or cost"), detail);
    }

    @Test
    void aNegativeKpiFailsAsNegative() {
        Published negative = BASELINE_PUBLISHED.rewrittenKpiCostBreakdown(b -> new KpiCostBreakdown(
                b.variableCost(), -0.0001, b.inboundLogisticsCost(), b.outboundLogisticsCost()));

        QualityGate.Inspection inspection = inspect(negative);

        assertOnlyFailed(inspection, NON_NEGATIVE_AND_COMPLETE);
        assertTrue(check(inspection, NON_NEGATIVE_AND_COMPLETE).detail()
                .startsWith("kpi_cost_breakdown has a negative value"));
    }

    @Test
    void aRowForAnOrderAndPeriodWithoutDemandFails() {
        Published extra = BASELINE_PUBLISHED.rewrittenFactProduction(list -> {
            list.add(withField(withField(inPeriod(list.get(0), 8), "cost_variable", 0.0), "cost_inbound", 0.0));
            return list;
        });

        QualityGate.Inspection inspection = inspect(extra);

        assertEquals("rows for order/periods without demand: O001@8",
                check(inspection, NON_NEGATIVE_AND_COMPLETE).detail());
    }

    /** With demand_scale 0 no order has demand: the solver writes no row, and any row is one too many. */
    @Test
    void aRowWhereTheScenarioHasZeroDemandFails() {
        Published noDemand = publish(RUN_ID, "no_demand", PublishedScenarios.SEED, new Knobs(0.0, 1.0, 1.0),
                "Demand x0", 1);
        assertTrue(noDemand.factProduction().isEmpty());
        QualityGate.Inspection clean = inspect(noDemand);
        assertOnlyFailed(clean);
        assertEquals("0 order/periods with demand fully allocated, 0 rows, nothing negative",
                check(clean, NON_NEGATIVE_AND_COMPLETE).detail());

        ProductionRow baselineRow = BASELINE_PUBLISHED.factProduction().get(0);
        ProductionRow costless = withField(withField(withField(withField(baselineRow, "cost_variable", 0.0),
                "cost_inbound", 0.0), "cost_outbound", 0.0), "cost_overtime_premium", 0.0);
        Published phantom = noDemand.rewrittenFactProduction(list -> {
            list.add(costless);
            return list;
        });

        QualityGate.Inspection inspection = inspect(phantom);

        assertOnlyFailed(inspection, NON_NEGATIVE_AND_COMPLETE);
        assertEquals("rows for order/periods without demand: O001@0",
                check(inspection, NON_NEGATIVE_AND_COMPLETE).detail());
    }

    // ------------------------------------------------------------------ upstream failures

    @Test
    void aScenarioThatFailedUpstreamHasExactlyOneFailedCheckNamingStageAndReason() {
        ScenarioPublished failed = PublishedScenarios.failedUpstream(RUN_ID, "broken", 3,
                "knobs.demand_scale: must be a finite number within [0, 100], got 250.0");

        QualityGate.Inspection inspection = QualityGate.inspect(failed, key -> {
            throw new AssertionError("a failed scenario has no artifacts to read, asked for " + key);
        });

        assertEquals(List.of(CheckResult.fail(UPSTREAM_STAGE,
                "failed in solver: knobs.demand_scale: must be a finite number within [0, 100], got 250.0")),
                inspection.checks());
        assertFalse(inspection.passed());
        assertTrue(inspection.kpiTotal().isEmpty());
        assertTrue(inspection.kpiCostBreakdown().isEmpty());
    }

    // ------------------------------------------------------------------ helpers

    private static String key(ProductionRow row) {
        return row.order() + "@" + row.period();
    }

    private static Map<String, List<ProductionRow>> rowsByOrderPeriod(List<ProductionRow> rows) {
        Map<String, List<ProductionRow>> groups = new LinkedHashMap<>();
        rows.forEach(r -> groups.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r));
        return groups;
    }

    /** Sequential, like the seed and QC (DoubleStream.sum compensates). */
    private static double perRow(List<ProductionRow> rows, java.util.function.ToDoubleFunction<ProductionRow> cost) {
        double sum = 0.0;
        for (ProductionRow row : rows) {
            sum += cost.applyAsDouble(row);
        }
        return sum;
    }

    private static double perOrderPeriod(List<ProductionRow> rows, java.util.function.ToDoubleFunction<ProductionRow> cost) {
        double sum = 0.0;
        for (List<ProductionRow> group : rowsByOrderPeriod(rows).values()) {
            sum += cost.applyAsDouble(group.get(0));
        }
        return sum;
    }
}
