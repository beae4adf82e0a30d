package io.scenarioops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.model.InstanceSize;
import org.junit.jupiter.api.Test;

class SolveCeilingTest {
    @Test
    void sharesAnEvenNumberOfSolvesBetweenTwoThreads() {
        assertEquals("solves must be even and at least 2, got 3",
                assertThrows(IllegalArgumentException.class, () -> new SolveCeiling(InstanceSize.SEED, 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SolveCeiling(InstanceSize.SEED, 0));
    }

    @Test
    void timesTheSameSolvesOnOneThreadAndOnTwo() {
        SolveCeiling.Result result = new SolveCeiling(InstanceSize.SEED, 2).measure();
        assertTrue(result.oneThreadSeconds() > 0 && result.twoThreadsSeconds() > 0, result.toString());
        assertEquals(result.oneThreadSeconds() / result.twoThreadsSeconds(), result.ratio());
    }
}
