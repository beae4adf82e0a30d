package io.scenarioops.model;

/**
 * What the pipeline accepts as text: no control characters (U+0000 to U+001F and U+007F) and no
 * lone UTF-16 surrogates. PostgreSQL refuses U+0000 in text, and the rest have no business in ids,
 * labels or reasons that end up in logs, object keys and terminals.
 */
public final class PrintableText {
    private static final int MAX_QUOTED_CODE_POINTS = 80;

    private PrintableText() {
    }

    /**
     * Why {@code value} is not printable text, e.g. {@code control character U+0000 at index 3},
     * or {@code null} when it is. Indexes count UTF-16 units, as Java's {@code String} does.
     */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return String.format("control character U+%04X at index %d", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("lone surrogate U+%04X at index %d", (int) c, i);
            }
        }
        return null;
    }

    /** Throws an {@link InvalidInputException} for {@code field} unless {@code value} is printable text. */
    public static String requirePrintable(String field, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
        return value;
    }

    /**
     * {@code value} made printable and at most {@code maxChars} long: each control character and
     * lone surrogate becomes a space. For texts the pipeline writes itself, such as failure reasons
     * built from exception messages, which may span lines.
     */
    public static String printable(String value, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxChars));
        for (int i = 0; i < value.length() && out.length() < maxChars; i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                if (out.length() + 2 > maxChars) {
                    break;
                }
                out.append(c).append(value.charAt(++i));
            } else {
                out.append(c < 0x20 || c == 0x7F || Character.isSurrogate(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /**
     * {@code value} in double quotes with everything outside printable ASCII escaped, cut short
     * when long, so that a rejected value is safe to put in a log line or an error message.
     */
    public static String quote(String value) {
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
