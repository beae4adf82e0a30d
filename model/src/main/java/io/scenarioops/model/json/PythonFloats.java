package io.scenarioops.model.json;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.BigInteger;
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
        Decimal shortest = shortestRoundTrip(Math.abs(x));
        String body = -4 < shortest.pointPosition() && shortest.pointPosition() <= 16
                ? fixed(shortest.digits(), shortest.pointPosition())
                : scientific(shortest.digits(), shortest.pointPosition() - 1);
        return x < 0 ? "-" + body : body;
    }

    /**
     * A positive decimal {@code 0.digits × 10^pointPosition}: {@code digits} without leading or
     * trailing zeros, {@code pointPosition} how many of them stand before the decimal point
     * (negative or past the end when zeros are to be filled in).
     */
    private record Decimal(String digits, int pointPosition) {
        /**
         * Schubfach's spelling ({@code 123.45}, {@code 1.0E-5}, {@code 4.9E-324}), read as
         * characters: a {@link BigDecimal} and its unscaled value's {@code toString} cost most
         * of writing an lp-v1 plan's tables, which hold hundreds of thousands of numbers.
         */
        static Decimal parse(String javaSpelling) {
            int e = javaSpelling.indexOf('E');
            int exponent = e < 0 ? 0 : Integer.parseInt(javaSpelling, e + 1, javaSpelling.length(), 10);
            int mantissaEnd = e < 0 ? javaSpelling.length() : e;
            int dot = javaSpelling.indexOf('.');
            StringBuilder digits = new StringBuilder(mantissaEnd);
            digits.append(javaSpelling, 0, dot).append(javaSpelling, dot + 1, mantissaEnd);
            int pointPosition = dot + exponent;
            int first = 0;
            while (first < digits.length() - 1 && digits.charAt(first) == '0') {
                first++;
            }
            int end = digits.length();
            while (end > first + 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(digits.substring(first, end), pointPosition - first);
        }

        static Decimal of(BigDecimal value) {
            BigDecimal stripped = value.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Decimal(digits, digits.length() - stripped.scale());
        }

        BigDecimal toBigDecimal() {
            return new BigDecimal(new BigInteger(digits), digits.length() - pointPosition);
        }
    }

    /**
     * Java 17's {@link Double#toString} is not always shortest; Schubfach (Giulietti's algorithm,
     * Java 19's {@code Double.toString}, shipped in jackson-core) is, and among the shortest it
     * picks the one nearest {@code magnitude}, as CPython does. One difference: where a single
     * digit would read back, Schubfach still considers two-digit decimals and may pick a nearer
     * one ({@code 4.9E-324} for CPython's {@code 5e-324}), so a two-digit answer is checked
     * against its one-digit neighbours.
     */
    private static Decimal shortestRoundTrip(double magnitude) {
        Decimal shortest = Decimal.parse(DoubleToDecimal.toString(magnitude));
        if (shortest.digits().length() == 2) {
            BigDecimal twoDigits = shortest.toBigDecimal();
            BigDecimal down = twoDigits.round(new MathContext(1, RoundingMode.DOWN));
            BigDecimal up = twoDigits.round(new MathContext(1, RoundingMode.UP));
            boolean downReadsBack = down.doubleValue() == magnitude;
            boolean upReadsBack = up.doubleValue() == magnitude;
            if (downReadsBack && upReadsBack) {
                // both read back: the nearer to the double's exact value, as CPython chooses
                BigDecimal exact = new BigDecimal(magnitude);
                return Decimal.of(exact.subtract(down).compareTo(up.subtract(exact)) <= 0 ? down : up);
            }
            if (downReadsBack) {
                return Decimal.of(down);
            }
            if (upReadsBack) {
                return Decimal.of(up);
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
