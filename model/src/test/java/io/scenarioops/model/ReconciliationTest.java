package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
    @Test
    void figuresAgreeWithinTheAbsoluteTolerancePlusTheirRoundOff() {
        assertTrue(Reconciliation.close(100.004, 100.0, 0.005));
        assertFalse(Reconciliation.close(100.006, 100.0, 0.005));
        // 8e14 holds no cents: 0.25 apart is round-off, 1e-11 of it (8) is not
        assertTrue(Reconciliation.close(804863707109968.6, 804863707109968.375, 0.005));
        assertFalse(Reconciliation.close(804863707109968.375 * (1 + 1e-11), 804863707109968.375, 0.005));
    }

    @Test
    void noInfinityOrNaNAgreesWithAnything() {
        assertFalse(Reconciliation.close(Double.POSITIVE_INFINITY, 332961.19, 0.005));
        assertFalse(Reconciliation.close(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0.005));
        assertFalse(Reconciliation.close(8.0, 2.0 + Double.POSITIVE_INFINITY, 1e-6));
        assertFalse(Reconciliation.close(Double.NaN, 0.0, 1.0));
        List<String> problems = new ArrayList<>();
        Reconciliation.requireClose(problems, "total_cost", Double.POSITIVE_INFINITY, "sum", 1.0, 0.005);
        assertEquals(List.of("total_cost is Infinity but the sum is 1"), problems);
    }

    @Test
    void moreThanFiveProblemsAreCutToFiveAndACount() {
        List<String> problems = List.of("a", "b", "c", "d", "e", "f", "g");
        assertEquals(List.of("a", "b", "c", "d", "e", "... 2 more"), Reconciliation.limit(problems));
        assertEquals(List.of("a"), Reconciliation.limit(List.of("a")));
    }
}
