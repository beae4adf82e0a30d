package io.scenarioops.producer;

import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios from knob ranges: {@code demand_scale=0.5:1.5:0.1} (start, stop inclusive, step) or a
 * single value {@code variable_cost_scale=1.1}. Several ranges make a grid, the first named varying
 * slowest; knobs not named stay 1. Steps are exact decimals, so 0.5 + 3 × 0.1 is 0.8, not
 * 0.8000000000000002. Scenario ids are {@code sweep_00000}, ..., the notes name the knob values.
 */
public final class Sweep {
    private static final String OPTION = "--sweep";
    private static final List<String> KNOBS = List.of("demand_scale", "variable_cost_scale", "logistics_cost_scale");

    private Sweep() {
    }

    /** The command line's sweep: errors name {@code --sweep}. */
    public static List<ScenarioDefinition> scenarios(List<String> ranges) {
        return scenarios(OPTION, ranges);
    }

    /** The sweep given as {@code field} (the option, or an API request's field): errors name it. */
    public static List<ScenarioDefinition> scenarios(String field, List<String> ranges) {
        Map<String, List<BigDecimal>> values = new LinkedHashMap<>();
        long combinations = 1;
        for (String range : ranges) {
            int equals = range.indexOf('=');
            String knob = equals < 0 ? range : range.substring(0, equals).strip();
            if (equals < 0 || !KNOBS.contains(knob)) {
                throw new InvalidInputException(field, "expected KNOB=START:STOP:STEP or KNOB=VALUE with KNOB one of "
                        + String.join(", ", KNOBS) + ", got \"" + range + "\"");
            }
            if (values.containsKey(knob)) {
                throw new InvalidInputException(field, knob + " is given twice");
            }
            List<BigDecimal> knobValues = values(field, knob, range.substring(equals + 1).strip());
            values.put(knob, knobValues);
            combinations *= knobValues.size();
            if (combinations > RunPlan.MAX_SCENARIOS) {
                throw new InvalidInputException(field, "the sweep has more than " + RunPlan.MAX_SCENARIOS
                        + " scenarios, the most a run may have");
            }
        }
        if (values.isEmpty()) {
            throw new InvalidInputException(field, "names no knob");
        }
        List<Map<String, BigDecimal>> grid = new ArrayList<>(List.of(Map.of()));
        values.forEach((knob, knobValues) -> {
            List<Map<String, BigDecimal>> next = new ArrayList<>();
            for (Map<String, BigDecimal> point : grid) {
                for (BigDecimal value : knobValues) {
                    Map<String, BigDecimal> extended = new LinkedHashMap<>(point);
                    extended.put(knob, value);
                    next.add(extended);
                }
            }
            grid.clear();
            grid.addAll(next);
        });
        String idFormat = "sweep_%0" + Math.max(5, Integer.toString(grid.size() - 1).length()) + "d";
        List<ScenarioDefinition> scenarios = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            Map<String, BigDecimal> point = grid.get(i);
            BigDecimal[] scales = KNOBS.stream().map(k -> point.getOrDefault(k, BigDecimal.ONE))
                    .toArray(BigDecimal[]::new);
            Knobs knobs = knobs(field, scales);
            scenarios.add(new ScenarioDefinition(String.format(idFormat, i), knobs, notes(scales)));
        }
        return scenarios;
    }

    private static List<BigDecimal> values(String field, String knob, String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new InvalidInputException(field, knob + ": expected START:STOP:STEP or one value, got \"" + spec
                    + "\"");
        }
        BigDecimal start = number(field, knob, parts[0]);
        if (parts.length == 1) {
            return List.of(start);
        }
        BigDecimal stop = number(field, knob, parts[1]);
        BigDecimal step = number(field, knob, parts[2]);
        if (step.signum() <= 0) {
            throw new InvalidInputException(field, knob + ": the step must be positive, got " + parts[2]);
        }
        if (start.compareTo(stop) > 0) {
            throw new InvalidInputException(field, knob + ": the start " + parts[0] + " is after the stop " + parts[1]);
        }
        List<BigDecimal> values = new ArrayList<>();
        for (BigDecimal v = start; v.compareTo(stop) <= 0; v = v.add(step)) {
            values.add(v);
            if (values.size() > RunPlan.MAX_SCENARIOS) {
                throw new InvalidInputException(field, knob + ": more than " + RunPlan.MAX_SCENARIOS + " values");
            }
        }
        return values;
    }

    private static BigDecimal number(String field, String knob, String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, knob + ": \"" + text + "\" is not a number");
        }
    }

    private static Knobs knobs(String field, BigDecimal[] scales) {
        try {
            return new Knobs(scales[0].doubleValue(), scales[1].doubleValue(), scales[2].doubleValue());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    private static String notes(BigDecimal[] scales) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < KNOBS.size(); k++) {
            parts.add(KNOBS.get(k) + "=" + scales[k].stripTrailingZeros().toPlainString());
        }
        return "sweep: " + String.join(", ", parts);
    }
}
