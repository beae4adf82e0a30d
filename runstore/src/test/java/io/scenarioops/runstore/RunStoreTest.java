package io.scenarioops.runstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.PostgresSettings;
import io.scenarioops.core.TransientException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RunDatabase}, {@link RunWriter} and {@link RunQueries} against a real embedded PostgreSQL: schema,
 * idempotent upserts, exact round trips, readers that never migrate.
 */
@PipelineTest(EmbeddedStack.Component.POSTGRES)
class RunStoreTest {
    private static final String CREATED = "2026-11-26T07:59:00.123456+00:00";

    private static PostgresSettings postgres;
    private static RunDatabase database;
    private static RunWriter writer;
    private static RunQueries queries;

    @BeforeAll
    static void connect(StackSlice slice) {
        postgres = slice.config().postgres();
        database = RunDatabase.openAndMigrate(postgres);
        writer = new RunWriter(database);
        queries = new RunQueries(database);
    }

    @AfterAll
    static void disconnect() {
        if (database != null) {
            database.close();
        }
    }

    // ------------------------------------------------------------------------------ fixtures

    private static String newRunId() {
        return "run-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A scenario that passed QC, with KPIs whose doubles have no short decimal form. */
    private static ScenarioRecord solved(String runId, String scenarioId) {
        return new ScenarioRecord(runId, "2026-11-26", CREATED, 3, scenarioId, 42L,
                new Knobs(1.2, 0.1 + 0.2, 1.0 / 3.0),
                "demand +20%",
                new KpiTotal(123456.78901234567, "site_b", 9876.5, 8765.4321, 8765.4321 / 9876.5),
                new KpiCostBreakdown(Math.PI * 1e5, 0.0, 1e-300, 12345.000000000002),
                ScenarioRecord.VERDICT_PASSED, List.of(),
                "runs/dt=2026-11-26/run_id=" + runId + "/scenario_id=" + scenarioId + "/",
                "2026-11-26T07:59:00.123456+00:00",
                "2026-11-26T07:59:01.000001+00:00",
                "2026-11-26T07:59:01.999999+00:00",
                "2026-11-26T07:59:02.500000+00:00");
    }

    /** A scenario that failed before it was solved: no KPIs, no artifacts, no upstream times. */
    private static ScenarioRecord failedUpstream(String runId, String scenarioId) {
        return new ScenarioRecord(runId, "2026-11-26", CREATED, 3, scenarioId, 42L,
                new Knobs(100.0, 0.0, 1.0), "", null, null,
                ScenarioRecord.VERDICT_FAILED, List.of("solved", "kpis_present"),
                null, null, null, null,
                "2026-11-26T07:59:03.000007+00:00");
    }

    private static List<CheckRecord> passingChecks() {
        return List.of(
                new CheckRecord("total_cost_positive", true, "total_cost=123456.79"),
                new CheckRecord("artifacts_present", true, "6 of 6 artifacts"),
                new CheckRecord("capacity_respected", true, "utilization 0.8875"));
    }

    private static long count(String sql, Object... args) throws SQLException {
        try (Connection connection = jdbc(); PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    private static List<String> checkNames(String runId, String scenarioId) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = jdbc(); PreparedStatement ps = connection.prepareStatement(
                "select check_name from qc_checks where run_id = ? and scenario_id = ? order by check_name")) {
            ps.setString(1, runId);
            ps.setString(2, scenarioId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    // ------------------------------------------------------------------------------ schema

    @Test
    void migrationsCreateTheThreeTablesTheIndexAndRecordVersions1And2() throws SQLException {
        assertEquals(3, count("select count(*) from information_schema.tables where table_schema = current_schema()"
                + " and table_name in ('runs', 'run_scenarios', 'qc_checks')"));
        assertEquals(0, count("select count(*) from information_schema.tables where table_schema = 'public'"),
                "tables in public: the migrations must go to the schema the JDBC URL names (currentSchema)");
        assertEquals(1, count("select count(*) from pg_indexes where tablename = 'runs'"
                + " and schemaname = current_schema() and indexdef like '%(created_at_utc DESC)%'"));
        assertEquals(1, count("select count(*) from flyway_schema_history where version = '1' and success"));
        assertEquals(1, count("select count(*) from flyway_schema_history where version = '2' and success"));
        assertEquals(0, count("select count(*) from flyway_schema_history where version not in ('1', '2')"));
        assertEquals(1, count("select count(*) from information_schema.columns where table_schema = current_schema()"
                + " and table_name = 'run_scenarios' and column_name = 'solver'"));
    }

    @Test
    void connectingAgainDoesNotMigrateAgain() throws SQLException {
        try (RunDatabase second = RunDatabase.openAndMigrate(postgres)) {
            assertTrue(new RunQueries(second).recentRuns(1).size() <= 1);
        }
        assertEquals(2, count("select count(*) from flyway_schema_history where version is not null"));
    }

    /** A new, empty database on the same server. */
    private static PostgresSettings emptyDatabase() throws SQLException {
        String name = "empty_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = jdbc(); Statement sql = connection.createStatement()) {
            sql.execute("create database " + name);
        }
        String url = postgres.jdbcUrl();
        return new PostgresSettings(url.substring(0, url.lastIndexOf('/') + 1) + name, postgres.user(),
                postgres.password());
    }

    private static long tablesIn(PostgresSettings database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); Statement sql = connection.createStatement();
                ResultSet rs = sql.executeQuery(
                        "select count(*) from information_schema.tables where table_schema = 'public'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aReaderOnADatabaseWithoutTheTablesSaysSoAndCreatesNothing() throws SQLException {
        PostgresSettings empty = emptyDatabase();

        RunStoreException error = assertThrows(RunStoreException.class, () -> RunDatabase.openExisting(empty));

        assertTrue(error.getMessage().startsWith(RunDatabase.NO_TABLES_YET), error.getMessage());
        assertTrue(error.getMessage().contains(empty.jdbcUrl()), error.getMessage());
        assertEquals(0, tablesIn(empty), "neither the run tables nor Flyway's history");

        // Once the writer has migrated it, the same reader opens and reads.
        RunDatabase.openAndMigrate(empty).close();
        assertEquals(4, tablesIn(empty), "runs, run_scenarios, qc_checks, flyway_schema_history");
        try (RunDatabase reader = RunDatabase.openExisting(empty)) {
            assertEquals(List.of(), new RunQueries(reader).recentRuns(10));
        }
    }

    @Test
    void aReadersDatabaseRefusesWrites() throws SQLException {
        String runId = newRunId();
        try (RunDatabase reader = RunDatabase.openExisting(postgres)) {
            RunStoreException error = assertThrows(RunStoreException.class,
                    () -> new RunWriter(reader).recordScenario(solved(runId, "base"), passingChecks()));
            assertTrue(error.getMessage().contains("read-only"), error.getMessage());
        }
        assertEquals(0, count("select count(*) from runs where run_id = ?", runId));
    }

    // ------------------------------------------------------------------------------ writes

    @Test
    void recordingTheSameScenarioTwiceLeavesOneRowPerRunScenarioAndCheck() throws SQLException {
        String runId = newRunId();
        ScenarioRecord scenario = solved(runId, "base");

        writer.recordScenario(scenario, passingChecks());
        writer.recordScenario(scenario, passingChecks());

        assertEquals(1, count("select count(*) from runs where run_id = ?", runId));
        assertEquals(1, count("select count(*) from run_scenarios where run_id = ?", runId));
        assertEquals(3, count("select count(*) from qc_checks where run_id = ? and scenario_id = 'base'", runId));
        assertEquals(1, queries.countScenarios(runId), "checked scenarios, as run --wait reports them");
        assertEquals(1, count("select count(*) from runs where run_id = ? and status = 'running'"
                + " and completed_at_utc is null and run_metadata_key is null", runId));
    }

    @Test
    void aSecondRecordingReplacesTheScenarioAndDropsChecksNoLongerReported() throws SQLException {
        String runId = newRunId();
        writer.recordScenario(failedUpstream(runId, "high"), List.of(
                new CheckRecord("solved", false, "no scenario-solved event"),
                new CheckRecord("kpis_present", false, "kpi_total.json missing"),
                new CheckRecord("artifacts_present", false, "0 of 6 artifacts")));

        ScenarioRecord fixed = solved(runId, "high");
        List<CheckRecord> fewer = List.of(
                new CheckRecord("solved", true, "solved at 07:59:01"),
                new CheckRecord("kpis_present", true, "kpi_total.json, kpi_cost_breakdown.json"));
        writer.recordScenario(fixed, fewer);

        assertEquals(List.of("kpis_present", "solved"), checkNames(runId, "high"));
        assertEquals(1, count("select count(*) from run_scenarios where run_id = ? and verdict = 'passed'"
                + " and failed_checks = '{}' and total_cost is not null", runId));
        ScenarioStatus read = queries.findRun(runId).orElseThrow().scenarios().get(0);
        assertEquals(fixed, read.scenario());
        assertEquals(List.of(fewer.get(1), fewer.get(0)), read.checks());

        writer.recordScenario(fixed, List.of());
        assertEquals(List.of(), checkNames(runId, "high"));
    }

    @Test
    void completeRunSetsTheFinalStatusKeyAndTime() {
        String runId = newRunId();
        writer.recordScenario(solved(runId, "base"), passingChecks());

        RunRecord completed = new RunRecord(runId, "2026-11-26", CREATED, 3, "partial",
                "runs/dt=2026-11-26/run_id=" + runId + "/run_metadata.json", "2026-11-26T07:59:05.654321+00:00");
        writer.completeRun(completed);

        assertEquals(completed, queries.findRun(runId).orElseThrow().run());
    }

    @Test
    void completeRunCreatesTheRunWhenNoScenarioWasRecorded() {
        String runId = newRunId();
        RunRecord completed = new RunRecord(runId, "2026-11-27", "2026-11-27T00:00:00.000000+00:00", 2, "failed",
                null, "2026-11-27T00:10:00.000001+00:00");

        writer.completeRun(completed);

        RunStatus status = queries.findRun(runId).orElseThrow();
        assertEquals(completed, status.run());
        assertEquals(List.of(), status.scenarios());
    }

    @Test
    void completeRunRefusesRunningAsAFinalStatus() {
        RunRecord running = new RunRecord(newRunId(), "2026-11-26", CREATED, 1, "running", null, null);
        assertThrows(IllegalArgumentException.class, () -> writer.completeRun(running));
    }

    @Test
    void aScenarioRecordedAfterCompletionDoesNotReopenTheRun() throws SQLException {
        String runId = newRunId();
        writer.recordScenario(solved(runId, "base"), passingChecks());
        RunRecord completed = new RunRecord(runId, "2026-11-26", CREATED, 3, "passed",
                "runs/dt=2026-11-26/run_id=" + runId + "/run_metadata.json", "2026-11-26T07:59:05.000000+00:00");
        writer.completeRun(completed);

        // A replayed event for an already completed run.
        writer.recordScenario(solved(runId, "base"), passingChecks());
        writer.recordScenario(solved(runId, "low"), passingChecks());

        assertEquals(completed, queries.findRun(runId).orElseThrow().run());
        assertEquals(2, count("select count(*) from run_scenarios where run_id = ?", runId));
    }

    @Test
    void aBadRowIsARunStoreExceptionAndNothingOfTheTransactionIsKept() throws SQLException {
        String runId = newRunId();
        ScenarioRecord good = solved(runId, "base");
        ScenarioRecord badVerdict = new ScenarioRecord(runId, good.dt(), good.runCreatedAtUtc(), 3, "base",
                good.seed(), good.knobs(), good.notes(), good.kpiTotal(), good.kpiCostBreakdown(), "maybe",
                good.failedChecks(), good.artifactPrefix(), good.requestedAtUtc(), good.solvedAtUtc(),
                good.publishedAtUtc(), good.checkedAtUtc());

        RunStoreException error = assertThrows(RunStoreException.class,
                () -> writer.recordScenario(badVerdict, passingChecks()));

        assertTrue(error.getMessage().contains("recording scenario " + runId + "/base"), error.getMessage());
        assertTrue(error.getMessage().contains("run_scenarios_verdict_check"), error.getMessage());
        assertEquals(0, count("select count(*) from runs where run_id = ?", runId), "run row rolled back");
    }

    // ------------------------------------------------------------------------------ reads

    @Test
    void findRunReturnsExactlyWhatWasWritten() {
        String runId = newRunId();
        ScenarioRecord base = solved(runId, "base");
        ScenarioRecord high = failedUpstream(runId, "high");
        List<CheckRecord> highChecks = List.of(
                new CheckRecord("solved", false, "no scenario-solved event within 300 s"),
                new CheckRecord("kpis_present", false, "kpi_total.json missing"));
        // Recorded out of order: the answer is ordered by scenario id, then check name.
        writer.recordScenario(high, highChecks);
        writer.recordScenario(base, passingChecks());

        RunStatus status = queries.findRun(runId).orElseThrow();

        assertEquals(new RunRecord(runId, "2026-11-26", CREATED, 3, "running", null, null), status.run());
        assertEquals(List.of(
                new ScenarioStatus(base, List.of(passingChecks().get(1), passingChecks().get(2),
                        passingChecks().get(0))),
                new ScenarioStatus(high, List.of(highChecks.get(1), highChecks.get(0)))),
                status.scenarios());
        ScenarioRecord readBase = status.scenarios().get(0).scenario();
        assertEquals("2026-11-26T07:59:01.000001+00:00", readBase.solvedAtUtc());
        assertEquals(0.1 + 0.2, readBase.knobs().variableCostScale());
        assertEquals(1e-300, readBase.kpiCostBreakdown().inboundLogisticsCost());
        ScenarioRecord readHigh = status.scenarios().get(1).scenario();
        assertNull(readHigh.kpiTotal());
        assertNull(readHigh.kpiCostBreakdown());
        assertNull(readHigh.requestedAtUtc());
        assertNull(readHigh.artifactPrefix());
        assertEquals(List.of("solved", "kpis_present"), readHigh.failedChecks());
    }

    @Test
    void timestampsInAnotherOffsetAreStoredAsTheSameInstantInUtc() {
        String runId = newRunId();
        ScenarioRecord base = solved(runId, "base");
        writer.recordScenario(new ScenarioRecord(runId, base.dt(), "2026-11-26T08:59:00.123456+01:00", 3, "base",
                base.seed(), base.knobs(), base.notes(), base.kpiTotal(), base.kpiCostBreakdown(), base.verdict(),
                base.failedChecks(), base.artifactPrefix(), base.requestedAtUtc(), base.solvedAtUtc(),
                base.publishedAtUtc(), base.checkedAtUtc()), List.of());

        assertEquals(CREATED, queries.findRun(runId).orElseThrow().run().createdAtUtc());
    }

    @Test
    void anUnknownRunIsEmpty() {
        assertEquals(Optional.empty(), queries.findRun("no-such-run"));
        assertEquals(0, queries.countScenarios("no-such-run"));
    }

    @Test
    void recentRunsAreNewestFirstAndLimited() {
        // Far in the future so that the other tests' runs (all on 2026-11-2x) are older.
        String older = newRunId();
        String newest = newRunId();
        String middle = newRunId();
        writer.completeRun(new RunRecord(older, "2099-01-01", "2099-01-01T00:00:01.000000+00:00", 1, "passed", null,
                "2099-01-01T00:00:09.000000+00:00"));
        writer.completeRun(new RunRecord(newest, "2099-01-01", "2099-01-01T00:00:03.000000+00:00", 1, "passed",
                null, "2099-01-01T00:00:09.000000+00:00"));
        writer.completeRun(new RunRecord(middle, "2099-01-01", "2099-01-01T00:00:02.000000+00:00", 1, "passed",
                null, "2099-01-01T00:00:09.000000+00:00"));

        assertEquals(List.of(newest, middle), queries.recentRuns(2).stream().map(RunRecord::runId).toList());
        assertEquals(List.of(newest, middle, older),
                queries.recentRuns(3).stream().map(RunRecord::runId).toList());
        assertTrue(queries.recentRuns(1000).size() > 3);
        assertThrows(IllegalArgumentException.class, () -> queries.recentRuns(0));
    }

    // ------------------------------------------------------------------------------ failures

    @Test
    void aWrongPasswordNamesTheUrlButNotThePassword() throws Exception {
        // The embedded server trusts local connections; require a password for one role only.
        String user = "runstore_pw_" + UUID.randomUUID().toString().substring(0, 8);
        String rightPassword = "right-" + UUID.randomUUID();
        String wrongPassword = "wrong-" + UUID.randomUUID();
        try (Connection connection = jdbc(); Statement sql = connection.createStatement()) {
            sql.execute("create role " + user + " login superuser password '" + rightPassword + "'");
            Path hbaFile;
            try (ResultSet rs = sql.executeQuery("show hba_file")) {
                rs.next();
                hbaFile = Path.of(rs.getString(1));
            }
            String rules = "host all " + user + " 0.0.0.0/0 scram-sha-256\nhost all " + user + " ::/0 scram-sha-256\n";
            Files.writeString(hbaFile, rules + Files.readString(hbaFile));
            sql.execute("select pg_reload_conf()");
        }

        RunStoreException error = assertThrows(RunStoreException.class,
                () -> RunDatabase.openAndMigrate(new PostgresSettings(postgres.jdbcUrl(), user, wrongPassword)));

        assertTrue(error.getMessage().contains(postgres.jdbcUrl()), error.getMessage());
        assertTrue(error.getMessage().contains("password authentication failed"), error.getMessage());
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(wrongPassword), t.toString());
        }
        // The same role with its password gets in: it was the password that was refused.
        try (RunDatabase withPassword = RunDatabase.openExisting(
                new PostgresSettings(postgres.jdbcUrl(), user, rightPassword))) {
            assertEquals(Optional.empty(), new RunQueries(withPassword).findRun("no-such-run"));
        }
    }

    @Test
    void anUnreachableServerIsTransientAndNamesTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres";

        TransientException error = assertThrows(TransientException.class,
                () -> RunDatabase.openExisting(new PostgresSettings(url, "postgres", "secret-" + closedPort)));

        assertTrue(error.getMessage().contains(url), error.getMessage());
        assertFalse(error.getMessage().contains("secret-"), error.getMessage());
    }

    @Test
    void aClosedStoreFailsWithARunStoreException() {
        RunDatabase closed = RunDatabase.openExisting(postgres);
        closed.close();
        RuntimeException error = assertThrows(RuntimeException.class, () -> new RunQueries(closed).findRun("x"));
        assertInstanceOf(RunStoreException.class, error);
        assertTrue(error.getMessage().contains(postgres.jdbcUrl()), error.getMessage());
    }
}
