package io.scenarioops.model;

import java.util.regex.Pattern;

/**
 * Validation of identifiers (scenario ids, run ids) that end up in object keys, topic keys and
 * file names, where anything outside the allowed alphabet could escape the run's own prefix.
 */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9_.-]{1,64}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);
    private static final int MAX_QUOTED_CODE_POINTS = 80;

    private Ids() {
    }

    /**
     * Returns {@code value} if it is a valid id, otherwise throws an {@link InvalidInputException}
     * for {@code field}. The rejected value is quoted with everything outside printable ASCII
     * escaped, and cut short when long, so that the message is safe to log and display.
     */
    public static String requireValidId(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, "is missing");
        }
        if (!COMPILED.matcher(value).matches()) {
            throw new InvalidInputException(field, "must match " + PATTERN + ", got " + quote(value));
        }
        // "." and ".." match the pattern but name the current and parent directory in a path.
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidInputException(field, "must not be '.' or '..'");
        }
        return value;
    }

    private static String quote(String value) {
        int codePoints = value.codePointCount(0, value.length());
        boolean truncated = codePoints > MAX_QUOTED_CODE_POINTS;
        String shown = truncated
                ? value.substring(0, value.offsetByCodePoints(0, MAX_QUOTED_CODE_POINTS))
                : value;
        StringBuilder out = new StringBuilder(shown.length() + 16).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append('"');
        if (truncated) {
            out.append("... (").append(codePoints).append(" characters)");
        }
        return out.toString();
    }
}
