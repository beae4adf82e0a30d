package io.scenarioops.qc;

import static io.scenarioops.qc.QualityGate.ARTIFACTS_MATCH_MANIFEST;
import static io.scenarioops.qc.QualityGate.JSON_SCHEMA_VALID;
import static io.scenarioops.qc.QualityGate.KPI_RECONCILIATION;
import static io.scenarioops.qc.QualityGate.NON_NEGATIVE_AND_COMPLETE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.model.BaselineFile;
import io.scenarioops.model.BaselineRef;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.PlanningParameters;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.qc.PublishedScenarios.Published;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.Sha256;
import io.scenarioops.testsupport.GoldenFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** QC's four gates on lp-v1 scenarios: its seven artifacts, its reconciliations, its constraints. */
class LpQualityGateTest {
    private static final String RUN_ID = "run-qc-lp";

    private static CheckResult check(QualityGate.Inspection inspection, String name) {
        return inspection.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theSeedBaselineUnderLpPassesEveryGate() {
        Published lp = PublishedScenarios.publishLp(RUN_ID, "baseline_lp", Knobs.NEUTRAL, ScenarioInputs.SEED, Map.of());
        QualityGate.Inspection inspection = QualityGate.inspect(lp.event(), lp.source());
        assertEquals(List.of(), inspection.failedChecks(), inspection.checks().toString());
        assertEquals("7 artifacts match the manifest", check(inspection, ARTIFACTS_MATCH_MANIFEST).detail());
        assertEquals("7 artifacts match their schemas", check(inspection, JSON_SCHEMA_VALID).detail());
        assertEquals("total_cost 322133.37 = objective terms = the objective recomputed from the tables;"
                + " demand and capacity agree with baseline_summary", check(inspection, KPI_RECONCILIATION).detail());
        assertEquals("every constraint of the LP holds within 1.0E-6 over 20 orders x 8 periods; nothing negative",
                check(inspection, NON_NEGATIVE_AND_COMPLETE).detail());
        assertEquals(322133.37, inspection.kpiTotal().orElseThrow().totalCost(), 0.0);
        assertEquals(0.0, inspection.kpiCostBreakdown().orElseThrow().holdingCost(), 0.0);
    }

    @Test
    void aSizedInstanceWithPlanningParametersPasses() {
        ScenarioInputs inputs = new ScenarioInputs(new InstanceSize(40, 10), null,
                PlanningParameters.of(Map.of("overtime_share", 0.05, "site_share", 0.4)));
        Published lp = PublishedScenarios.publishLp(RUN_ID, "sized", new Knobs(1.1, 1.0, 1.0), inputs, Map.of());
        QualityGate.Inspection inspection = QualityGate.inspect(lp.event(), lp.source());
        assertEquals(List.of(), inspection.failedChecks(), inspection.checks().toString());
        assertTrue(check(inspection, NON_NEGATIVE_AND_COMPLETE).detail().contains("40 orders x 10 periods"));
    }

    @Test
    void aBaselineFileIsReadBackByItsHashAndChecked() {
        byte[] file = GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE);
        BaselineRef ref = BaselineRef.of(Sha256.hex(file));
        Published lp = PublishedScenarios.publishLp(RUN_ID, "example", Knobs.NEUTRAL,
                new ScenarioInputs(null, ref, null), Map.of(ref.key(), file));
        QualityGate.Inspection inspection = QualityGate.inspect(lp.event(), lp.source());
        assertEquals(List.of(), inspection.failedChecks(), inspection.checks().toString());
        assertEquals(25258.9, inspection.kpiTotal().orElseThrow().totalCost(), 0.0);

        // the same plan checked against an altered file at that key: refused, not used
        byte[] altered = BaselineFile.write(BaselineFile.parse(file));
        Published swapped = lp.withObject(ref.key(), altered);
        QualityGate.Inspection refused = QualityGate.inspect(swapped.event(), swapped.source());
        assertEquals(List.of(KPI_RECONCILIATION, NON_NEGATIVE_AND_COMPLETE), refused.failedChecks());
        assertTrue(check(refused, NON_NEGATIVE_AND_COMPLETE).detail().contains("not the " + ref.sha256()),
                check(refused, NON_NEGATIVE_AND_COMPLETE).detail());
    }

    @Test
    void aDeliveryThatBreaksTheDemandConstraintFailsCompletenessAndTheObjective() {
        Published lp = PublishedScenarios.publishLp(RUN_ID, "tampered", Knobs.NEUTRAL, ScenarioInputs.SEED, Map.of());
        Published tampered = lp.rewrittenJson(ObjectLayout.FACT_DELIVERY, rows -> {
            ObjectNode first = (ObjectNode) rows.get(0).get("deliveries").get(0);
            first.put("delivered_qty", first.get("delivered_qty").doubleValue() + 5.0);
            return rows;
        });
        QualityGate.Inspection inspection = QualityGate.inspect(tampered.event(), tampered.source());
        assertEquals(List.of(KPI_RECONCILIATION, NON_NEGATIVE_AND_COMPLETE), inspection.failedChecks());
        assertTrue(check(inspection, NON_NEGATIVE_AND_COMPLETE).detail()
                .startsWith("fact_delivery[0] (O001, period 0) delivers and leaves unmet"),
                check(inspection, NON_NEGATIVE_AND_COMPLETE).detail());
        assertTrue(check(inspection, KPI_RECONCILIATION).detail()
                .contains("but the objective recomputed from the tables' quantities is"),
                check(inspection, KPI_RECONCILIATION).detail());
    }
}
