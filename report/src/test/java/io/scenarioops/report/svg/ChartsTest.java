package io.scenarioops.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/** The SVG builder and its three charts, checked element by element and coordinate by coordinate. */
class ChartsTest {

    @Test
    void svgWritesShapesWithOneDecimalAndEscapesText() {
        String svg = new Svg(100, 50, "a <b> & \"c\"")
                .rect(1.04, 2.06, 10, 5.55, "#fff", "tip <x>")
                .line(0, 0, 100, 50.25, "#000")
                .text(3, 4, "x<y", "end")
                .toString();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"100\""
                + " height=\"50\" viewBox=\"0 0 100 50\" aria-label=\"a &lt;b&gt; &amp; &quot;c&quot;\">"), svg);
        assertTrue(svg.contains("<rect x=\"1\" y=\"2.1\" width=\"10\" height=\"5.6\" fill=\"#fff\"><title>tip &lt;x&gt;"
                + "</title></rect>"), svg);
        assertTrue(svg.contains("<line x1=\"0\" y1=\"0\" x2=\"100\" y2=\"50.3\" stroke=\"#000\"/>"), svg);
        assertTrue(svg.contains("<text x=\"3\" y=\"4\" text-anchor=\"end\">x&lt;y</text>"), svg);
    }

    @Test
    void stackedBarsStackSegmentsFromTheLeftOnAShareScale() {
        String svg = StackedBarChart.render("costs", List.of("a", "b"), List.of(
                new StackedBarChart.Row("s1", List.of(30.0, 10.0)),
                new StackedBarChart.Row("s2", List.of(20.0, 0.0))), null);
        Element root = parse(svg);
        // the legend's two swatches, then 2 bars x 2 segments
        Elements bars = root.select("rect:has(title)");
        assertEquals(4, bars.size());
        double left = StackedBarChart.LABEL_WIDTH;
        double plot = StackedBarChart.WIDTH - StackedBarChart.RIGHT - left;
        // s1: a = 30 of max 40 -> 3/4 of the plot, b starts where a ends
        assertEquals(left, attr(bars.get(0), "x"), 0.051);
        assertEquals(plot * 0.75, attr(bars.get(0), "width"), 0.051);
        assertEquals(left + plot * 0.75, attr(bars.get(1), "x"), 0.051);
        assertEquals(plot * 0.25, attr(bars.get(1), "width"), 0.051);
        assertEquals("s1 b: 10", bars.get(1).selectFirst("title").text());
        // s2 is on the next row
        assertEquals(attr(bars.get(0), "y") + StackedBarChart.ROW_HEIGHT, attr(bars.get(2), "y"), 0.051);
        assertEquals(plot * 0.5, attr(bars.get(2), "width"), 0.051);
        assertEquals(List.of("s1", "s2"), root.select("text[text-anchor=end]").eachText());
    }

    @Test
    void stackedBarsDrawTheReferenceLineAtItsValue() {
        String svg = StackedBarChart.render("util", List.of("u"), List.of(new StackedBarChart.Row("s", List.of(0.5))),
                1.0);
        Element reference = parse(svg).select("line").last();
        assertEquals(StackedBarChart.WIDTH - StackedBarChart.RIGHT, attr(reference, "x1"), 0.051);
        assertEquals("#d62728", reference.attr("stroke"));
    }

    @Test
    void lineChartMapsPointsToThePlotArea() {
        String svg = LineChart.render("total_cost", "demand_scale", List.of(new LineChart.Series("toy-v1", List.of(
                new LineChart.XY(2, 100), new LineChart.XY(1, 50), new LineChart.XY(3, 75)))));
        Element polyline = parse(svg).selectFirst("polyline");
        List<double[]> points = points(polyline.attr("points"));
        double bottom = LineChart.HEIGHT - LineChart.BOTTOM;
        double right = LineChart.WIDTH - LineChart.RIGHT;
        // sorted by x: (1,50) bottom left, (2,100) top middle, (3,75) right, half-way up
        assertEquals(3, points.size());
        assertEquals(LineChart.LEFT, points.get(0)[0], 0.051);
        assertEquals(bottom, points.get(0)[1], 0.051);
        assertEquals((LineChart.LEFT + right) / 2, points.get(1)[0], 0.051);
        assertEquals(LineChart.TOP, points.get(1)[1], 0.051);
        assertEquals(right, points.get(2)[0], 0.051);
        assertEquals((LineChart.TOP + bottom) / 2, points.get(2)[1], 0.051);
        assertEquals("toy-v1", polyline.selectFirst("title").text());
    }

    @Test
    void aLongSeriesIsThinnedToItsBucketsExtremes() {
        List<LineChart.XY> points = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            points.add(new LineChart.XY(i, i == 5_000 ? 1e9 : Math.sin(i / 100.0)));
        }
        List<LineChart.XY> kept = LineChart.thinned(points);
        assertTrue(kept.size() <= LineChart.MAX_POINTS, "kept " + kept.size());
        assertTrue(kept.contains(new LineChart.XY(5_000, 1e9)), "the peak is kept");
        for (int i = 1; i < kept.size(); i++) {
            assertTrue(kept.get(i).x() >= kept.get(i - 1).x(), "in x order");
        }
        String svg = LineChart.render("k", "x", List.of(new LineChart.Series("s", points)));
        assertTrue(svg.length() < 8_000, "a 10,000-point curve takes " + svg.length() + " characters");
    }

    @Test
    void heatMapColoursEachCellByItsValue() {
        List<HeatMap.Cell> cells = List.of(new HeatMap.Cell(1, 10, 0), new HeatMap.Cell(2, 10, 5),
                new HeatMap.Cell(1, 20, 5), new HeatMap.Cell(2, 20, 10));
        Elements rects = parse(HeatMap.render("total_cost", "demand_scale", "variable_cost_scale", cells))
                .select("rect:has(title)");
        assertEquals(4, rects.size());
        double cellWidth = (HeatMap.WIDTH - HeatMap.LEFT - HeatMap.RIGHT) / 2.0;
        double plotBottom = HeatMap.HEIGHT - HeatMap.BOTTOM;
        double cellHeight = (plotBottom - HeatMap.TOP) / 2.0;
        // (1,10): first column, bottom row, lowest value: blue
        assertEquals(HeatMap.LEFT, attr(rects.get(0), "x"), 0.051);
        assertEquals(plotBottom - cellHeight, attr(rects.get(0), "y"), 0.051);
        assertEquals(Palette.ramp(0), rects.get(0).attr("fill"));
        assertEquals("demand_scale 1, variable_cost_scale 10: 0", rects.get(0).selectFirst("title").text());
        // (2,20): second column, top row, highest value: red
        assertEquals(HeatMap.LEFT + cellWidth, attr(rects.get(3), "x"), 0.051);
        assertEquals(HeatMap.TOP, attr(rects.get(3), "y"), 0.051);
        assertEquals(Palette.ramp(1), rects.get(3).attr("fill"));
        assertEquals(Palette.ramp(0.5), rects.get(1).attr("fill"));
    }

    @Test
    void aLargeHeatMapIsBinned() {
        List<HeatMap.Cell> cells = new ArrayList<>();
        for (int x = 0; x < 100; x++) {
            for (int y = 0; y < 100; y++) {
                cells.add(new HeatMap.Cell(x, y, x + y));
            }
        }
        Element svg = parse(HeatMap.render("k", "x", "y", cells));
        // 40 x 40 cells plus the 10 swatches of the colour key, no tooltips
        assertEquals(HeatMap.MAX_CELLS_PER_AXIS * HeatMap.MAX_CELLS_PER_AXIS + 10, svg.select("rect").size());
        assertTrue(svg.select("title").isEmpty());
    }

    private static Element parse(String svg) {
        return Jsoup.parse(svg, "", Parser.xmlParser()).selectFirst("svg");
    }

    private static double attr(Element element, String name) {
        return Double.parseDouble(element.attr(name));
    }

    private static List<double[]> points(String attribute) {
        List<double[]> points = new ArrayList<>();
        Matcher m = Pattern.compile("(-?[0-9.]+),(-?[0-9.]+)").matcher(attribute);
        while (m.find()) {
            points.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return points;
    }
}
