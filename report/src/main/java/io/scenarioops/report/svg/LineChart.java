package io.scenarioops.report.svg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One value over a numeric x, one line per series, with axes and a legend. A series longer than
 * {@link #MAX_POINTS} is thinned to the lowest and highest value of each of
 * {@code MAX_POINTS / 2} x-buckets, which keeps the curve's shape and peaks while a 10,000-point
 * sweep stays a few kilobytes.
 */
public final class LineChart {
    static final int WIDTH = 360;
    static final int HEIGHT = 220;
    static final int LEFT = 56;
    static final int RIGHT = 12;
    static final int TOP = 24;
    static final int BOTTOM = 34;
    static final int MAX_POINTS = 400;

    public record Series(String name, List<XY> points) {
    }

    /** A data point. */
    public record XY(double x, double y) {
    }

    private LineChart() {
    }

    public static String render(String title, String xLabel, List<Series> series) {
        Svg svg = new Svg(WIDTH, HEIGHT, title);
        List<XY> all = series.stream().flatMap(s -> s.points().stream()).toList();
        Axis x = Axis.of(all.stream().mapToDouble(XY::x).min().orElse(0), all.stream().mapToDouble(XY::x).max().orElse(0),
                LEFT, WIDTH - RIGHT);
        Axis y = Axis.of(all.stream().mapToDouble(XY::y).min().orElse(0), all.stream().mapToDouble(XY::y).max().orElse(0),
                HEIGHT - BOTTOM, TOP);
        svg.text(LEFT, 14, title, "start");
        svg.line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#888");
        svg.line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#888");
        for (double tick : x.ticks()) {
            svg.text(x.pixel(tick), HEIGHT - BOTTOM + 14, Axis.label(tick), "middle");
        }
        for (double tick : y.ticks()) {
            svg.text(LEFT - 4, y.pixel(tick) + 4, Axis.label(tick), "end");
        }
        svg.text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 4, xLabel, "middle");
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            List<Svg.Point> pixels = thinned(one.points()).stream()
                    .map(p -> new Svg.Point(x.pixel(p.x()), y.pixel(p.y()))).toList();
            if (pixels.size() == 1) {
                svg.circle(pixels.get(0).x(), pixels.get(0).y(), 3, Palette.series(s), one.name());
            } else {
                svg.polyline(pixels, Palette.series(s), one.name());
            }
            if (series.size() > 1) {
                svg.text(WIDTH - RIGHT, TOP + 12 * s, one.name(), "end");
            }
        }
        return svg.toString();
    }

    /** The points in x order; above {@link #MAX_POINTS}, each bucket's lowest and highest point. */
    static List<XY> thinned(List<XY> points) {
        List<XY> sorted = points.stream().sorted(Comparator.comparingDouble(XY::x)).toList();
        if (sorted.size() <= MAX_POINTS) {
            return sorted;
        }
        int buckets = MAX_POINTS / 2;
        List<XY> kept = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            List<XY> bucket = sorted.subList(b * sorted.size() / buckets, (b + 1) * sorted.size() / buckets);
            XY low = bucket.stream().min(Comparator.comparingDouble(XY::y)).orElseThrow();
            XY high = bucket.stream().max(Comparator.comparingDouble(XY::y)).orElseThrow();
            if (low.x() <= high.x()) {
                kept.add(low);
                if (high != low) {
                    kept.add(high);
                }
            } else {
                kept.add(high);
                kept.add(low);
            }
        }
        return kept;
    }
}
