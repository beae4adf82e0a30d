package io.scenarioops.producer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import io.scenarioops.testsupport.SelfContainedHtml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scenarioops report} against a real embedded S3 server holding two runs of different days. */
@PipelineTest(EmbeddedStack.Component.OBJECT_STORE)
class ReportCommandTest {
    private static final String OLD_RUN = "report-old-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String NEW_RUN = "report-new-" + UUID.randomUUID().toString().substring(0, 8);

    private static ScenarioOpsConfig config;

    @TempDir
    Path dir;

    @BeforeAll
    static void storeTwoRuns(StackSlice slice) {
        config = slice.config();
        try (ObjectStore store = new ObjectStore(config.objectStore())) {
            store.ensureBucket();
            store.put(ObjectLayout.runMetadataKey("2026-11-30", OLD_RUN), runMetadata(OLD_RUN, "2026-11-30", 332961.19),
                    ObjectStore.JSON);
            store.put(ObjectLayout.runMetadataKey("2026-12-01", NEW_RUN), runMetadata(NEW_RUN, "2026-12-01", 340000.5),
                    ObjectStore.JSON);
        }
    }

    private static CliResult run(String... args) {
        return CliResult.run(() -> config, args);
    }

    @Test
    void writesTheReportOfARunFoundByItsIdAlone() throws IOException {
        Path file = dir.resolve("old.html");
        CliResult result = run("report", OLD_RUN, "--out", file.toString());

        assertEquals(Cli.EXIT_OK, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().matches("wrote " + file.toAbsolutePath() + " \\(1 scenarios, \\d+\\.\\d KB\\)\\n"),
                result.out());
        Document page = SelfContainedHtml.parse(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of(), SelfContainedHtml.externalReferences(page));
        assertEquals("Run " + OLD_RUN, page.selectFirst("h1").text());
        assertTrue(page.selectFirst("#run").text().contains("dt 2026-11-30"));
        assertEquals("332961.19", page.selectFirst("td[data-kpi=total_cost]").text());
        assertEquals("runs/dt=2026-11-30/run_id=" + OLD_RUN + "/run_metadata.json",
                page.selectFirst("#lineage code").text());
    }

    @Test
    void comparesTwoRunsOfDifferentDays() throws IOException {
        Path file = dir.resolve("compare.html");
        CliResult result = run("report", OLD_RUN, "--against", NEW_RUN, "--out", file.toString());

        assertEquals(Cli.EXIT_OK, result.exitCode(), result.out() + result.err());
        Document page = SelfContainedHtml.parse(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("Run " + OLD_RUN + " vs " + NEW_RUN, page.selectFirst("h1").text());
        assertEquals("332961.19 340000.50 +7039.31 (+2.11%)",
                page.selectFirst("#scenario-table tbody tr[data-scenario=baseline]").select("td").get(3).text());
    }

    @Test
    void anUnknownRunIsBadInputAndWritesNothing() throws IOException {
        Path file = dir.resolve("none.html");
        CliResult result = run("report", "no-such-run", "--out", file.toString());

        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode(), result.out() + result.err());
        assertEquals("error: no completed run no-such-run in s3://" + config.objectStore().bucket()
                + "/runs/ (no runs/dt=*/run_id=no-such-run/run_metadata.json)\n", result.err());
        assertTrue(Files.notExists(file));

        CliResult compared = run("report", OLD_RUN, "--against", "no-such-run", "--out", file.toString());
        assertEquals(Cli.EXIT_BAD_INPUT, compared.exitCode());
        assertTrue(Files.notExists(file));
    }

    @Test
    void anInvalidRunIdIsBadInput() {
        CliResult result = run("report", "a/b");

        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode());
        assertTrue(result.err().startsWith("error: run_id: must match"), result.err());
    }

    /** A one-scenario run_metadata.json as QC writes it (fields the report reads). */
    private static byte[] runMetadata(String runId, String dt, double totalCost) {
        String prefix = ObjectLayout.scenarioPrefix(dt, runId, "baseline");
        return ("""
                {"run_id": "%s", "dt": "%s", "created_at_utc": "%sT08:00:00.000000+00:00", "scenarios": ["baseline"],
                 "scenario_count": 1, "status": "passed", "completed_at_utc": "%sT08:00:05.000000+00:00",
                 "scenario_results": {"baseline": {"solver": "toy-v1", "solver_version": "1.0.0",
                   "generator": {"name": "seed-baseline", "version": "1.0.0"},
                   "knobs": {"demand_scale": 1.0, "logistics_cost_scale": 1.0, "variable_cost_scale": 1.0},
                   "kpi_total": {"total_cost": %s, "chosen_site": "DE_KA", "total_capacity": 24493.1,
                     "total_demand": 23326.7, "capacity_utilization": 0.9524},
                   "kpi_cost_breakdown": {"variable_cost": 261437.21, "overtime_cost": 0.0,
                     "inbound_logistics_cost": 28581.27, "outbound_logistics_cost": 42942.71},
                   "qc": {"verdict": "passed", "failed_checks": [], "checks": []},
                   "artifact_prefix": "%s",
                   "lineage": {"request_event_id": "r", "solved_event_id": "s", "published_event_id": "p",
                     "manifest_key": "%smanifest.json"}}},
                 "solver_comparison": []}
                """).formatted(runId, dt, dt, dt, totalCost, prefix, prefix).getBytes(StandardCharsets.UTF_8);
    }
}
