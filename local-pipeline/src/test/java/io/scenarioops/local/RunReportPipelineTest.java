package io.scenarioops.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.producer.Sweep;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import io.scenarioops.testsupport.GoldenFiles;
import io.scenarioops.testsupport.SelfContainedHtml;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report QC writes next to run_metadata.json, for the seed's default run and a 1,000-point
 * sweep through the whole pipeline on the embedded stack, read from the bucket and parsed as a
 * browser would: the KPIs against the golden file and the model solved offline, the charts, and
 * nothing loaded from elsewhere.
 */
@PipelineTest
class RunReportPipelineTest {
    private static final long SEED = 7;
    private static final int SOLVERS = 2;
    private static final Duration SEED_RUN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(600);

    private static LocalPipeline pipeline;
    private static ObjectStore store;

    @BeforeAll
    static void startPipeline(StackSlice slice) {
        pipeline = LocalPipeline.start(slice.config(), SOLVERS);
        store = slice.objectStore();
    }

    @AfterAll
    static void stopPipeline() {
        if (store != null) {
            store.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theSeedRunsReportShowsTheGoldenKpisChartsAndLineage() {
        RunPlan plan = RunPlan.create(ScenarioDefinition.SEED_DEFAULTS, SEED, Instant.now());
        Document page = publishAndReadReport(plan, SEED_RUN_TIMEOUT);

        assertEquals(List.of(), SelfContainedHtml.externalReferences(page));
        String header = page.selectFirst("#run").text();
        assertTrue(header.contains("run_id " + plan.runId()) && header.contains("dt " + plan.dt())
                && header.contains("status passed") && header.contains("scenarios 3 (3 passed, 0 failed)")
                && header.contains("solvers toy-v1 1.0.0") && header.contains("generators seed-baseline 1.0.0"),
                header);
        Map<String, JsonNode> golden = GoldenFiles.defaultRunByScenario();
        Map<String, Element> rows = page.select("#scenario-table tbody tr").stream()
                .collect(Collectors.toMap(row -> row.attr("data-scenario"), row -> row));
        assertEquals(golden.keySet(), rows.keySet());
        golden.forEach((id, expected) -> {
            expected.get("kpi_total").fields().forEachRemaining(kpi -> {
                if (kpi.getValue().isNumber()) {
                    assertEquals(kpi.getValue().asDouble(), value(rows.get(id), kpi.getKey()), id + " " + kpi.getKey());
                }
            });
            expected.get("kpi_cost_breakdown").fields().forEachRemaining(term ->
                    assertEquals(term.getValue().asDouble(), value(rows.get(id), term.getKey()), id + " " + term.getKey()));
        });
        assertEquals("332961.19", rows.get("baseline").selectFirst("td[data-kpi=total_cost]").text());
        assertEquals("364107.47 +31146.28 (+9.35%)",
                rows.get("demand_up_10").selectFirst("td[data-kpi=total_cost]").text());
        assertEquals(12, page.select("#costs svg rect:has(title)").size(), "3 scenarios x 4 cost terms");
        assertEquals(3, page.select("#utilisation svg rect:has(title)").size());
        assertEquals("3 passed", page.selectFirst("#qc p").text());
        for (ScenarioDefinition scenario : plan.scenarios()) {
            String manifest = ObjectLayout.manifestKey(plan.dt(), plan.runId(), scenario.scenarioId());
            Element link = page.selectFirst("#lineage-table a:containsOwn(" + manifest + ")");
            assertEquals("scenario_id=" + scenario.scenarioId() + "/manifest.json", link.attr("href"));
            assertTrue(store.get(ObjectLayout.runPrefix(plan.dt(), plan.runId()) + link.attr("href")).isPresent(),
                    "the manifest link resolves next to report.html");
        }
    }

    @Test
    void aThousandPointSweepsReportHasACurvePerKpiAndItsEdgeScenarios() {
        List<ScenarioDefinition> sweep = Sweep.scenarios(List.of("demand_scale=0.501:1.5:0.001"));
        assertEquals(1000, sweep.size());
        RunPlan plan = RunPlan.create(sweep, SEED, Instant.now());
        long started = System.nanoTime();
        Document page = publishAndReadReport(plan, SWEEP_TIMEOUT);
        System.out.printf("[run-report] 1,000-point sweep published, solved, checked and reported in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);

        assertEquals(List.of(), SelfContainedHtml.externalReferences(page));
        assertEquals("Sweep over demand_scale", page.selectFirst("#sweep h2").text());
        List<String> curves = page.select("#sweep svg").eachAttr("aria-label");
        assertTrue(curves.containsAll(List.of("total_cost", "variable_cost", "overtime_cost", "inbound_logistics_cost",
                "outbound_logistics_cost", "capacity_utilization", "total_demand")), curves.toString());
        assertEquals(1, page.select("#sweep svg[aria-label=total_cost] polyline").size());
        List<Element> rows = page.select("#scenario-table tbody tr");
        assertEquals(40, rows.size(), "the 20 lowest and 20 highest total_cost (sweep_00000, the first, is among them)");
        for (Element row : rows) {
            ScenarioDefinition scenario = sweep.stream().filter(s -> s.scenarioId().equals(row.attr("data-scenario")))
                    .findFirst().orElseThrow();
            KpiTotal expected = ScenarioModel.run(SEED, scenario.knobs()).result().kpiTotal();
            assertEquals(String.format(Locale.ROOT, "%.2f", expected.totalCost()),
                    row.selectFirst("td[data-kpi=total_cost]").ownText(), scenario.scenarioId() + " total_cost");
        }
        assertEquals("1000 passed", page.selectFirst("#qc p").text());
    }

    /** Publishes the run, waits for its report.html in the bucket, and parses it. */
    private static Document publishAndReadReport(RunPlan plan, Duration timeout) {
        new RunPublisher(pipeline.config().kafka()).publish(plan, pipeline.config()::objectStore);
        String key = ObjectLayout.runReportKey(plan.dt(), plan.runId());
        byte[] html = await("report.html of run " + plan.runId()).atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> store.get(key), java.util.Optional::isPresent).get();
        return SelfContainedHtml.parse(new String(html, StandardCharsets.UTF_8));
    }

    private static double value(Element row, String kpi) {
        return Double.parseDouble(row.selectFirst("td[data-kpi=" + kpi + "]").attr("data-value"));
    }
}
