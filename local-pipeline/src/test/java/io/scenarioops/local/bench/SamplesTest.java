package io.scenarioops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        Samples samples = new Samples("sweep", "scenarios/s", List.of(30.0, 10.0, 20.0));
        assertEquals(20.0, samples.median());
        assertEquals(10.0, samples.min());
        assertEquals(30.0, samples.max());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(25.0, new Samples("latency", "ms", List.of(40.0, 10.0, 20.0, 30.0)).median());
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> hundred = new java.util.ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            hundred.add((double) i);
        }
        Samples samples = new Samples("latency", "ms", hundred);
        assertEquals(95.0, samples.percentile(95));
        assertEquals(100.0, samples.percentile(100));
        assertEquals(1.0, samples.percentile(1));
    }

    @Test
    void aFigureWithoutMeasurementsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Samples("empty", "s", List.of()));
    }
}
