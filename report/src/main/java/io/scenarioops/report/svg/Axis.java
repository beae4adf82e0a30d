package io.scenarioops.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear map from data values to pixels, and its ticks: {@code from}..{@code to} in data is drawn
 * at {@code start}..{@code end} in the SVG. An empty or one-value range is widened, so that a flat
 * line is still drawn in the middle.
 */
record Axis(double from, double to, double start, double end) {
    static final int TICKS = 5;

    static Axis of(double min, double max, double start, double end) {
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.05;
            return new Axis(min - pad, max + pad, start, end);
        }
        return new Axis(min, max, start, end);
    }

    double pixel(double value) {
        return start + (value - from) / (to - from) * (end - start);
    }

    /** {@value #TICKS} evenly spaced values from {@code from} to {@code to}. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i < TICKS; i++) {
            ticks.add(from + (to - from) * i / (TICKS - 1));
        }
        return ticks;
    }

    /** A short label: {@code 1.2M}, {@code 332.9k}, {@code 0.95}. */
    static String label(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (abs >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", value / 1e3);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
