package io.scenarioops.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Python numeric built-ins whose exact results the seed model depends on. */
public final class PyMath {
    /** Powers of ten a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private PyMath() {
    }

    /**
     * Python's {@code round(x, digits)} for floats: the exact binary value of {@code x} rounded to
     * {@code digits} decimals, ties to even, then the nearest double. Non-finite values pass
     * through unchanged, and a result of zero keeps the sign of {@code x} ({@code round(-0.001, 2)}
     * is {@code -0.0} in Python).
     *
     * <p>The exact decimal expansion costs microseconds and the model rounds thousands of values
     * per scenario, so it is taken only where double arithmetic cannot decide: {@code x * 10^digits}
     * is within half an ulp of the exact product, so unless the product lies within an ulp of a
     * half, it rounds to the same integer as the exact product; that integer divided by the exact
     * power of ten is then the correctly rounded double of the decimal, as Python's is.
     */
    public static double round(double x, int digits) {
        if (!Double.isFinite(x)) {
            return x;
        }
        if (digits >= 0 && digits < EXACT_POWERS_OF_TEN.length) {
            double scale = EXACT_POWERS_OF_TEN[digits];
            double scaled = x * scale;
            if (Math.abs(scaled) < 0x1p52) {
                double floor = Math.floor(scaled);
                double fraction = scaled - floor;
                if (Math.abs(fraction - 0.5) > Math.ulp(scaled)) {
                    double integer = fraction < 0.5 ? floor : floor + 1;
                    return Math.copySign(integer / scale, x);
                }
            }
        }
        return exactRound(x, digits);
    }

    static double exactRound(double x, int digits) {
        double rounded = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
        return Math.copySign(rounded, x);
    }
}
