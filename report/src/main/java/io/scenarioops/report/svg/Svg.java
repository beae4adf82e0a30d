package io.scenarioops.report.svg;

import java.util.List;

/**
 * A small SVG writer: one {@code <svg>} element, built shape by shape. Coordinates are written with
 * at most one decimal, which is finer than a pixel and keeps a 10,000-point chart light; text is
 * escaped, so scenario ids and notes cannot break out of the document.
 */
public final class Svg {
    private final StringBuilder body = new StringBuilder();
    private final int width;
    private final int height;
    private final String label;

    /** @param label what the chart shows, for screen readers and tests ({@code aria-label}) */
    public Svg(int width, int height, String label) {
        this.width = width;
        this.height = height;
        this.label = label;
    }

    public Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
        body.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"").append(escape(fill))
                .append('"');
        return closeWithTooltip("rect", tooltip);
    }

    public Svg line(double x1, double y1, double x2, double y2, String stroke) {
        body.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(escape(stroke))
                .append("\"/>");
        return this;
    }

    /** An open line through the points, in order. */
    public Svg polyline(List<Point> points, String stroke, String tooltip) {
        body.append("<polyline fill=\"none\" stroke=\"").append(escape(stroke)).append("\" points=\"");
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                body.append(' ');
            }
            body.append(num(points.get(i).x())).append(',').append(num(points.get(i).y()));
        }
        body.append('"');
        return closeWithTooltip("polyline", tooltip);
    }

    public Svg circle(double cx, double cy, double r, String fill, String tooltip) {
        body.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"")
                .append(num(r)).append("\" fill=\"").append(escape(fill)).append('"');
        return closeWithTooltip("circle", tooltip);
    }

    /** @param anchor {@code start}, {@code middle} or {@code end} */
    public Svg text(double x, double y, String text, String anchor) {
        body.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"")
                .append(anchor).append("\">").append(escape(text)).append("</text>");
        return this;
    }

    /** The {@code <svg>} element, sized and with a view box, ready to inline in HTML. */
    @Override
    public String toString() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"" + width
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\" aria-label=\""
                + escape(label) + "\">" + body + "</svg>";
    }

    private Svg closeWithTooltip(String element, String tooltip) {
        if (tooltip == null) {
            body.append("/>");
        } else {
            body.append("><title>").append(escape(tooltip)).append("</title></").append(element).append('>');
        }
        return this;
    }

    /** At most one decimal, no trailing {@code .0}: {@code 12}, {@code 12.5}, {@code -3.2}. */
    static String num(double value) {
        long tenths = Math.round(value * 10);
        long whole = Math.abs(tenths) / 10;
        long decimal = Math.abs(tenths) % 10;
        String sign = tenths < 0 ? "-" : "";
        return decimal == 0 ? sign + whole : sign + whole + "." + decimal;
    }

    /** Escapes text for XML and HTML content and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A point in the SVG's own coordinates (y grows downwards). */
    public record Point(double x, double y) {
    }
}
