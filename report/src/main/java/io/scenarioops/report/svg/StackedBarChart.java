package io.scenarioops.report.svg;

import java.util.List;

/**
 * Horizontal bars, one per row, each the stack of its segments' values (negative values count as
 * zero), with a legend of the segments; an optional reference value is drawn as a red line
 * across all rows (e.g. utilisation 1.0).
 */
public final class StackedBarChart {
    static final int WIDTH = 760;
    static final int LABEL_WIDTH = 190;
    static final int ROW_HEIGHT = 18;
    static final int TOP = 28;
    static final int BOTTOM = 22;
    static final int RIGHT = 20;

    /** One bar: its label and one value per segment. */
    public record Row(String label, List<Double> values) {
    }

    private StackedBarChart() {
    }

    public static String render(String title, List<String> segments, List<Row> rows, Double reference) {
        int height = TOP + rows.size() * ROW_HEIGHT + BOTTOM;
        Svg svg = new Svg(WIDTH, height, title);
        double max = rows.stream().mapToDouble(StackedBarChart::total).max().orElse(0);
        if (reference != null) {
            max = Math.max(max, reference);
        }
        Axis x = Axis.of(0, max, LABEL_WIDTH, WIDTH - RIGHT);
        legend(svg, segments);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            double y = TOP + r * ROW_HEIGHT;
            svg.text(LABEL_WIDTH - 6, y + ROW_HEIGHT - 5, row.label(), "end");
            double left = 0;
            for (int s = 0; s < row.values().size(); s++) {
                double value = Math.max(0, row.values().get(s));
                svg.rect(x.pixel(left), y + 2, x.pixel(left + value) - x.pixel(left), ROW_HEIGHT - 4,
                        Palette.series(s), row.label() + " " + segments.get(s) + ": " + Axis.label(value));
                left += value;
            }
        }
        double axisY = TOP + rows.size() * ROW_HEIGHT;
        svg.line(LABEL_WIDTH, axisY, WIDTH - RIGHT, axisY, "#888");
        for (double tick : x.ticks()) {
            svg.text(x.pixel(tick), axisY + 15, Axis.label(tick), "middle");
        }
        if (reference != null) {
            svg.line(x.pixel(reference), TOP - 4, x.pixel(reference), axisY, "#d62728");
        }
        return svg.toString();
    }

    private static double total(Row row) {
        return row.values().stream().mapToDouble(v -> Math.max(0, v)).sum();
    }

    private static void legend(Svg svg, List<String> segments) {
        double x = LABEL_WIDTH;
        for (int s = 0; s < segments.size(); s++) {
            svg.rect(x, 6, 10, 10, Palette.series(s), null);
            svg.text(x + 14, 15, segments.get(s), "start");
            x += 24 + 7 * segments.get(s).length();
        }
    }
}
