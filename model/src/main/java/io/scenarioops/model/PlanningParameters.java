package io.scenarioops.model;

import io.scenarioops.model.json.PythonFloats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five planning parameters of {@code lp-v1} (docs/solvers.md), per scenario. Each is a
 * finite number {@code >= 0} smaller than 2^63 ({@link InputNumbers}); {@code site_share} must be
 * {@code > 0}, since a site that may deliver nothing leaves every order unmet. The toy solver ignores them: its overtime multiplier
 * is the seed's fixed 1.8.
 */
public record PlanningParameters(
        double overtimeMultiplier,
        double overtimeShare,
        double holdingCost,
        double unmetPenalty,
        double siteShare) {

    public static final PlanningParameters DEFAULTS = new PlanningParameters(1.8, 0.25, 0.5, 1000.0, 0.5);

    /** The parameters' names as scenario files, events and {@code --planning NAME=VALUE} spell them. */
    public static final List<String> NAMES =
            List.of("overtime_multiplier", "overtime_share", "holding_cost", "unmet_penalty", "site_share");

    private static final String FIELD_PREFIX = "planning.";

    public PlanningParameters {
        requireNonNegative("overtime_multiplier", overtimeMultiplier);
        requireNonNegative("overtime_share", overtimeShare);
        requireNonNegative("holding_cost", holdingCost);
        requireNonNegative("unmet_penalty", unmetPenalty);
        if (!(siteShare > 0.0 && Double.isFinite(siteShare))) {
            throw new InvalidInputException(FIELD_PREFIX + "site_share",
                    "must be a finite number > 0, got " + PythonFloats.repr(siteShare));
        }
        requireNonNegative("site_share", siteShare);
    }

    /**
     * The defaults with the given values replaced; a name outside {@link #NAMES} is refused, so a
     * misspelt parameter is not silently left at its default.
     */
    public static PlanningParameters of(Map<String, Double> values) {
        Map<String, Double> merged = new LinkedHashMap<>(DEFAULTS.asMap());
        values.forEach((name, value) -> {
            if (!NAMES.contains(name)) {
                throw new InvalidInputException(FIELD_PREFIX + name,
                        "unknown planning parameter (expected one of " + String.join(", ", NAMES) + ")");
            }
            merged.put(name, value);
        });
        return new PlanningParameters(merged.get("overtime_multiplier"), merged.get("overtime_share"),
                merged.get("holding_cost"), merged.get("unmet_penalty"), merged.get("site_share"));
    }

    /** Name to value, in {@link #NAMES} order. */
    public Map<String, Double> asMap() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("overtime_multiplier", overtimeMultiplier);
        values.put("overtime_share", overtimeShare);
        values.put("holding_cost", holdingCost);
        values.put("unmet_penalty", unmetPenalty);
        values.put("site_share", siteShare);
        return values;
    }

    private static void requireNonNegative(String name, double value) {
        InputNumbers.requireNonNegative(FIELD_PREFIX + name, value);
    }
}
