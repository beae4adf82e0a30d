package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KnobsTest {

    static Stream<Arguments> eachKnob() {
        return Stream.of(
                Arguments.of("knobs.demand_scale", (DoubleFunction<Knobs>) v -> new Knobs(v, 1.0, 1.0)),
                Arguments.of("knobs.variable_cost_scale", (DoubleFunction<Knobs>) v -> new Knobs(1.0, v, 1.0)),
                Arguments.of("knobs.logistics_cost_scale", (DoubleFunction<Knobs>) v -> new Knobs(1.0, 1.0, v)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachKnob")
    void rejectsNonFiniteAndOutOfRangeValuesNamingTheField(String field, DoubleFunction<Knobs> knobs) {
        assertRejected(field, knobs, Double.NaN, "NaN");
        assertRejected(field, knobs, Double.POSITIVE_INFINITY, "Infinity");
        assertRejected(field, knobs, Double.NEGATIVE_INFINITY, "-Infinity");
        assertRejected(field, knobs, -0.5, "-0.5");
        assertRejected(field, knobs, -Double.MIN_VALUE, "-5e-324");
        assertRejected(field, knobs, 100.00000000000001, "100.00000000000001");
        assertRejected(field, knobs, 1e300, "1e+300");
    }

    private static void assertRejected(String field, DoubleFunction<Knobs> knobs, double value, String shown) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> knobs.apply(value));
        assertEquals(field, e.field());
        assertEquals("must be a finite number within [0, 100], got " + shown, e.reason());
        assertEquals(field + ": must be a finite number within [0, 100], got " + shown, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachKnob")
    void acceptsTheBoundsOfTheRange(String field, DoubleFunction<Knobs> knobs) {
        assertDoesNotThrow(() -> knobs.apply(0.0));
        assertDoesNotThrow(() -> knobs.apply(100.0));
        assertDoesNotThrow(() -> knobs.apply(Double.MIN_VALUE));
    }

    @Test
    void neutralIsAllOnes() {
        assertEquals(new Knobs(1.0, 1.0, 1.0), Knobs.NEUTRAL);
    }

    @Test
    void applyScalesDemandCostsAndLogisticsButNotCapacity() {
        Baseline base = BaselineGenerator.generate(7);
        Baseline scaled = new Knobs(1.1, 1.2, 1.3).applyTo(base);

        assertEquals(base.demand()[4][5] * 1.1, scaled.demand()[4][5], 0.0);
        assertEquals(base.variableCost()[2][7] * 1.2, scaled.variableCost()[2][7], 0.0);
        assertEquals(base.inboundCost()[19][1][3] * 1.3, scaled.inboundCost()[19][1][3], 0.0);
        assertEquals(base.outboundCost()[0][2][0] * 1.3, scaled.outboundCost()[0][2][0], 0.0);
        for (int l = 0; l < base.lines().size(); l++) {
            assertArrayEquals(base.capacity()[l], scaled.capacity()[l]);
        }
        assertEquals(base.seed(), scaled.seed());
        assertEquals(base.orders(), scaled.orders());
    }

    @Test
    void applySharesNoArraysWithTheInput() {
        Baseline base = BaselineGenerator.generate(7);
        Baseline copy = Knobs.NEUTRAL.applyTo(base);
        assertEquals(base, copy);
        assertNotSame(base.demand()[0], copy.demand()[0]);
        assertNotSame(base.capacity()[0], copy.capacity()[0]);
        assertNotSame(base.inboundCost()[0][0], copy.inboundCost()[0][0]);
        assertSame(base.orders(), copy.orders());
    }
}
