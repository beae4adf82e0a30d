package io.scenarioops.report.svg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * A value over two numeric axes as a grid of coloured cells, blue for the lowest value and red for
 * the highest, with a colour key. Each distinct x and y value is a column and a row; beyond
 * {@link #MAX_CELLS_PER_AXIS} distinct values an axis is cut into that many equal ranges and a cell
 * shows the mean of the values that fall in it, so a 100 x 100 grid stays light.
 */
public final class HeatMap {
    static final int WIDTH = 360;
    static final int HEIGHT = 260;
    static final int LEFT = 56;
    static final int RIGHT = 12;
    static final int TOP = 24;
    static final int BOTTOM = 56;
    static final int MAX_CELLS_PER_AXIS = 40;
    /** Beyond this many cells, cells carry no tooltip: the file would grow by a line per cell. */
    static final int MAX_TOOLTIPS = 400;

    /** One data point: the value at (x, y). */
    public record Cell(double x, double y, double value) {
    }

    private HeatMap() {
    }

    public static String render(String title, String xLabel, String yLabel, List<Cell> cells) {
        Svg svg = new Svg(WIDTH, HEIGHT, title);
        svg.text(LEFT, 14, title, "start");
        Grid columns = Grid.of(cells.stream().map(Cell::x).toList());
        Grid rows = Grid.of(cells.stream().map(Cell::y).toList());
        double[][] sum = new double[columns.size()][rows.size()];
        int[][] count = new int[columns.size()][rows.size()];
        for (Cell cell : cells) {
            int c = columns.index(cell.x());
            int r = rows.index(cell.y());
            sum[c][r] += cell.value();
            count[c][r]++;
        }
        double min = cells.stream().mapToDouble(Cell::value).min().orElse(0);
        double max = cells.stream().mapToDouble(Cell::value).max().orElse(0);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double cellWidth = plotWidth / columns.size();
        double cellHeight = plotHeight / rows.size();
        boolean tooltips = columns.size() * rows.size() <= MAX_TOOLTIPS;
        for (int c = 0; c < columns.size(); c++) {
            for (int r = 0; r < rows.size(); r++) {
                if (count[c][r] == 0) {
                    continue;
                }
                double mean = sum[c][r] / count[c][r];
                double share = max > min ? (mean - min) / (max - min) : 0.5;
                svg.rect(LEFT + c * cellWidth, TOP + plotHeight - (r + 1) * cellHeight, cellWidth, cellHeight,
                        Palette.ramp(share), tooltips ? xLabel + " " + Axis.label(columns.lowest(c)) + ", " + yLabel
                                + " " + Axis.label(rows.lowest(r)) + ": " + Axis.label(mean) : null);
            }
        }
        svg.text(LEFT, TOP + plotHeight + 14, Axis.label(columns.lowest(0)), "start");
        svg.text(WIDTH - RIGHT, TOP + plotHeight + 14, Axis.label(columns.highest()), "end");
        svg.text((LEFT + WIDTH - RIGHT) / 2.0, TOP + plotHeight + 14, xLabel, "middle");
        svg.text(LEFT - 4, TOP + plotHeight, Axis.label(rows.lowest(0)), "end");
        svg.text(LEFT - 4, TOP + 10, Axis.label(rows.highest()), "end");
        svg.text(LEFT - 4, TOP + plotHeight / 2, yLabel, "end");
        double keyY = HEIGHT - 18;
        for (int i = 0; i < 10; i++) {
            svg.rect(LEFT + 60 + i * 12, keyY, 12, 10, Palette.ramp(i / 9.0), null);
        }
        svg.text(LEFT + 56, keyY + 9, Axis.label(min), "end");
        svg.text(LEFT + 60 + 10 * 12 + 4, keyY + 9, Axis.label(max), "start");
        return svg.toString();
    }

    /** An axis's columns (or rows): its distinct values, or equal ranges when there are too many. */
    private record Grid(List<Double> distinct, boolean binned, double min, double max) {
        static Grid of(List<Double> values) {
            TreeSet<Double> distinct = new TreeSet<>(values);
            List<Double> sorted = new ArrayList<>(distinct);
            return new Grid(sorted, sorted.size() > MAX_CELLS_PER_AXIS, sorted.get(0), sorted.get(sorted.size() - 1));
        }

        int size() {
            return binned ? MAX_CELLS_PER_AXIS : distinct.size();
        }

        int index(double value) {
            if (!binned) {
                return Collections.binarySearch(distinct, value);
            }
            return Math.min(MAX_CELLS_PER_AXIS - 1, (int) ((value - min) / (max - min) * MAX_CELLS_PER_AXIS));
        }

        /** The smallest value in column {@code i}. */
        double lowest(int i) {
            return binned ? min + (max - min) * i / MAX_CELLS_PER_AXIS : distinct.get(i);
        }

        double highest() {
            return max;
        }
    }
}
