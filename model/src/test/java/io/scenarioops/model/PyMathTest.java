package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

// Expected values are CPython's round(x, d).
class PyMathTest {

    @Test
    void roundsTheExactBinaryValueHalfToEven() {
        assertEquals(2.67, PyMath.round(2.675, 2), 0.0); // 2.675 is stored just below 2.675
        assertEquals(0.12, PyMath.round(0.125, 2), 0.0); // exact tie, to even
        assertEquals(0.38, PyMath.round(0.375, 2), 0.0);
        assertEquals(-2.0, PyMath.round(-2.5, 0), 0.0);
        assertEquals(147.2, PyMath.round(147.20000000000002, 2), 0.0);
        assertEquals(1230.0, PyMath.round(1234.5, -1), 0.0);
        assertEquals(1e300, PyMath.round(1e300, 2), 0.0);
    }

    @Test
    void zeroKeepsTheSignOfTheInput() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(PyMath.round(-0.001, 2)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(PyMath.round(0.001, 2)));
    }

    @Test
    void nonFiniteValuesPassThrough() {
        assertEquals(Double.NaN, PyMath.round(Double.NaN, 2), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, PyMath.round(Double.POSITIVE_INFINITY, 2), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, PyMath.round(Double.NEGATIVE_INFINITY, 2), 0.0);
    }

    /** The fast path must agree bit for bit with the exact expansion wherever it answers. */
    @Test
    void agreesWithTheExactExpansionOnRandomValuesAndNearTies() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 500_000; i++) {
            int digits = random.nextInt(0, 9);
            double magnitude = Math.pow(10, random.nextInt(-6, 13));
            double x = (random.nextDouble() - 0.3) * magnitude;
            assertSameDouble(PyMath.exactRound(x, digits), PyMath.round(x, digits), x, digits);
            // decimals ending in 5 one place beyond the rounding: the doubles nearest a tie
            double nearTie = (Math.floor(x * Math.pow(10, digits)) + 0.5) / Math.pow(10, digits);
            assertSameDouble(PyMath.exactRound(nearTie, digits), PyMath.round(nearTie, digits), nearTie, digits);
            double neighbour = random.nextBoolean() ? Math.nextUp(nearTie) : Math.nextDown(nearTie);
            assertSameDouble(PyMath.exactRound(neighbour, digits), PyMath.round(neighbour, digits), neighbour, digits);
        }
    }

    private static void assertSameDouble(double expected, double actual, double x, int digits) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "round(" + x + ", " + digits + "): expected " + expected + ", got " + actual);
    }
}
