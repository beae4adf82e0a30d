package io.scenarioops.model;

import io.scenarioops.model.json.PythonFloats;

/**
 * The rule for the numbers a planner gives (baseline values, planning parameters): finite, not
 * negative, and smaller than 2^63, the largest magnitude an event carries. A larger value would pass
 * here and then make every scenario fail in the solver with a reason that names an event's field
 * instead of the planner's.
 */
public final class InputNumbers {
    /** 2^63: events refuse numbers of this magnitude and more (see the events module's codec). */
    public static final double LIMIT = 0x1p63;

    private InputNumbers() {
    }

    /** {@code value} when it is a finite number {@code >= 0} below {@link #LIMIT}; else refused on {@code field}. */
    public static double requireNonNegative(String field, double value) {
        return requireNonNegative(field, value, PythonFloats.repr(value));
    }

    /** The same, with the value as the input spelt it (say {@code "1.0"}, a string where a number is due). */
    public static double requireNonNegative(String field, double value, String asGiven) {
        if (!(value >= 0.0 && Double.isFinite(value))) {
            throw new InvalidInputException(field, "must be a finite number >= 0, got " + asGiven);
        }
        if (value >= LIMIT) {
            // 9223372036854775807 < 2^63, but read as a double it is 2^63
            String asDouble = PythonFloats.repr(value);
            throw new InvalidInputException(field, "must be smaller than 2^63, got " + asGiven
                    + (asDouble.equals(asGiven) ? "" : " (" + asDouble + " as a double)"));
        }
        return value;
    }
}
