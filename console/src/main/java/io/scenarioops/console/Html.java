package io.scenarioops.console;

import io.scenarioops.report.svg.Svg;
import java.util.Locale;

/** The console's page frame and the escaping every interpolated value goes through. */
final class Html {
    private static final String STYLE = """
            html body{font-family:system-ui,sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
            header{background:#1d2733;padding:.6rem 1.2rem}
            header a{color:#fff;margin-right:1.4rem;text-decoration:none;font-weight:600}
            main{padding:1rem 1.2rem;max-width:80rem}
            table{border-collapse:collapse;background:#fff;margin:.6rem 0}
            th,td{border:1px solid #d5d9e0;padding:.3rem .6rem;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .status{font-weight:700;padding:.1rem .4rem;border-radius:.2rem;background:#e4e7eb}
            .status.passed{background:#cdebd6}.status.failed,.status.partial{background:#f6d2d2}
            .error{background:#f6d2d2;padding:.6rem;border-radius:.2rem}
            fieldset{background:#fff;border:1px solid #d5d9e0;margin:.6rem 0}
            input[type=text],input[type=number]{width:7rem}
            """;

    private Html() {
    }

    /** Text for HTML content and attribute values (the report's escaping); nothing for null. */
    static String escape(String text) {
        return text == null ? "" : Svg.escape(text);
    }

    /** A money or KPI value as the artifacts round it: two decimals. */
    static String amount(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · ScenarioOps</title><style>" + STYLE + "</style></head><body><header><nav>"
                + "<a href=\"/\">Runs</a><a href=\"/runs/new\">New run</a><a href=\"/compare\">Compare</a>"
                + "<a href=\"/api/runs\">API</a></nav></header><main>" + body + "</main></body></html>\n";
    }

    static String status(String status) {
        return "<span class=\"status " + escape(status) + "\">" + escape(status) + "</span>";
    }
}
