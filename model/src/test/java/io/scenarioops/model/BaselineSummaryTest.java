package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scenarioops.model.json.SeedJson;
import io.scenarioops.testsupport.GoldenFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineSummaryTest {

    @Test
    void seed7NeutralSummaryIsByteIdenticalToTheSeedsFile() {
        byte[] expected = GoldenFiles.bytes(GoldenFiles.BASELINE_SUMMARY);
        byte[] actual = SeedJson.write(BaselineSummary.of(Knobs.NEUTRAL.applyTo(BaselineGenerator.generate(7))));
        // Comparing text first gives a readable diff on failure; the byte comparison is the contract.
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
        assertArrayEquals(expected, actual);
    }

    @Test
    void demandFollowsTheKnobButCapacityDoesNot() {
        Baseline base = BaselineGenerator.generate(7);
        BaselineSummary neutral = BaselineSummary.of(Knobs.NEUTRAL.applyTo(base));
        BaselineSummary doubled = BaselineSummary.of(new Knobs(2.0, 3.0, 4.0).applyTo(base));

        assertEquals(neutral.capacityByLine(), doubled.capacityByLine());
        assertEquals(neutral.totalCapacityByPeriod(), doubled.totalCapacityByPeriod());
        for (String period : neutral.totalDemandByPeriod().keySet()) {
            // Doubling is exact in binary, so the rounded sums double exactly as well.
            assertEquals(neutral.totalDemandByPeriod().get(period) * 2.0, doubled.totalDemandByPeriod().get(period), 0.0);
        }
    }

    @Test
    void periodKeysAreStringsAndTotalsAreRoundedSums() {
        Baseline base = BaselineGenerator.generate(11);
        BaselineSummary summary = BaselineSummary.of(base);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7"),
                List.copyOf(summary.totalDemandByPeriod().keySet()));
        double demand = 0.0;
        for (double[] order : base.demand()) {
            demand += order[3];
        }
        assertEquals(PyMath.round(demand, 2), summary.totalDemandByPeriod().get("3"), 0.0);
        assertEquals(base.capacity()[1][5], summary.capacityByLine().get("L2").get("5"), 0.0);
        assertEquals(base.orders(), summary.orders());
        assertEquals(base.periods(), summary.periods());
    }
}
