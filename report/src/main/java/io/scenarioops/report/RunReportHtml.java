package io.scenarioops.report;

import io.scenarioops.model.Knobs;
import io.scenarioops.model.SolverComparison;
import io.scenarioops.report.RunReportData.Check;
import io.scenarioops.report.RunReportData.Scenario;
import io.scenarioops.report.svg.HeatMap;
import io.scenarioops.report.svg.LineChart;
import io.scenarioops.report.svg.StackedBarChart;
import io.scenarioops.storage.ObjectLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import static io.scenarioops.report.svg.Svg.escape;

/**
 * A run's report as one self-contained HTML document: inline CSS, inline SVG charts and a small
 * inline script that sorts the tables; nothing is loaded from anywhere, so the file reads the same
 * from the bucket, a laptop or a mail attachment. A large run keeps to its curves and the
 * {@value #EDGE_ROWS} lowest and highest-cost scenarios, so a 10,000-scenario report stays well
 * under 2 MB; every scenario remains in {@code run_metadata.json}.
 */
public final class RunReportHtml {
    /** Up to this many scenarios, every one gets a table row and a bar. */
    static final int FULL_TABLE_LIMIT = 60;
    static final int EDGE_ROWS = 20;
    /** At most this many failed checks are listed one by one. */
    static final int MAX_FAILED_CHECKS = 100;

    private static final List<KnobAxis> KNOBS = List.of(
            new KnobAxis("demand_scale", Knobs::demandScale),
            new KnobAxis("variable_cost_scale", Knobs::variableCostScale),
            new KnobAxis("logistics_cost_scale", Knobs::logisticsCostScale));

    private RunReportHtml() {
    }

    /** The whole HTML document reporting {@code run}. */
    public static String render(RunReportData run) {
        Html html = new Html("Run " + run.runId());
        html.raw("<h1>Run ").text(run.runId()).raw("</h1>");
        header(html, run);
        List<String> shown = shownScenarios(run);
        // a sweep is read from its curves first; its table holds only the edge scenarios
        sweepCharts(html, run);
        scenarioTable(html, run, shown);
        costBars(html, run, shown);
        utilisationBars(html, run, shown);
        solverComparison(html, run.solverComparison());
        verdicts(html, run);
        lineage(html, run, shown);
        return html.close();
    }

    /**
     * Two runs side by side, scenario by scenario (matched by scenario id): each KPI in {@code a},
     * in {@code b} and the difference b - a; scenarios only one run has are listed as such.
     */
    public static String compare(RunReportData a, RunReportData b) {
        Html html = new Html("Run " + a.runId() + " vs " + b.runId());
        html.raw("<h1>Run ").text(a.runId()).raw(" vs ").text(b.runId()).raw("</h1>");
        html.raw("<section id=\"runs\"><h2>Runs</h2><table class=\"facts\"><tr><th></th><th>A</th><th>B</th></tr>");
        compareFact(html, "run_id", a.runId(), b.runId());
        compareFact(html, "dt", a.dt(), b.dt());
        compareFact(html, "created", a.createdAtUtc(), b.createdAtUtc());
        compareFact(html, "completed", a.completedAtUtc(), b.completedAtUtc());
        compareFact(html, "status", a.status(), b.status());
        compareFact(html, "scenarios", Integer.toString(a.scenarioCount()), Integer.toString(b.scenarioCount()));
        compareFact(html, "solvers", components(a, true), components(b, true));
        compareFact(html, "generators", components(a, false), components(b, false));
        html.raw("</table></section>");

        List<String> common = a.scenarios().stream().filter(id -> b.scenario(id) != null).toList();
        List<String> onlyA = a.scenarios().stream().filter(id -> b.scenario(id) == null).toList();
        List<String> onlyB = b.scenarios().stream().filter(id -> a.scenario(id) == null).toList();
        List<Scenario> all = new ArrayList<>(a.scenarioResults().values());
        all.addAll(b.scenarioResults().values());
        List<Kpi> kpis = Kpi.presentIn(all);
        List<String> shown = common;
        String selection = "";
        if (common.size() > FULL_TABLE_LIMIT) {
            shown = common.stream()
                    .sorted(Comparator.comparingDouble((String id) -> -Math.abs(difference(Kpi.TOTAL_COST,
                            a.scenario(id), b.scenario(id)))))
                    .limit(2L * EDGE_ROWS).toList();
            selection = " (the " + shown.size() + " of " + common.size()
                    + " with the largest total_cost difference)";
        }
        html.raw("<section id=\"scenarios\"><h2>Scenarios in both runs").text(selection).raw("</h2>");
        html.raw("<p class=\"note\">Each cell: A, B, and B - A (absolute and %).</p>");
        html.raw("<div class=\"wide\"><table id=\"scenario-table\" class=\"sortable\"><thead><tr><th>scenario</th>"
                + "<th>verdict A</th><th>verdict B</th>");
        kpis.forEach(kpi -> html.raw("<th>").text(kpi.field).raw("</th>"));
        html.raw("</tr></thead><tbody>");
        for (String id : shown) {
            Scenario sa = a.scenario(id);
            Scenario sb = b.scenario(id);
            html.raw("<tr data-scenario=\"").text(id).raw("\"><td>").text(id).raw("</td>");
            html.raw("<td>").text(sa.qc() == null ? "-" : sa.qc().verdict()).raw("</td>");
            html.raw("<td>").text(sb.qc() == null ? "-" : sb.qc().verdict()).raw("</td>");
            for (Kpi kpi : kpis) {
                Double va = kpi.of(sa);
                Double vb = kpi.of(sb);
                html.raw("<td class=\"num\" data-value=\"").raw(vb != null && va != null ? Double.toString(vb - va) : "")
                        .raw("\">").text(va == null ? "-" : kpi.format(va)).raw("<br>").text(vb == null ? "-"
                                : kpi.format(vb)).raw("<br><span class=\"delta\">").text(delta(kpi, vb, va))
                        .raw("</span></td>");
            }
            html.raw("</tr>");
        }
        html.raw("</tbody></table></div>");
        listIds(html, "Only in A", onlyA);
        listIds(html, "Only in B", onlyB);
        html.raw("</section>");

        List<Kpi> terms = costTerms(all);
        List<StackedBarChart.Row> rows = new ArrayList<>();
        for (String id : shown) {
            rows.add(costRow(id + " (A)", a.scenario(id), terms));
            rows.add(costRow(id + " (B)", b.scenario(id), terms));
        }
        rows.removeIf(Objects::isNull);
        html.raw("<section id=\"costs\"><h2>Cost breakdown, A against B</h2>");
        if (!rows.isEmpty()) {
            html.raw(StackedBarChart.render("cost breakdown A vs B", fields(terms), rows, null));
        }
        html.raw("</section>");
        return html.close();
    }

    private static void header(Html html, RunReportData run) {
        long passed = run.scenarioResults().values().stream()
                .filter(s -> s.qc() != null && "passed".equals(s.qc().verdict())).count();
        html.raw("<section id=\"run\"><h2>Run</h2><table class=\"facts\">");
        fact(html, "run_id", run.runId());
        fact(html, "dt", run.dt());
        fact(html, "created", run.createdAtUtc());
        fact(html, "completed", run.completedAtUtc());
        html.raw("<tr><th>status</th><td><span class=\"status ").text(String.valueOf(run.status())).raw("\">")
                .text(String.valueOf(run.status())).raw("</span></td></tr>");
        fact(html, "scenarios", run.scenarioCount() + " (" + passed + " passed, "
                + (run.scenarioResults().size() - passed) + " failed)");
        fact(html, "solvers", components(run, true));
        fact(html, "generators", components(run, false));
        fact(html, "baseline scenario", run.baselineScenarioId());
        html.raw("</table></section>");
    }

    private static void scenarioTable(Html html, RunReportData run, List<String> shown) {
        String baselineId = run.baselineScenarioId();
        Scenario baseline = baselineId == null ? null : run.scenario(baselineId);
        List<Kpi> kpis = Kpi.presentIn(List.copyOf(run.scenarioResults().values()));
        html.raw("<section id=\"scenarios\"><h2>Scenarios</h2><p class=\"note\">");
        if (shown.size() < run.scenarioResults().size()) {
            html.text("The " + EDGE_ROWS + " lowest and " + EDGE_ROWS + " highest total_cost of "
                    + run.scenarioResults().size() + " scenarios, and the baseline; every scenario is in "
                    + "run_metadata.json. ");
        }
        html.text("Deltas against " + baselineId + " (absolute and %). Click a column to sort.").raw("</p>");
        html.raw("<div class=\"wide\"><table id=\"scenario-table\" class=\"sortable\"><thead><tr><th>scenario</th>"
                + "<th>solver</th><th>verdict</th>");
        KNOBS.forEach(knob -> html.raw("<th>").text(knob.name()).raw("</th>"));
        kpis.forEach(kpi -> html.raw("<th>").text(kpi.field).raw("</th>"));
        html.raw("<th>chosen_site</th></tr></thead><tbody>");
        for (String id : shown) {
            Scenario s = run.scenario(id);
            html.raw("<tr data-scenario=\"").text(id).raw(id.equals(baselineId) ? "\" class=\"baseline\">" : "\">");
            html.raw("<td>").text(id).raw("</td><td>").text(String.valueOf(s.solver())).raw("</td>");
            html.raw("<td>").text(s.qc() == null ? "-" : s.qc().verdict()).raw("</td>");
            for (KnobAxis knob : KNOBS) {
                html.raw("<td class=\"num\">").text(s.knobs() == null ? "-" : fmtKnob(knob.value(s.knobs()))).raw("</td>");
            }
            for (Kpi kpi : kpis) {
                Double value = kpi.of(s);
                html.raw("<td class=\"num\" data-kpi=\"").raw(kpi.field).raw("\" data-value=\"")
                        .raw(value == null ? "" : Double.toString(value)).raw("\">")
                        .text(value == null ? "-" : kpi.format(value));
                if (value != null && !id.equals(baselineId)) {
                    html.raw("<br><span class=\"delta\">").text(delta(kpi, value, kpi.of(baseline))).raw("</span>");
                }
                html.raw("</td>");
            }
            html.raw("<td>").text(s.kpiTotal() == null || s.kpiTotal().chosenSite() == null ? "-"
                    : s.kpiTotal().chosenSite()).raw("</td></tr>");
        }
        html.raw("</tbody></table></div></section>");
    }

    private static void costBars(Html html, RunReportData run, List<String> shown) {
        List<Kpi> terms = costTerms(List.copyOf(run.scenarioResults().values()));
        List<StackedBarChart.Row> rows = shown.stream().map(id -> costRow(id, run.scenario(id), terms))
                .filter(Objects::nonNull).toList();
        html.raw("<section id=\"costs\"><h2>Cost breakdown</h2>");
        if (rows.isEmpty()) {
            html.raw("<p>No scenario has KPIs.</p>");
        } else {
            html.raw(StackedBarChart.render("cost breakdown per scenario", fields(terms), rows, null));
        }
        html.raw("</section>");
    }

    private static void utilisationBars(Html html, RunReportData run, List<String> shown) {
        List<StackedBarChart.Row> rows = shown.stream().filter(id -> run.scenario(id).hasKpis())
                .map(id -> new StackedBarChart.Row(id, List.of(run.scenario(id).kpiTotal().capacityUtilization())))
                .toList();
        html.raw("<section id=\"utilisation\"><h2>Capacity utilisation</h2>");
        if (!rows.isEmpty()) {
            html.raw("<p class=\"note\">total_demand / total_capacity; the red line is 1.0 (full capacity).</p>");
            html.raw(StackedBarChart.render("capacity utilisation per scenario", List.of("capacity_utilization"),
                    rows, 1.0));
        }
        html.raw("</section>");
    }

    /**
     * Each KPI over the swept knob (one knob varies) or as a heat map over two; nothing when the
     * scenarios vary no knob or all three (a hand-written set of scenarios, like the seed's).
     */
    private static void sweepCharts(Html html, RunReportData run) {
        List<Scenario> withKpis = run.scenarioResults().values().stream()
                .filter(s -> s.hasKpis() && s.knobs() != null).toList();
        List<KnobAxis> varying = KNOBS.stream()
                .filter(knob -> withKpis.stream().map(s -> knob.value(s.knobs())).distinct().count() > 1)
                .toList();
        if (withKpis.size() < 3 || varying.isEmpty() || varying.size() > 2) {
            return;
        }
        List<Kpi> kpis = Kpi.presentIn(withKpis);
        html.raw("<section id=\"sweep\"><h2>Sweep over ").text(varying.stream().map(KnobAxis::name)
                .collect(Collectors.joining(" and "))).raw("</h2><div class=\"charts\">");
        Map<String, List<Scenario>> bySolver = withKpis.stream()
                .collect(Collectors.groupingBy(s -> String.valueOf(s.solver()), TreeMap::new, Collectors.toList()));
        for (Kpi kpi : kpis) {
            if (varying.size() == 1) {
                KnobAxis knob = varying.get(0);
                List<LineChart.Series> series = bySolver.entrySet().stream()
                        .map(e -> new LineChart.Series(e.getKey(), e.getValue().stream()
                                .filter(s -> kpi.of(s) != null)
                                .map(s -> new LineChart.XY(knob.value(s.knobs()), kpi.of(s))).toList()))
                        .filter(s -> !s.points().isEmpty())
                        .toList();
                html.raw(LineChart.render(kpi.field, knob.name(), series));
            } else {
                for (Map.Entry<String, List<Scenario>> solver : bySolver.entrySet()) {
                    List<HeatMap.Cell> cells = solver.getValue().stream().filter(s -> kpi.of(s) != null)
                            .map(s -> new HeatMap.Cell(varying.get(0).value(s.knobs()), varying.get(1).value(s.knobs()),
                                    kpi.of(s)))
                            .toList();
                    if (!cells.isEmpty()) {
                        html.raw(HeatMap.render(kpi.field + (bySolver.size() > 1 ? " (" + solver.getKey() + ")" : ""),
                                varying.get(0).name(), varying.get(1).name(), cells));
                    }
                }
            }
        }
        html.raw("</div></section>");
    }

    private static void solverComparison(Html html, List<SolverComparison.Pair> pairs) {
        if (pairs.isEmpty()) {
            return;
        }
        html.raw("<section id=\"solver-comparison\"><h2>lp-v1 against toy-v1 (same knobs)</h2><table class=\"sortable\">"
                + "<thead><tr><th>lp-v1 scenario</th><th>toy-v1 scenario</th><th>lp-v1 total_cost</th>"
                + "<th>toy-v1 total_cost</th><th>saving</th><th>saving %</th></tr></thead><tbody>");
        for (SolverComparison.Pair pair : pairs.stream().limit(2L * EDGE_ROWS).toList()) {
            html.raw("<tr><td>").text(pair.lpScenarioId()).raw("</td><td>").text(pair.toyScenarioId()).raw("</td>");
            for (double value : new double[] {pair.lpTotalCost(), pair.toyTotalCost(), pair.saving(),
                pair.savingPercent()}) {
                html.raw("<td class=\"num\" data-value=\"" + value + "\">").text(money(value)).raw("</td>");
            }
            html.raw("</tr>");
        }
        html.raw("</tbody></table></section>");
    }

    private static void verdicts(Html html, RunReportData run) {
        Map<String, Long> counts = run.scenarioResults().values().stream()
                .collect(Collectors.groupingBy(s -> s.qc() == null ? "unknown" : s.qc().verdict(), TreeMap::new,
                        Collectors.counting()));
        html.raw("<section id=\"qc\"><h2>QC verdicts</h2><p>");
        html.text(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "))).raw("</p>");
        List<String[]> failed = new ArrayList<>();
        for (String id : run.scenarios()) {
            Scenario s = run.scenario(id);
            if (s != null && s.qc() != null) {
                for (Check check : s.qc().checks()) {
                    if (!check.passed()) {
                        failed.add(new String[] {id, check.name(), check.detail() == null ? "" : check.detail()});
                    }
                }
            }
        }
        if (!failed.isEmpty()) {
            html.raw("<h3>Failed checks").text(failed.size() > MAX_FAILED_CHECKS ? " (the first " + MAX_FAILED_CHECKS
                    + " of " + failed.size() + ")" : "").raw("</h3><table id=\"failed-checks\" class=\"sortable\">"
                    + "<thead><tr><th>scenario</th><th>check</th><th>detail</th></tr></thead><tbody>");
            for (String[] row : failed.stream().limit(MAX_FAILED_CHECKS).toList()) {
                html.raw("<tr><td>").text(row[0]).raw("</td><td>").text(row[1]).raw("</td><td>").text(row[2])
                        .raw("</td></tr>");
            }
            html.raw("</tbody></table>");
        }
        html.raw("</section>");
    }

    private static void lineage(Html html, RunReportData run, List<String> shown) {
        html.raw("<section id=\"lineage\"><h2>Lineage</h2><p>run_metadata: <code>").text(String.valueOf(
                run.metadataKey())).raw("</code>");
        if (shown.size() < run.scenarioResults().size()) {
            html.text(" (the scenarios of the table above; every scenario's lineage is in run_metadata.json)");
        }
        html.raw("</p><div class=\"wide\"><table id=\"lineage-table\"><thead><tr><th>scenario</th><th>request event</th>"
                + "<th>solved event</th><th>published event</th><th>manifest</th><th>requested</th><th>checked</th>"
                + "</tr></thead><tbody>");
        for (String id : shown) {
            Scenario s = run.scenario(id);
            RunReportData.Lineage lineage = s.lineage();
            html.raw("<tr><td>").text(id).raw("</td>");
            html.raw("<td><code>").text(lineage == null ? "-" : orDash(lineage.requestEventId())).raw("</code></td>");
            html.raw("<td><code>").text(lineage == null ? "-" : orDash(lineage.solvedEventId())).raw("</code></td>");
            html.raw("<td><code>").text(lineage == null ? "-" : orDash(lineage.publishedEventId())).raw("</code></td>");
            String manifest = lineage == null ? null : lineage.manifestKey();
            if (manifest == null) {
                html.raw("<td>-</td>");
            } else {
                // relative to report.html, which sits next to the scenarios' prefixes in the bucket
                html.raw("<td><a href=\"").text(relativeToRun(run, manifest)).raw("\">").text(manifest)
                        .raw("</a></td>");
            }
            html.raw("<td>").text(s.stages() == null ? "-" : orDash(s.stages().requestedAtUtc())).raw("</td>");
            html.raw("<td>").text(s.stages() == null ? "-" : orDash(s.stages().checkedAtUtc())).raw("</td></tr>");
        }
        html.raw("</tbody></table></div></section>");
    }

    /**
     * The scenarios that get a table row and a bar: all of a small run; of a large one the
     * baseline and the {@value #EDGE_ROWS} lowest and highest total_cost, lowest first.
     */
    static List<String> shownScenarios(RunReportData run) {
        List<String> ids = run.scenarios().stream().filter(id -> run.scenario(id) != null).toList();
        if (ids.size() <= FULL_TABLE_LIMIT) {
            return ids;
        }
        List<String> byCost = ids.stream().filter(id -> run.scenario(id).hasKpis())
                .sorted(Comparator.comparingDouble((String id) -> run.scenario(id).kpiTotal().totalCost())
                        .thenComparing(id -> id))
                .toList();
        Set<String> shown = new LinkedHashSet<>();
        String baseline = run.baselineScenarioId();
        if (baseline != null) {
            shown.add(baseline);
        }
        shown.addAll(byCost.subList(0, Math.min(EDGE_ROWS, byCost.size())));
        shown.addAll(byCost.subList(Math.max(0, byCost.size() - EDGE_ROWS), byCost.size()));
        return List.copyOf(shown);
    }

    private static StackedBarChart.Row costRow(String label, Scenario s, List<Kpi> terms) {
        if (s == null || !s.hasKpis()) {
            return null;
        }
        return new StackedBarChart.Row(label, terms.stream().map(kpi -> kpi.of(s)).map(v -> v == null ? 0.0 : v)
                .toList());
    }

    /** The cost terms at least one of the scenarios has, in {@link Kpi#COST_TERMS} order. */
    private static List<Kpi> costTerms(List<Scenario> scenarios) {
        List<Kpi> present = Kpi.presentIn(scenarios);
        return Kpi.COST_TERMS.stream().filter(present::contains).toList();
    }

    private static List<String> fields(List<Kpi> kpis) {
        return kpis.stream().map(kpi -> kpi.field).toList();
    }

    private static double difference(Kpi kpi, Scenario a, Scenario b) {
        Double va = kpi.of(a);
        Double vb = kpi.of(b);
        return va == null || vb == null ? 0 : vb - va;
    }

    /** {@code +31146.28 (+9.35%)}; the % is left out when the reference is 0. */
    static String delta(Kpi kpi, Double value, Double reference) {
        if (value == null || reference == null) {
            return "";
        }
        double diff = value - reference;
        String abs = (diff >= 0 ? "+" : "") + kpi.format(diff);
        if (reference == 0) {
            return abs;
        }
        return abs + String.format(Locale.ROOT, " (%+.2f%%)", 100 * diff / Math.abs(reference));
    }

    private static String components(RunReportData run, boolean solvers) {
        Set<String> names = new TreeSet<>();
        for (Scenario s : run.scenarioResults().values()) {
            if (solvers && s.solver() != null) {
                names.add(s.solver() + (s.solverVersion() == null ? "" : " " + s.solverVersion()));
            } else if (!solvers && s.generator() != null) {
                names.add(s.generator().name() + " " + s.generator().version());
            }
        }
        return names.isEmpty() ? "-" : String.join(", ", names);
    }

    private static String relativeToRun(RunReportData run, String key) {
        String prefix = ObjectLayout.runPrefix(run.dt(), run.runId());
        return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    }

    private static void fact(Html html, String name, String value) {
        html.raw("<tr><th>").text(name).raw("</th><td>").text(orDash(value)).raw("</td></tr>");
    }

    private static void compareFact(Html html, String name, String a, String b) {
        html.raw("<tr><th>").text(name).raw("</th><td>").text(orDash(a)).raw("</td><td>").text(orDash(b))
                .raw("</td></tr>");
    }

    private static void listIds(Html html, String title, List<String> ids) {
        if (!ids.isEmpty()) {
            html.raw("<p>").text(title + " (" + ids.size() + "): " + ids.stream().limit(2L * EDGE_ROWS)
                    .collect(Collectors.joining(", ")) + (ids.size() > 2 * EDGE_ROWS ? ", ..." : "")).raw("</p>");
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String fmtKnob(double value) {
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    /** One of the three knobs, as an axis a sweep can vary. */
    private record KnobAxis(String name, ToDoubleFunction<Knobs> read) {
        double value(Knobs knobs) {
            return read.applyAsDouble(knobs);
        }
    }

    /** The document being written: head with the inline style, body, and the sorting script at the end. */
    private static final class Html {
        private static final String STYLE = """
                body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
                h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
                table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top}
                th{background:#f4f4f4;text-align:left}table.sortable th{cursor:pointer}
                td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
                .delta{color:#666;font-size:.85em}.wide{overflow-x:auto}tr.baseline{background:#fffbe6}
                .status.passed{color:#2a7d2a}.status.failed{color:#b22}.status.partial{color:#b60}
                .note{color:#555}.charts{display:flex;flex-wrap:wrap;gap:12px}
                svg.chart{font:11px system-ui,sans-serif;background:#fff;border:1px solid #eee}
                code{font-size:.85em}
                """;
        private static final String SORT_SCRIPT = """
                document.querySelectorAll('table.sortable').forEach(function(t){
                  t.querySelectorAll('th').forEach(function(th,i){
                    th.addEventListener('click',function(){
                      var body=t.tBodies[0],rows=Array.from(body.rows),asc=th.dataset.dir!=='asc';
                      th.dataset.dir=asc?'asc':'desc';
                      function key(r){var c=r.cells[i],v=c.dataset.value;
                        return v!==undefined&&v!==''?parseFloat(v):(v===''?Infinity:c.textContent);}
                      rows.sort(function(a,b){var x=key(a),y=key(b);
                        var d=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));
                        return asc?d:-d;});
                      rows.forEach(function(r){body.appendChild(r);});
                    });
                  });
                });
                """;

        private final StringBuilder out = new StringBuilder(64 * 1024);

        Html(String title) {
            out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                    .append(escape(title)).append("</title><style>").append(STYLE).append("</style></head><body>");
        }

        Html raw(String html) {
            out.append(html);
            return this;
        }

        Html text(String text) {
            out.append(escape(text));
            return this;
        }

        String close() {
            return out.append("<script>").append(SORT_SCRIPT).append("</script></body></html>").toString();
        }
    }
}
