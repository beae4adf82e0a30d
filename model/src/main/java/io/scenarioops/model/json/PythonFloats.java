package io.scenarioops.model.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floats written exactly as CPython writes them ({@code repr(float)}, which {@code json.dumps}
 * uses), so that JSON the seed wrote can be reproduced byte for byte.
 */
public final class PythonFloats {

    private static final MathContext FIFTEEN_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    private PythonFloats() {
    }

    /**
     * CPython's {@code repr(x)}: the shortest decimal that reads back as {@code x} (the nearest
     * one if several are that short), in fixed notation when {@code -4 <= exponent < 16} and in
     * Python's scientific notation ({@code 1e-05}, {@code 1.5e+16}) otherwise. Non-finite values
     * are spelled as {@code json.dumps} spells them: {@code NaN}, {@code Infinity},
     * {@code -Infinity}.
     */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0.0) {
            return Double.doubleToRawLongBits(x) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(Math.abs(x));
        String digits = shortest.unscaledValue().toString();
        int pointPosition = digits.length() - shortest.scale();
        String body = -4 < pointPosition && pointPosition <= 16
                ? fixed(digits, pointPosition)
                : scientific(digits, pointPosition - 1);
        return x < 0 ? "-" + body : body;
    }

    /**
     * Java 17's {@link Double#toString} is not always shortest, and simply rounding the exact
     * value to ever more digits is not either: just above a power of two the round-trip interval
     * is lopsided, so the nearest p-digit decimal may miss while the other neighbour hits
     * (2^-24 is 5.960464477539063e-08, not ...0625e-08). Both neighbours are therefore tried.
     */
    private static BigDecimal shortestRoundTrip(double magnitude) {
        BigDecimal exact = new BigDecimal(magnitude);
        int precision = 1;
        if (magnitude >= Double.MIN_NORMAL) {
            // A normal double is within 2^-53 (relative) of any decimal that reads back as it,
            // closer than half the spacing of 15-digit decimals; so if a decimal of at most 15
            // digits reads back, it is the 15-digit rounding with its trailing zeros dropped.
            // This skips 14 tries for most values; subnormals are too coarse for the argument.
            BigDecimal rounded = exact.round(FIFTEEN_DIGITS);
            if (rounded.doubleValue() == magnitude) {
                return rounded.stripTrailingZeros();
            }
            precision = 16;
        }
        for (; precision <= 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
            boolean downReadsBack = down.doubleValue() == magnitude;
            boolean upReadsBack = up.doubleValue() == magnitude;
            if (downReadsBack && upReadsBack) {
                return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            }
            if (downReadsBack) {
                return down.stripTrailingZeros();
            }
            if (upReadsBack) {
                return up.stripTrailingZeros();
            }
        }
        throw new AssertionError("17 significant digits always identify a double: " + magnitude);
    }

    private static String fixed(String digits, int pointPosition) {
        if (pointPosition <= 0) {
            return "0." + "0".repeat(-pointPosition) + digits;
        }
        if (pointPosition >= digits.length()) {
            return digits + "0".repeat(pointPosition - digits.length()) + ".0";
        }
        return digits.substring(0, pointPosition) + "." + digits.substring(pointPosition);
    }

    private static String scientific(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        int magnitude = Math.abs(exponent);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
    }
}
