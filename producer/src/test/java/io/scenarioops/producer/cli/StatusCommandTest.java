package io.scenarioops.producer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.runstore.CheckRecord;
import io.scenarioops.runstore.RunRecord;
import io.scenarioops.runstore.RunDatabase;
import io.scenarioops.runstore.RunWriter;
import io.scenarioops.runstore.ScenarioRecord;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.core.config.PostgresSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code scenarioops status} and {@code scenarioops runs} against a real embedded PostgreSQL. */
@PipelineTest(EmbeddedStack.Component.POSTGRES)
class StatusCommandTest {
    private static final String DONE = "run-done-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String BUSY = "run-busy-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String COMPARED = "run-compared-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String DONE_CREATED = "2026-11-26T07:59:00.123456+00:00";
    private static final String BUSY_CREATED = "2026-11-26T09:00:00.000001+00:00";
    private static final String COMPARED_CREATED = "2026-11-25T10:00:00.000000+00:00";

    private static ScenarioOpsConfig config;

    @BeforeAll
    static void recordTwoRuns(StackSlice slice) {
        config = slice.config();
        try (RunDatabase database = RunDatabase.openAndMigrate(config.postgres())) {
            RunWriter store = new RunWriter(database);
            // A completed run: one scenario passed, one failed a check.
            store.recordScenario(scenario(DONE, DONE_CREATED, 2, "base", new KpiTotal(123456.789, "site_a", 1000, 800, 0.8),
                    "passed", List.of(), "2026-11-26T07:59:00.123456+00:00", "2026-11-26T07:59:01.234567+00:00",
                    "2026-11-26T07:59:01.500000+00:00", "2026-11-26T07:59:02.999999+00:00"),
                    List.of(new CheckRecord("total_cost_positive", true, "ok")));
            store.recordScenario(scenario(DONE, DONE_CREATED, 2, "high", new KpiTotal(200000.005, "site_b", 1000, 1200, 1.2),
                    "failed", List.of("capacity_respected", "utilization_below_1"),
                    "2026-11-26T07:59:00.123456+00:00", "2026-11-26T07:59:01.700000+00:00",
                    "2026-11-26T07:59:02.000000+00:00", "2026-11-26T07:59:03.000000+00:00"),
                    List.of(new CheckRecord("capacity_respected", false, "over by 200"),
                            new CheckRecord("utilization_below_1", false, "1.2")));
            store.completeRun(new RunRecord(DONE, "2026-11-26", DONE_CREATED, 2, "partial",
                    "runs/dt=2026-11-26/run_id=" + DONE + "/run_metadata.json", "2026-11-26T07:59:04.000000+00:00"));
            // A run comparing the solvers on the seed's baseline.
            for (String solver : List.of("toy-v1", "lp-v1")) {
                double total = solver.equals("toy-v1") ? 332961.19 : 322133.37;
                ScenarioRecord s = scenario(COMPARED, COMPARED_CREATED, 2, solver.equals("toy-v1") ? "base" : "base_lp",
                        new KpiTotal(total, "site_a", 1000, 800, 0.8), "passed", List.of(), null, null, null,
                        "2026-11-26T07:59:02.999999+00:00");
                store.recordScenario(new ScenarioRecord(s.runId(), s.dt(), s.runCreatedAtUtc(), s.scenarioCount(),
                        s.scenarioId(), s.seed(), s.knobs(), s.notes(), s.kpiTotal(), s.kpiCostBreakdown(), s.verdict(),
                        s.failedChecks(), s.artifactPrefix(), null, null, null, s.checkedAtUtc(), solver), List.of());
            }
            // A run still in progress: its only recorded scenario failed upstream (no KPIs, no times).
            store.recordScenario(scenario(BUSY, BUSY_CREATED, 3, "low", null, "failed", List.of("solved"),
                    null, null, null, "2026-11-26T09:05:00.000000+00:00"),
                    List.of(new CheckRecord("solved", false, "no scenario-solved event")));
        }
    }

    private static ScenarioRecord scenario(String runId, String created, int count, String scenarioId, KpiTotal kpis,
            String verdict, List<String> failed, String requested, String solved, String published, String checked) {
        return new ScenarioRecord(runId, "2026-11-26", created, count, scenarioId, 7L, Knobs.NEUTRAL, "", kpis,
                kpis == null ? null : new KpiCostBreakdown(1, 2, 3, 4), verdict, failed,
                kpis == null ? null : "runs/dt=2026-11-26/run_id=" + runId + "/scenario_id=" + scenarioId + "/",
                requested, solved, published, checked);
    }

    private record Result(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Result run(ScenarioOpsConfig configuration, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(new ScenarioOpsCommand(() -> configuration));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }

    private static List<String> cells(String line) {
        return Arrays.asList(line.strip().split("\\s+"));
    }

    @Test
    void statusShowsEachScenariosSolverAndWhatLpSavedAgainstTheToy() {
        Result result = run(config, "status", COMPARED);
        assertEquals(Cli.EXIT_OK, result.exitCode(), result.err());
        List<String> lines = result.lines();
        assertEquals(List.of("base", "toy-v1", "passed", "-", "332961.19", "-", "-", "-", "07:59:02.999"),
                cells(lines.get(2)));
        assertEquals("base_lp", cells(lines.get(3)).get(0));
        assertEquals("lp-v1", cells(lines.get(3)).get(1));
        assertEquals("lp-v1 base_lp 322133.37 vs toy-v1 base 332961.19 (same knobs): saving 10827.82 (3.25%)",
                lines.get(4));
    }

    @Test
    void statusPrintsTheRunAndOneRowPerScenario() {
        Result result = run(config, "status", DONE);

        assertEquals(Cli.EXIT_OK, result.exitCode(), result.err());
        assertEquals("", result.err());
        List<String> lines = result.lines();
        assertEquals(4, lines.size(), result.out());
        assertEquals("run " + DONE + "  dt 2026-11-26  created " + DONE_CREATED + "  2 scenarios  status partial"
                + "  completed 2026-11-26T07:59:04.000000+00:00"
                + "  run_metadata runs/dt=2026-11-26/run_id=" + DONE + "/run_metadata.json", lines.get(0));
        assertEquals(List.of("SCENARIO", "SOLVER", "VERDICT", "FAILED_CHECKS", "TOTAL_COST", "REQUESTED", "SOLVED", "PUBLISHED",
                "CHECKED"), cells(lines.get(1)));
        assertEquals(List.of("base", "toy-v1", "passed", "-", "123456.79", "07:59:00.123", "07:59:01.234", "07:59:01.500",
                "07:59:02.999"), cells(lines.get(2)));
        assertEquals(List.of("high", "toy-v1", "failed", "capacity_respected,utilization_below_1", "200000.01", "07:59:00.123",
                "07:59:01.700", "07:59:02.000", "07:59:03.000"), cells(lines.get(3)));
        // Columns line up: every row starts its columns where the header does.
        assertEquals(lines.get(1).indexOf("VERDICT"), lines.get(3).indexOf("failed"));
        assertEquals(lines.get(1).indexOf("CHECKED"), lines.get(3).indexOf("07:59:03.000"));
    }

    @Test
    void statusOfARunningRunShowsDashesForWhatIsNotKnownYet() {
        Result result = run(config, "status", BUSY);

        assertEquals(Cli.EXIT_OK, result.exitCode(), result.err());
        List<String> lines = result.lines();
        assertEquals("run " + BUSY + "  dt 2026-11-26  created " + BUSY_CREATED + "  3 scenarios (1 recorded)"
                + "  status running  completed -  run_metadata -", lines.get(0));
        assertEquals(List.of("low", "toy-v1", "failed", "solved", "-", "-", "-", "-", "09:05:00.000"), cells(lines.get(2)));
    }

    @Test
    void anUnknownRunIsABadArgument() {
        Result result = run(config, "status", "no-such-run");

        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode());
        assertEquals("error: no run no-such-run in " + config.postgres().jdbcUrl(), result.err().strip());
        assertEquals("", result.out());
    }

    @Test
    void runsListsRunsNewestFirst() {
        Result result = run(config, "runs");

        assertEquals(Cli.EXIT_OK, result.exitCode(), result.err());
        List<String> lines = result.lines();
        assertEquals(4, lines.size(), result.out());
        assertEquals(List.of("CREATED", "RUN_ID", "DT", "SCENARIOS", "STATUS", "COMPLETED"), cells(lines.get(0)));
        assertEquals(COMPARED, cells(lines.get(3)).get(1));
        assertEquals(List.of(BUSY_CREATED, BUSY, "2026-11-26", "3", "running", "-"), cells(lines.get(1)));
        assertEquals(List.of(DONE_CREATED, DONE, "2026-11-26", "2", "partial", "2026-11-26T07:59:04.000000+00:00"),
                cells(lines.get(2)));
    }

    @Test
    void runsHonoursTheLimit() {
        Result one = run(config, "runs", "--limit", "1");
        assertEquals(Cli.EXIT_OK, one.exitCode(), one.err());
        assertEquals(2, one.lines().size(), one.out());
        assertEquals(BUSY, cells(one.lines().get(1)).get(1));

        Result zero = run(config, "runs", "--limit", "0");
        assertEquals(Cli.EXIT_BAD_INPUT, zero.exitCode());
        assertTrue(zero.err().contains("--limit: must be at least 1, got 0"), zero.err());
    }

    @Test
    void aDatabaseWithoutTheTablesIsNamedNotMigrated() throws SQLException {
        String empty = "empty_" + UUID.randomUUID().toString().substring(0, 8);
        PostgresSettings pg = config.postgres();
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement sql = connection.createStatement()) {
            sql.execute("create database " + empty);
        }
        String emptyUrl = pg.jdbcUrl().substring(0, pg.jdbcUrl().lastIndexOf('/') + 1) + empty;
        ScenarioOpsConfig unmigrated = ScenarioOpsConfig.fromEnv(Map.of("PG_URL", emptyUrl, "PG_USER", pg.user(),
                "PG_PASSWORD", pg.password()));
        for (String[] args : List.of(new String[] {"status", DONE}, new String[] {"runs"})) {
            Result result = run(unmigrated, args);
            assertEquals(Cli.EXIT_FAILED, result.exitCode(), String.join(" ", args));
            assertEquals("error: " + RunDatabase.NO_TABLES_YET + " (" + emptyUrl + ")", result.err().strip());
            assertEquals("", result.out());
        }
    }

    @Test
    void missingPostgresConfigurationIsABadConfiguration() {
        ScenarioOpsConfig unconfigured = ScenarioOpsConfig.fromEnv(Map.of());
        for (String[] args : List.of(new String[] {"status", DONE}, new String[] {"runs"})) {
            Result result = run(unconfigured, args);
            assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode(), String.join(" ", args));
            assertTrue(result.err().contains("PG_URL is not set"), result.err());
        }
    }
}
