package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.testsupport.GoldenFiles;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sized seed instances follow SEED_MODEL's draws; the seed's size is the seed's instance, byte for byte. */
class SizedInstanceTest {

    @Test
    void twentyOrdersOverEightPeriodsIsTheSeedsInstanceByteForByte() {
        Baseline sized = BaselineGenerator.generate(7, new InstanceSize(20, 8));
        Baseline seed = BaselineGenerator.generate(7);
        assertEquals(seed, sized);
        assertArrayEquals(BaselineFile.write(seed), BaselineFile.write(sized));
        assertArrayEquals(GoldenFiles.bytes(GoldenFiles.BASELINE_SUMMARY),
                SeedJson.write(BaselineSummary.of(Knobs.NEUTRAL.applyTo(sized))));
        for (JsonNode run : GoldenFiles.read(GoldenFiles.DEFAULT_RUN_KPIS)) {
            JsonNode k = run.get("knobs");
            Knobs knobs = new Knobs(k.get("demand_scale").doubleValue(), k.get("variable_cost_scale").doubleValue(),
                    k.get("logistics_cost_scale").doubleValue());
            SolveResult toy = ToySolver.solve(knobs.applyTo(sized));
            assertEquals(run.get("kpi_total").get("total_cost").doubleValue(), toy.kpiTotal().totalCost(), 0.0);
        }
    }

    @Test
    void ordersAreNamedWithAtLeastThreeDigits() {
        assertEquals("O001", new InstanceSize(999, 1).orderName(0));
        assertEquals("O999", new InstanceSize(999, 1).orderName(998));
        assertEquals("O0001", new InstanceSize(1000, 1).orderName(0));
        assertEquals("O1000", new InstanceSize(1000, 1).orderName(999));
        assertEquals("O0500", new InstanceSize(9999, 1).orderName(499));
    }

    @Test
    void moreOrdersOverTheSamePeriodsDrawTheSeedsDemandFirst() {
        // demand is drawn order by order before anything else, so the first 20 orders are the seed's
        Baseline seed = BaselineGenerator.generate(7);
        Baseline larger = BaselineGenerator.generate(7, new InstanceSize(40, 8));
        assertArrayEquals(seed.demand(), Arrays.copyOf(larger.demand(), 20));
        assertEquals(40, larger.orders().size());
        assertEquals("O040", larger.orders().get(39));
    }

    @Test
    void sizesAreBounded() {
        assertEquals("orders: must be an integer within [1, 10000], got 0",
                assertThrows(InvalidInputException.class, () -> new InstanceSize(0, 8)).getMessage());
        assertEquals("periods: must be an integer within [1, 520], got 521",
                assertThrows(InvalidInputException.class, () -> new InstanceSize(20, 521)).getMessage());
    }
}
