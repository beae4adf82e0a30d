package io.scenarioops.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Python numeric built-ins whose exact results the seed model depends on. */
public final class PyMath {

    private PyMath() {
    }

    /**
     * Python's {@code round(x, digits)} for floats: the exact binary value of {@code x} rounded to
     * {@code digits} decimals, ties to even, then the nearest double. Non-finite values pass
     * through unchanged, and a result of zero keeps the sign of {@code x} ({@code round(-0.001, 2)}
     * is {@code -0.0} in Python).
     */
    public static double round(double x, int digits) {
        if (!Double.isFinite(x)) {
            return x;
        }
        double rounded = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
        return Math.copySign(rounded, x);
    }
}
