package io.scenarioops.report.svg;

/** The charts' colours: distinct series colours, and a blue-to-red ramp for heat maps. */
final class Palette {
    private static final String[] SERIES = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
        "#b07aa1", "#9c755f"};

    private Palette() {
    }

    static String series(int index) {
        return SERIES[index % SERIES.length];
    }

    /** {@code share} 0 is blue (low), 1 is red (high). */
    static String ramp(double share) {
        double s = Math.max(0, Math.min(1, share));
        int r = (int) Math.round(49 + s * (215 - 49));
        int g = (int) Math.round(130 + s * (48 - 130) + 4 * s * (1 - s) * 90);
        int b = (int) Math.round(189 + s * (39 - 189));
        return String.format("#%02x%02x%02x", r, g, b);
    }
}
