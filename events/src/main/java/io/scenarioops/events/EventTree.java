package io.scenarioops.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.model.PrintableText;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules every event obeys whatever its type, checked in one walk over the parsed document
 * before the schema sees it: every string is printable text of bounded length, every array and
 * object has a bounded number of entries, every number is in range, {@code dt} is a real
 * calendar date and every {@code *_utc} field a real RFC 3339 timestamp. What passes can be
 * written to PostgreSQL as it is: no U+0000 in text, no infinite doubles or integers beyond bigint, dates and timestamps
 * that {@link LocalDate#parse} and {@link OffsetDateTime#parse} (the run store's readers) accept.
 * The schemas add tighter limits per field.
 */
final class EventTree {
    /** The longest legitimate string: a failure reason. */
    static final int MAX_STRING_CHARS = StageFailure.MAX_REASON_CHARS;
    /** The largest legitimate array: run-completed's verdicts, one per scenario, at most 10,000 a run. */
    static final int MAX_ENTRIES = 10_000;

    private static final String DATE_FIELD = "dt";
    private static final String TIMESTAMP_SUFFIX = "_utc";
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** RFC 3339's date-time, upper-case T and Z, as the run store's parser wants it. */
    private static final Pattern TIMESTAMP =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})");

    private EventTree() {
    }

    /** Throws an {@link InvalidEventException} naming the path of the first value that breaks a rule. */
    static void check(String eventType, JsonNode root) {
        String problem = problem(Location.ROOT, root);
        if (problem != null) {
            throw new InvalidEventException(eventType, problem);
        }
    }

    /**
     * Where a value sits, rendered ({@code fact_production[3].quantity}) only for a message: an
     * event has thousands of values and almost never a problem.
     */
    private record Location(Location parent, String field, int index) {
        static final Location ROOT = new Location(null, null, -1);

        Location field(String name) {
            return new Location(this, name, -1);
        }

        Location element(int i) {
            return new Location(this, null, i);
        }

        boolean isRoot() {
            return parent == null;
        }

        @Override
        public String toString() {
            if (isRoot()) {
                return "";
            }
            String above = parent.toString();
            if (field == null) {
                return above + "[" + index + "]";
            }
            return above.isEmpty() ? field : above + "." + field;
        }

        String at() {
            return isRoot() ? "(event)" : toString();
        }
    }

    private static String problem(Location location, JsonNode node) {
        if (node.isTextual()) {
            return textProblem(location, "", node.textValue());
        }
        if (node.isNumber()) {
            return isInRange(node) ? null : location.at() + ": number out of range";
        }
        if (node.size() > MAX_ENTRIES) {
            return location.at() + ": " + node.size() + " entries, more than the " + MAX_ENTRIES + " allowed";
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String problem = problem(location.element(i), node.get(i));
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String problem = fieldProblem(location, field.getKey(), field.getValue());
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String fieldProblem(Location parent, String name, JsonNode value) {
        String nameProblem = textProblem(parent, " field name", name);
        if (nameProblem != null) {
            return nameProblem;
        }
        Location location = parent.field(name);
        if (value.isTextual() && name.equals(DATE_FIELD) && !isDate(value.textValue())) {
            return location + ": expected a calendar date YYYY-MM-DD, got " + PrintableText.quote(value.textValue());
        }
        if (value.isTextual() && name.endsWith(TIMESTAMP_SUFFIX) && !isTimestamp(value.textValue())) {
            return location + ": expected an RFC 3339 timestamp with an offset (e.g. 2024-05-01T09:00:00.000000+00:00),"
                    + " got " + PrintableText.quote(value.textValue());
        }
        return problem(location, value);
    }

    /** @param what {@code ""} for a value, {@code " field name"} for the name of a field at {@code location} */
    private static String textProblem(Location location, String what, String text) {
        if (text.length() > MAX_STRING_CHARS) {
            return describe(location, what) + ": " + text.length() + " characters, more than the " + MAX_STRING_CHARS
                    + " allowed";
        }
        String problem = PrintableText.problem(text);
        return problem == null ? null : describe(location, what) + ": " + problem;
    }

    private static String describe(Location location, String what) {
        return what.isEmpty() ? location.toString() : location.at() + what;
    }

    /**
     * Integers within a long (PostgreSQL's bigint), other numbers finite and smaller in magnitude
     * than 2^63: no legitimate value comes near, and the schema validator cannot compare an
     * integral double beyond a long with a bound.
     */
    private static boolean isInRange(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong();
        }
        return isInRange(number.doubleValue());
    }

    /** A double an event may carry; {@link EventCodec} refuses to write any other. */
    static boolean isInRange(double value) {
        return Double.isFinite(value) && Math.abs(value) < 0x1p63;
    }

    private static boolean isDate(String text) {
        if (!DATE.matcher(text).matches()) {
            return false;
        }
        try {
            LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isTimestamp(String text) {
        if (!TIMESTAMP.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
