package io.scenarioops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JvmActivityTest {
    @Test
    void sinceIsTheDifferenceOfBothTotals() {
        assertEquals(new JvmActivity(250, 40), new JvmActivity(1_250, 90).since(new JvmActivity(1_000, 50)));
    }
}
