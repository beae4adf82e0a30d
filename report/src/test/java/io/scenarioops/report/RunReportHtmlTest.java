package io.scenarioops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.testsupport.GoldenFiles;
import io.scenarioops.testsupport.SelfContainedHtml;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The report rendered from run_metadata.json documents, read back as a browser would. */
class RunReportHtmlTest {

    @Test
    void theSeedRunShowsEveryKpiWithItsDeltaAgainstTheBaseline() {
        Document page = SelfContainedHtml.parse(RunReportHtml.render(RunMetadataFixture.seedRun("seed-run").data()));
        assertEquals(List.of(), SelfContainedHtml.externalReferences(page));
        assertTrue(page.selectFirst("#run").text().contains("run_id seed-run"));
        assertTrue(page.selectFirst("#run").text().contains("solvers toy-v1 1.0.0"));
        assertTrue(page.selectFirst("#run").text().contains("generators seed-baseline 1.0.0"));
        assertTrue(page.selectFirst("#run").text().contains("scenarios 3 (3 passed, 0 failed)"));

        Map<String, JsonNode> golden = GoldenFiles.defaultRunByScenario();
        List<Element> rows = page.select("#scenario-table tbody tr");
        assertEquals(List.of("baseline", "costs_up_10", "demand_up_10"), rows.stream()
                .map(r -> r.attr("data-scenario")).toList());
        double baselineTotal = golden.get("baseline").at("/kpi_total/total_cost").asDouble();
        for (Element row : rows) {
            JsonNode g = golden.get(row.attr("data-scenario"));
            for (String kpi : List.of("total_cost", "capacity_utilization", "total_demand", "total_capacity")) {
                assertEquals(g.at("/kpi_total/" + kpi).asDouble(), value(row, kpi), 1e-9, kpi);
            }
            for (String term : List.of("variable_cost", "overtime_cost", "inbound_logistics_cost",
                    "outbound_logistics_cost")) {
                assertEquals(g.at("/kpi_cost_breakdown/" + term).asDouble(), value(row, term), 1e-9, term);
            }
            double total = g.at("/kpi_total/total_cost").asDouble();
            String shown = row.selectFirst("td[data-kpi=total_cost]").text();
            assertTrue(shown.startsWith(String.format(Locale.ROOT, "%.2f", total)), shown);
            if (!row.attr("data-scenario").equals("baseline")) {
                String delta = String.format(Locale.ROOT, "+%.2f (+%.2f%%)", total - baselineTotal,
                        100 * (total - baselineTotal) / baselineTotal);
                assertTrue(shown.endsWith(delta), shown + " should end with " + delta);
            }
        }
        assertTrue(page.selectFirst("td[data-kpi=total_cost]").text().contains("332961.19"));
        assertEquals(3 * 4, page.select("#costs svg rect:has(title)").size(), "a 4-term stack per scenario");
        assertEquals(3, page.select("#utilisation svg rect:has(title)").size());
        assertTrue(page.select("#sweep").isEmpty(), "the seed's scenarios vary three knobs: no sweep curves");
        assertEquals("scenario_id=demand_up_10/manifest.json",
                page.select("#lineage-table tbody tr").get(2).selectFirst("a").attr("href"));
        assertTrue(page.selectFirst("#lineage-table").text().contains("req-demand_up_10"));
        assertTrue(page.select("#failed-checks").isEmpty());
    }

    @Test
    void failedChecksAreListedWithTheirDetailAsText() {
        RunMetadataFixture run = RunMetadataFixture.seedRun("run-with-failure");
        run.failed("costs_up_10", "kpi_reconciliation", "total <b>off</b> by 3.50");
        Document page = SelfContainedHtml.parse(RunReportHtml.render(run.data()));
        Element failed = page.selectFirst("#failed-checks tbody tr");
        assertEquals("costs_up_10 kpi_reconciliation total <b>off</b> by 3.50", failed.text());
        assertTrue(page.select("#failed-checks b").isEmpty(), "the detail is text, not markup");
        assertTrue(page.selectFirst("#run").text().contains("scenarios 3 (2 passed, 1 failed)"));
        assertEquals("partial", page.selectFirst("#run .status").text());
        assertEquals(2, page.select("#utilisation svg rect:has(title)").size(), "no bar for a scenario without KPIs");
    }

    @Test
    void aOneKnobSweepHasACurvePerKpiAndATableOfItsEdges() {
        RunMetadataFixture run = new RunMetadataFixture("sweep-1000");
        for (int i = 0; i < 1000; i++) {
            run.sweepPoint(String.format(Locale.ROOT, "sweep_%05d", i), 0.501 + i * 0.001, 1.0);
        }
        String html = RunReportHtml.render(run.data());
        Document page = SelfContainedHtml.parse(html);
        assertEquals(List.of(), SelfContainedHtml.externalReferences(page));
        assertTrue(page.selectFirst("#sweep h2").text().equals("Sweep over demand_scale"));
        List<String> curves = page.select("#sweep svg").eachAttr("aria-label");
        assertTrue(curves.containsAll(List.of("total_cost", "variable_cost", "overtime_cost", "capacity_utilization")),
                curves.toString());
        assertEquals(1, page.select("#sweep svg[aria-label=total_cost] polyline").size());
        // no scenario is called baseline: the first is, and it is among the 20 cheapest
        List<String> shown = page.select("#scenario-table tbody tr").eachAttr("data-scenario");
        assertEquals(2 * RunReportHtml.EDGE_ROWS, shown.size());
        assertEquals("sweep_00000", shown.get(0));
        assertEquals("sweep_00999", shown.get(shown.size() - 1));
        assertTrue(page.selectFirst("#scenarios .note").text().startsWith("The 20 lowest and 20 highest total_cost of"
                + " 1000 scenarios"));
    }

    @Test
    void tenThousandScenariosStayUnderTwoMegabytes() {
        RunMetadataFixture run = new RunMetadataFixture("sweep-10000");
        for (int i = 0; i < 10_000; i++) {
            run.sweepPoint(String.format(Locale.ROOT, "sweep_%05d", i), 0.5 + (i / 100) * 0.01,
                    0.5 + (i % 100) * 0.01);
        }
        RunReportData data = run.data();
        long start = System.nanoTime();
        String html = RunReportHtml.render(data);
        System.out.printf("rendered 10,000 scenarios in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 2_000_000, "report of 10,000 scenarios: " + bytes + " bytes");
        Document page = SelfContainedHtml.parse(html);
        assertEquals("Sweep over demand_scale and variable_cost_scale", page.selectFirst("#sweep h2").text());
        assertTrue(page.select("#sweep svg").eachAttr("aria-label").contains("total_cost"));
        // the first scenario, which deltas are against, is also the cheapest
        List<String> shown = page.select("#scenario-table tbody tr").eachAttr("data-scenario");
        assertEquals(40, shown.size());
        assertEquals("sweep_00000", shown.get(0));
        assertEquals("sweep_09999", shown.get(39));
        assertEquals(40, page.select("#lineage-table tbody tr").size());
    }

    @Test
    void compareMatchesScenariosByIdAndShowsTheDifference() {
        RunMetadataFixture before = RunMetadataFixture.seedRun("run-a");
        RunMetadataFixture after = new RunMetadataFixture("run-b");
        after.sweepPoint("baseline", 1.0, 1.2);
        after.sweepPoint("extra", 1.0, 1.0);
        Document page = SelfContainedHtml.parse(RunReportHtml.compare(before.data(), after.data()));
        assertEquals(List.of(), SelfContainedHtml.externalReferences(page));
        Element row = page.selectFirst("#scenario-table tbody tr[data-scenario=baseline]");
        List<Element> cells = row.select("td");
        // scenario, verdict A, verdict B, then total_cost
        String total = cells.get(3).text();
        double b = 261437.21 * 1.2 + 28581.27 + 42942.71;
        assertTrue(total.startsWith("332961.19 " + String.format(Locale.ROOT, "%.2f", b)), total);
        assertTrue(total.contains(String.format(Locale.ROOT, "%+.2f", b - 332961.19)), total);
        assertEquals(1, page.select("#scenario-table tbody tr").size());
        String text = page.selectFirst("#scenarios").text();
        assertTrue(text.contains("Only in A (2): costs_up_10, demand_up_10"), text);
        assertTrue(text.contains("Only in B (1): extra"), text);
        assertEquals(2, page.select("#costs svg text[text-anchor=end]").eachText().stream()
                .filter(t -> t.startsWith("baseline (")).count());
        assertFalse(page.selectFirst("#runs").text().isEmpty());
    }

    private static double value(Element row, String kpi) {
        return Double.parseDouble(row.selectFirst("td[data-kpi=" + kpi + "]").attr("data-value"));
    }
}
