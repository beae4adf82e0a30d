package io.scenarioops.model;

import java.util.regex.Pattern;

/**
 * Validation of identifiers (scenario ids, run ids) that end up in object keys, topic keys and
 * file names, where anything outside the allowed alphabet could escape the run's own prefix.
 */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9_.-]{1,64}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

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
            throw new InvalidInputException(field, "must match " + PATTERN + ", got " + PrintableText.quote(value));
        }
        // "." and ".." match the pattern but name the current and parent directory in a path.
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidInputException(field, "must not be '.' or '..'");
        }
        return value;
    }
}
