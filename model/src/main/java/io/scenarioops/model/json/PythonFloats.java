package io.scenarioops.model.json;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floats written exactly as CPython writes them ({@code repr(float)}, which {@code json.dumps}
 * uses), so that JSON the seed wrote can be reproduced byte for byte.
 */
public final class PythonFloats {

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
     * Java 17's {@link Double#toString} is not always shortest; Schubfach (Giulietti's algorithm,
     * Java 19's {@code Double.toString}, shipped in jackson-core) is, and among the shortest it
     * picks the one nearest {@code magnitude}, as CPython does. One difference: where a single
     * digit would read back, Schubfach still considers two-digit decimals and may pick a nearer
     * one ({@code 4.9E-324} for CPython's {@code 5e-324}), so a two-digit answer is checked
     * against its one-digit neighbours.
     */
    private static BigDecimal shortestRoundTrip(double magnitude) {
        BigDecimal shortest = new BigDecimal(DoubleToDecimal.toString(magnitude)).stripTrailingZeros();
        if (shortest.precision() == 2) {
            BigDecimal down = shortest.round(new MathContext(1, RoundingMode.DOWN));
            BigDecimal up = shortest.round(new MathContext(1, RoundingMode.UP));
            boolean downReadsBack = down.doubleValue() == magnitude;
            boolean upReadsBack = up.doubleValue() == magnitude;
            if (downReadsBack && upReadsBack) {
                // both read back: the nearer to the double's exact value, as CPython chooses
                BigDecimal exact = new BigDecimal(magnitude);
                return exact.subtract(down).compareTo(up.subtract(exact)) <= 0 ? down : up;
            }
            if (downReadsBack) {
                return down;
            }
            if (upReadsBack) {
                return up;
            }
        }
        return shortest;
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
