package io.scenarioops.model;

/**
 * How many orders and periods a generated baseline has. The seed's instance is
 * {@link #SEED}, 20 orders over 8 periods; other sizes follow the same draws in the same
 * sequence, with orders named {@code O} and their 1-based index zero-padded to
 * {@code max(3, digits(orders))}.
 */
public record InstanceSize(int orders, int periods) {
    public static final InstanceSize SEED = new InstanceSize(20, 8);
    public static final int MAX_ORDERS = 10_000;
    public static final int MAX_PERIODS = 520;

    public InstanceSize {
        if (orders < 1 || orders > MAX_ORDERS) {
            throw new InvalidInputException("orders", "must be an integer within [1, " + MAX_ORDERS + "], got " + orders);
        }
        if (periods < 1 || periods > MAX_PERIODS) {
            throw new InvalidInputException("periods",
                    "must be an integer within [1, " + MAX_PERIODS + "], got " + periods);
        }
    }

    /** {@code O001} ... for up to 999 orders, {@code O0001} ... for up to 9,999. */
    public String orderName(int index) {
        int width = Math.max(3, String.valueOf(orders).length());
        return "O" + String.format("%0" + width + "d", index + 1);
    }

    @Override
    public String toString() {
        return orders + "x" + periods;
    }
}
