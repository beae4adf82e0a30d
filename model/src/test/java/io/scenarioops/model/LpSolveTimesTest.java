package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LpSolveTimesTest {

    @Test
    void measuresTheMedianSolveOfEachSize() {
        List<LpSolveTimes.Timing> timings = LpSolveTimes.measure(List.of(InstanceSize.SEED), 3);
        assertEquals(1, timings.size());
        LpSolveTimes.Timing seed = timings.get(0);
        assertEquals(InstanceSize.SEED, seed.size());
        assertEquals(3, seed.runs());
        assertEquals(322133.37, seed.totalCost(), 0.0);
        assertTrue(seed.medianMillis() > 0.0, seed.toString());
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddlePair() {
        assertEquals(2.5, LpSolveTimes.median(new double[] {4.0, 1.0, 3.0, 2.0}), 0.0);
        assertEquals(3.0, LpSolveTimes.median(new double[] {5.0, 3.0, 1.0}), 0.0);
    }
}
