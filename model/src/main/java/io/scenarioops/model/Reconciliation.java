package io.scenarioops.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * How figures that must agree are compared, and how a disagreement is worded: for QC's checks and
 * the audit of an lp-v1 plan. Each comparison allows an absolute tolerance that comes from how the
 * figures were rounded, plus {@link #RELATIVE_ROUND_OFF} of their size, since a double holds about
 * 16 significant digits: a total of 8e14 cannot be exact to the cent, nor a quantity of 4e10 to the
 * millionth.
 */
public final class Reconciliation {
    /**
     * The share of a figure by which sums of thousands of doubles may drift (each addition is exact
     * to 1.1e-16 of its result). Far below anything a planner reads, so it hides no real mismatch.
     */
    public static final double RELATIVE_ROUND_OFF = 1e-12;
    private static final int PROBLEMS_SHOWN = 5;

    private Reconciliation() {
    }

    /** The tolerance for figures of about {@code magnitude}: {@code absolute} plus their round-off. */
    public static double slack(double absolute, double magnitude) {
        return absolute + 1e-9 + RELATIVE_ROUND_OFF * Math.abs(magnitude);
    }

    /** Whether two finite figures agree within {@code absolute} plus their round-off; never for NaN or infinity. */
    public static boolean close(double actual, double expected, double absolute) {
        return Double.isFinite(actual) && Double.isFinite(expected)
                && Math.abs(actual - expected) <= slack(absolute, Math.max(Math.abs(actual), Math.abs(expected)));
    }

    /** Adds {@code "<field> is <actual> but the <what> is <expected>"} unless the two are {@link #close}. */
    public static void requireClose(List<String> problems, String field, double actual, String what,
            double expected, double absolute) {
        if (!close(actual, expected, absolute)) {
            problems.add(field + " is " + actual + " but the " + what + " is " + rounded(expected));
        }
    }

    /** The first few problems and how many more there are: a check's detail stays readable. */
    public static List<String> limit(List<String> problems) {
        if (problems.size() <= PROBLEMS_SHOWN) {
            return problems;
        }
        List<String> first = new ArrayList<>(problems.subList(0, PROBLEMS_SHOWN));
        first.add("... " + (problems.size() - PROBLEMS_SHOWN) + " more");
        return first;
    }

    /** A figure to six decimals, as the messages quote expected values. */
    public static String rounded(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
