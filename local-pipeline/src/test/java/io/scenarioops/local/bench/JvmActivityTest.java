package io.scenarioops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JvmActivityTest {
    @Test
    void sinceIsTheDifferenceOfBothTotals() {
        assertEquals(new JvmActivity(250, 40), new JvmActivity(1_250, 90).since(new JvmActivity(1_000, 50)));
    }

    @Test
    void theTotalsOnlyGrow() {
        JvmActivity earlier = JvmActivity.now();
        System.gc();
        JvmActivity later = JvmActivity.now().since(earlier);
        assertTrue(later.compileMillis() >= 0 && later.gcMillis() >= 0, later.toString());
    }
}
