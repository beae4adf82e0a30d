package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanningParametersTest {

    @Test
    void defaultsAreThoseOfTheLinearProgram() {
        assertEquals(new PlanningParameters(1.8, 0.25, 0.5, 1000.0, 0.5), PlanningParameters.DEFAULTS);
        assertEquals(PlanningParameters.DEFAULTS, PlanningParameters.of(Map.of()));
    }

    @Test
    void namedValuesReplaceTheirDefaultOnly() {
        PlanningParameters p = PlanningParameters.of(Map.of("overtime_share", 0.1, "unmet_penalty", 0.0));
        assertEquals(new PlanningParameters(1.8, 0.1, 0.5, 0.0, 0.5), p);
        assertEquals(0.1, p.asMap().get("overtime_share"), 0.0);
    }

    @Test
    void eachMustBeAFiniteNonNegativeNumber() {
        assertRejected("planning.overtime_share: must be a finite number >= 0, got -1.0", "overtime_share", -1.0);
        assertRejected("planning.holding_cost: must be a finite number >= 0, got NaN", "holding_cost", Double.NaN);
        assertRejected("planning.unmet_penalty: must be a finite number >= 0, got Infinity", "unmet_penalty",
                Double.POSITIVE_INFINITY);
        assertRejected("planning.site_share: must be a finite number > 0, got 0.0", "site_share", 0.0);
        assertRejected("planning.unmet_penalty: must be smaller than 2^63, got 1e+300", "unmet_penalty", 1e300);
        assertRejected("planning.site_share: must be smaller than 2^63, got 9.223372036854776e+18", "site_share",
                0x1p63);
        assertRejected("planning.site_share: must be a finite number > 0, got Infinity", "site_share",
                Double.POSITIVE_INFINITY);
        assertRejected("planning.overtime_multplier: unknown planning parameter (expected one of overtime_multiplier,"
                + " overtime_share, holding_cost, unmet_penalty, site_share)", "overtime_multplier", 2.0);
    }

    private static void assertRejected(String message, String name, double value) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PlanningParameters.of(Map.of(name, value)));
        assertEquals(message, e.getMessage());
    }
}
