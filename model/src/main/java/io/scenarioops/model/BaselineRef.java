package io.scenarioops.model;

import java.util.regex.Pattern;

/**
 * Where a planner's baseline file is, as events carry it (never the data): its sha256 and the
 * content-addressed key the sha256 gives, {@code baselines/sha256=<hash>/baseline.json}. A key
 * other than the one its hash gives is refused, so a reference cannot point a solver at any
 * other object of the bucket.
 */
public record BaselineRef(String key, String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public BaselineRef {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new InvalidInputException("baseline.sha256", "must be 64 lower-case hex digits, got "
                    + (sha256 == null ? "nothing" : PrintableText.quote(sha256)));
        }
        if (key == null || !key.equals(keyOf(sha256))) {
            throw new InvalidInputException("baseline.key", "must be " + keyOf(sha256) + ", the key of its sha256, got "
                    + (key == null ? "nothing" : PrintableText.quote(key)));
        }
    }

    public static BaselineRef of(String sha256) {
        return new BaselineRef(keyOf(sha256), sha256);
    }

    /** The object key of the baseline file with this sha256. */
    public static String keyOf(String sha256) {
        return "baselines/sha256=" + sha256 + "/baseline.json";
    }
}
