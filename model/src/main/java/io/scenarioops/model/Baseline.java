package io.scenarioops.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The synthetic planning data of the seed: demand per (order, period), variable cost and
 * capacity per (line, period), inbound and outbound logistics cost per (order, site, period).
 * Array indices follow the entity lists, e.g. {@code inboundCost[order][site][period]}.
 *
 * <p>The arrays are not copied on construction or access, so that a generated baseline can be
 * cached and shared cheaply; nobody may modify them. {@link Knobs#applyTo} returns fresh arrays.
 */
public record Baseline(
        long seed,
        List<String> orders,
        List<String> sites,
        List<String> lines,
        List<Integer> periods,
        double[][] demand,
        double[][] variableCost,
        double[][] capacity,
        double[][][] inboundCost,
        double[][][] outboundCost) {

    public Baseline {
        orders = List.copyOf(orders);
        sites = List.copyOf(sites);
        lines = List.copyOf(lines);
        periods = List.copyOf(periods);
        requireShape("demand", demand, orders.size(), periods.size());
        requireShape("variable_cost", variableCost, lines.size(), periods.size());
        requireShape("capacity", capacity, lines.size(), periods.size());
        requireShape("inbound_cost", inboundCost, orders.size(), sites.size(), periods.size());
        requireShape("outbound_cost", outboundCost, orders.size(), sites.size(), periods.size());
    }

    private static void requireShape(String name, double[][] values, int rows, int columns) {
        Objects.requireNonNull(values, name);
        if (values.length != rows) {
            throw new IllegalArgumentException(name + " has " + values.length + " rows, expected " + rows);
        }
        for (double[] row : values) {
            if (row == null || row.length != columns) {
                throw new IllegalArgumentException(name + " has a row that is not " + columns + " long");
            }
        }
    }

    private static void requireShape(String name, double[][][] values, int rows, int middle, int columns) {
        Objects.requireNonNull(values, name);
        if (values.length != rows) {
            throw new IllegalArgumentException(name + " has " + values.length + " rows, expected " + rows);
        }
        for (double[][] block : values) {
            requireShape(name, block, middle, columns);
        }
    }

    /** Value equality, which records do not give to array components. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Baseline that
                && seed == that.seed
                && orders.equals(that.orders)
                && sites.equals(that.sites)
                && lines.equals(that.lines)
                && periods.equals(that.periods)
                && Arrays.deepEquals(demand, that.demand)
                && Arrays.deepEquals(variableCost, that.variableCost)
                && Arrays.deepEquals(capacity, that.capacity)
                && Arrays.deepEquals(inboundCost, that.inboundCost)
                && Arrays.deepEquals(outboundCost, that.outboundCost);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, orders, sites, lines, periods,
                Arrays.deepHashCode(demand), Arrays.deepHashCode(variableCost), Arrays.deepHashCode(capacity),
                Arrays.deepHashCode(inboundCost), Arrays.deepHashCode(outboundCost));
    }

    @Override
    public String toString() {
        return "Baseline[seed=" + seed + ", orders=" + orders.size() + ", sites=" + sites + ", lines=" + lines
                + ", periods=" + periods.size() + "]";
    }
}
