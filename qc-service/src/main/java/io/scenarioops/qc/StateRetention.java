package io.scenarioops.qc;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long QC keeps a run's state after the run last changed (completed, as a rule): env
 * {@value #VARIABLE}, an ISO-8601 duration ({@code P7D}, {@code PT12H}) or a number with a unit
 * ({@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}); {@link #DEFAULT} when unset.
 */
public final class StateRetention {
    public static final String VARIABLE = "QC_STATE_RETENTION";
    public static final Duration DEFAULT = Duration.ofDays(7);

    private static final Pattern SHORT_FORM = Pattern.compile("([0-9]{1,9})([smhd])");

    private StateRetention() {
    }

    public static Duration fromEnv(Map<String, String> env) {
        String value = env.get(VARIABLE);
        return value == null || value.isBlank() ? DEFAULT : parse(value.trim());
    }

    static Duration parse(String text) {
        Duration duration = shortForm(text);
        if (duration == null) {
            try {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalid(text);
        }
        return duration;
    }

    private static Duration shortForm(String text) {
        Matcher m = SHORT_FORM.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(VARIABLE + " must be a positive duration such as 7d, 12h or P7D, got '"
                + text + "'");
    }
}
