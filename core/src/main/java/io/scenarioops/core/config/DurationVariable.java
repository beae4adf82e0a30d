package io.scenarioops.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A positive duration from an environment variable: an ISO-8601 duration ({@code P7D},
 * {@code PT12H}) or a number with a unit ({@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}).
 */
public final class DurationVariable {
    private static final Pattern SHORT_FORM = Pattern.compile("([0-9]{1,9})([smhd])");

    private DurationVariable() {
    }

    /** The variable's duration, or {@code defaultValue} when it is unset or blank. */
    public static Duration fromEnv(Map<String, String> env, String variable, Duration defaultValue) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? defaultValue : parse(variable, value.trim());
    }

    /** @throws InvalidConfigurationException naming the variable when the text is no positive duration */
    public static Duration parse(String variable, String text) {
        Duration duration = shortForm(text);
        if (duration == null) {
            try {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(variable, text);
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalid(variable, text);
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

    private static InvalidConfigurationException invalid(String variable, String text) {
        return new InvalidConfigurationException(variable + " must be a positive duration such as 7d, 12h, 90s or P7D,"
                + " got '" + text + "'");
    }
}
