package io.scenarioops.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PythonFloatsTest {

    /** CPython 3.11 {@code repr(float(s))} is {@code s} for each of these. */
    @ParameterizedTest
    @ValueSource(strings = {
        "0.30000000000000004", "1e+16", "1e-05", "123456789012345.6", "147.20000000000002", "2.0", "5e-324",
        "1.7976931348623157e+308", "0.1", "0.3333333333333333", "0.6666666666666666", "100.0",
        "1000000000000000.0", "9999999999999998.0", "1e+22", "1e+23", "0.0001", "0.00012345", "1.5e+16",
        "-2.5e-07", "2.2250738585072014e-308", "2.225073858507201e-308", "9007199254740992.0",
        "9007199254740994.0", "123456.789", "9.999999999999999e-05", "0.3", "1.1", "0.8", "4.35", "332961.19",
        "5e-310", "1e+100", "1.7976931348623155e+308", "1.2345678901234567e+19", "0.5", "3.141592653589793",
        "1.0000000000000002", "0.9999999999999999", "4294967296.0", "1e-07", "-1.0", "-0.0001", "-123.45",
        // just above a power of two the nearest 16-digit decimal does not read back, the one above does
        "5.960464477539063e-08", "5.684341886080802e-14", "6.189700196426902e+26", "7.120236347223045e-307"
    })
    void matchesCPythonRepr(String python) {
        assertEquals(python, PythonFloats.repr(Double.parseDouble(python)));
    }

    /**
     * 8,998 doubles CPython 3.11 wrote (random bit patterns, cents, six-decimal costs, one- and
     * two-digit decimals across the exponent range), each with its {@code repr}.
     */
    @Test
    void matchesCPythonOnEveryValueOfItsGoldenFile() throws IOException {
        int checked = 0;
        try (InputStream in = PythonFloatsTest.class.getResourceAsStream("cpython-repr.txt");
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] bitsAndRepr = line.split(" ");
                double x = Double.longBitsToDouble(Long.parseUnsignedLong(bitsAndRepr[0], 16));
                assertEquals(bitsAndRepr[1], PythonFloats.repr(x), bitsAndRepr[0]);
                checked++;
            }
        }
        assertEquals(8_998, checked);
    }

    @Test
    void computedValuesMatchCPython() {
        assertEquals("0.30000000000000004", PythonFloats.repr(0.1 + 0.2));
        assertEquals("0.8", PythonFloats.repr(1.8 - 1.0));
        assertEquals("5.960464477539063e-08", PythonFloats.repr(Math.scalb(1.0, -24)));
        assertEquals("5e-324", PythonFloats.repr(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PythonFloats.repr(Double.MAX_VALUE));
        assertEquals("2.2250738585072014e-308", PythonFloats.repr(Double.MIN_NORMAL));
    }

    @Test
    void zerosAndNonFiniteValuesAreSpelledLikeJsonDumps() {
        assertEquals("0.0", PythonFloats.repr(0.0));
        assertEquals("-0.0", PythonFloats.repr(-0.0));
        assertEquals("NaN", PythonFloats.repr(Double.NaN));
        assertEquals("Infinity", PythonFloats.repr(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", PythonFloats.repr(Double.NEGATIVE_INFINITY));
    }

    @Test
    void switchesToExponentNotationWhereCPythonDoes() {
        assertEquals("0.0001", PythonFloats.repr(1e-4));
        assertEquals("1e-05", PythonFloats.repr(1e-5));
        assertEquals("1234567890123456.0", PythonFloats.repr(1234567890123456.0));
        assertEquals("1.2345678901234568e+16", PythonFloats.repr(12345678901234567.0));
    }

    private static final Pattern PYTHON_FLOAT =
            Pattern.compile("-?(?:\\d+\\.\\d+|\\d(?:\\.\\d+)?e[+-]\\d{2,3})");

    @Test
    void everyFiniteDoubleReadsBackExactly() {
        SplittableRandom random = new SplittableRandom(20240501);
        int checked = 0;
        while (checked < 100_000) {
            double x = checked % 2 == 0
                    ? Double.longBitsToDouble(random.nextLong())
                    : random.nextDouble(-1e6, 1e6);
            if (!Double.isFinite(x)) {
                continue;
            }
            String repr = PythonFloats.repr(x);
            assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(Double.parseDouble(repr)), repr);
            assertTrue(PYTHON_FLOAT.matcher(repr).matches(), repr);
            checked++;
        }
    }

    /**
     * The digits agree with a search that needs no cleverness: round the exact binary value to 1,
     * 2, … 17 significant digits, both ways, until a decimal reads back (the nearer if both do).
     */
    @Test
    void digitsAreTheShortestThatReadBackNearestFirst() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 200_000; i++) {
            double x = i % 3 == 0 ? Math.abs(Double.longBitsToDouble(random.nextLong()))
                    : i % 3 == 1 ? random.nextDouble(0, 1e6)
                    : Math.round(random.nextDouble(0, 1e8)) / 100.0 * 1.1;
            if (!Double.isFinite(x) || x == 0) {
                continue;
            }
            BigDecimal expected = shortestBySearch(x);
            assertEquals(0, expected.compareTo(new BigDecimal(PythonFloats.repr(x))),
                    () -> "repr(" + x + ") = " + PythonFloats.repr(x) + ", expected " + expected);
        }
    }

    private static BigDecimal shortestBySearch(double magnitude) {
        BigDecimal exact = new BigDecimal(magnitude);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
            boolean downReadsBack = down.doubleValue() == magnitude;
            boolean upReadsBack = up.doubleValue() == magnitude;
            if (downReadsBack && upReadsBack) {
                return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            }
            if (downReadsBack) {
                return down;
            }
            if (upReadsBack) {
                return up;
            }
        }
        throw new AssertionError("17 significant digits always identify a double: " + magnitude);
    }
}
