package io.scenarioops.model;

import io.scenarioops.model.json.PythonFloats;

/**
 * The seed's three scenario knobs: multipliers on demand, on variable cost and on inbound plus
 * outbound logistics cost.
 */
public record Knobs(double demandScale, double variableCostScale, double logisticsCostScale) {

    public static final double MAX_SCALE = 100.0;

    public static final Knobs NEUTRAL = new Knobs(1.0, 1.0, 1.0);

    public Knobs {
        requireScale("knobs.demand_scale", demandScale);
        requireScale("knobs.variable_cost_scale", variableCostScale);
        requireScale("knobs.logistics_cost_scale", logisticsCostScale);
    }

    /**
     * The baseline as the seed's scenario sees it: every demand, variable cost and inbound and
     * outbound cost multiplied by its knob, without rounding. Capacity is left alone on purpose:
     * the seed derives it from the unscaled demand, so more demand means overtime, not more
     * capacity. The result shares no arrays with {@code baseline}.
     */
    public Baseline applyTo(Baseline baseline) {
        return new Baseline(
                baseline.seed(),
                baseline.orders(),
                baseline.sites(),
                baseline.lines(),
                baseline.periods(),
                scaled(baseline.demand(), demandScale),
                scaled(baseline.variableCost(), variableCostScale),
                copied(baseline.capacity()),
                scaled(baseline.inboundCost(), logisticsCostScale),
                scaled(baseline.outboundCost(), logisticsCostScale));
    }

    private static void requireScale(String field, double value) {
        if (!(value >= 0.0 && value <= MAX_SCALE)) {
            throw new InvalidInputException(
                    field, "must be a finite number within [0, 100], got " + PythonFloats.repr(value));
        }
    }

    private static double[][] scaled(double[][] values, double scale) {
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new double[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                out[i][j] = values[i][j] * scale;
            }
        }
        return out;
    }

    private static double[][] copied(double[][] values) {
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].clone();
        }
        return out;
    }

    private static double[][][] scaled(double[][][] values, double scale) {
        double[][][] out = new double[values.length][][];
        for (int i = 0; i < values.length; i++) {
            out[i] = scaled(values[i], scale);
        }
        return out;
    }
}
