package io.scenarioops.model;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The seed's {@code generate_baseline(seed)}, draw for draw: the same {@link PyRandom} calls in
 * the same order, the same double arithmetic and the same Python rounding, so that every value
 * equals the seed's bit for bit. Sized instances ({@link #generate(long, InstanceSize)}) make the
 * same draws over more or fewer orders and periods; the seed's size gives the seed's instance.
 */
public final class BaselineGenerator {

    public static final Component COMPONENT = new Component("seed-baseline", "1.0.0");

    public static final long DEFAULT_SEED = 7;

    public static final List<String> ORDERS = orders(InstanceSize.SEED);
    public static final List<String> SITES = List.of("DE_KA", "DE_ST", "PL_PO");
    public static final List<String> LINES = List.of("L1", "L2", "L3");
    public static final List<Integer> PERIODS = periods(InstanceSize.SEED);

    /** Each line's share of a period's capacity, in {@link #LINES} order. */
    private static final double[] LINE_SHARES = {0.40, 0.35, 0.25};

    private BaselineGenerator() {
    }

    /** The seed's instance: 20 orders over 8 periods. */
    public static Baseline generate(long seed) {
        return generate(seed, InstanceSize.SEED);
    }

    public static Baseline generate(long seed, InstanceSize size) {
        PyRandom random = new PyRandom(seed);
        int orders = size.orders();
        int sites = SITES.size();
        int lines = LINES.size();
        int periods = size.periods();

        double[][] demand = new double[orders][periods];
        for (int o = 0; o < orders; o++) {
            int base = random.randint(50, 200);
            for (int t = 0; t < periods; t++) {
                demand[o][t] = Math.max(0.0, base * (1.0 + 0.1 * (t % 3)) + random.randint(-10, 10));
            }
        }

        double[][] variableCost = new double[lines][periods];
        for (int l = 0; l < lines; l++) {
            double base = random.uniform(8.0, 15.0);
            for (int t = 0; t < periods; t++) {
                variableCost[l][t] = PyMath.round(base * (1.0 + 0.02 * t), 2);
            }
        }

        double[][] capacity = new double[lines][periods];
        for (int t = 0; t < periods; t++) {
            double periodDemand = 0.0;
            for (int o = 0; o < orders; o++) {
                periodDemand += demand[o][t];
            }
            double periodCapacity = periodDemand * 1.05;
            for (int l = 0; l < lines; l++) {
                capacity[l][t] = PyMath.round(periodCapacity * LINE_SHARES[l], 1);
            }
        }

        double[][][] inbound = new double[orders][sites][periods];
        double[][][] outbound = new double[orders][sites][periods];
        for (int o = 0; o < orders; o++) {
            for (int s = 0; s < sites; s++) {
                double baseIn = random.uniform(0.5, 2.0);
                double baseOut = random.uniform(0.8, 3.0);
                for (int t = 0; t < periods; t++) {
                    inbound[o][s][t] = PyMath.round(baseIn * (1.0 + 0.01 * t), 3);
                    outbound[o][s][t] = PyMath.round(baseOut * (1.0 + 0.01 * t), 3);
                }
            }
        }

        return new Baseline(seed, orders(size), SITES, LINES, periods(size), demand, variableCost, capacity, inbound,
                outbound);
    }

    private static List<String> orders(InstanceSize size) {
        return IntStream.range(0, size.orders()).mapToObj(size::orderName).toList();
    }

    private static List<Integer> periods(InstanceSize size) {
        return IntStream.range(0, size.periods()).boxed().toList();
    }
}
