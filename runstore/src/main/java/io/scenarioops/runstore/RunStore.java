package io.scenarioops.runstore;

import io.scenarioops.core.config.Redaction;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.scenarioops.core.config.PostgresSettings;
import io.scenarioops.core.TransientException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.time.Timestamps;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run metadata in PostgreSQL: one row per run, one per (run, scenario), one per QC check. Plain
 * JDBC over a small HikariCP pool; the schema is migrated by Flyway on {@link #connect}.
 *
 * <p>Every write is an upsert keyed by run id / scenario id / check name, so replaying an event
 * never duplicates a row. Failures that are expected to pass (connection lost, pool exhausted,
 * server shutting down, deadlock, serialization failure) are thrown as {@link TransientException}
 * for the caller to retry with backoff; any other SQL failure as {@link RunStoreException}.
 *
 * <p>Thread-safe: each call borrows its own connection.
 */
public final class RunStore implements AutoCloseable {

    public static final String POOL_NAME = "scenarioops-runstore";
    public static final int MAX_POOL_SIZE = 4;
    public static final long CONNECTION_TIMEOUT_MILLIS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);

    /**
     * SQLSTATEs PostgreSQL uses for failures that pass by themselves. The driver reports them as
     * plain SQLExceptions (not SQLTransientException), so the state is what tells them apart:
     * class 08 connection exceptions, serialization failure, deadlock, too many connections,
     * admin/crash shutdown and "cannot connect now" (a server starting up or in recovery).
     */
    private static final Set<String> TRANSIENT_SQL_STATES =
            Set.of("40001", "40P01", "53300", "57P01", "57P02", "57P03");

    private static final List<String> SCENARIO_COLUMNS = List.of(
            "run_id", "scenario_id", "seed", "demand_scale", "variable_cost_scale", "logistics_cost_scale", "notes",
            "total_cost", "variable_cost", "overtime_cost", "inbound_logistics_cost", "outbound_logistics_cost",
            "total_demand", "total_capacity", "capacity_utilization", "chosen_site", "verdict", "failed_checks",
            "artifact_prefix", "requested_at_utc", "solved_at_utc", "published_at_utc", "checked_at_utc");

    private static final String INSERT_RUN_IF_ABSENT = """
            insert into runs (run_id, dt, created_at_utc, scenario_count, status)
            values (?, ?, ?, ?, 'running')
            on conflict (run_id) do nothing""";

    private static final String UPSERT_SCENARIO = "insert into run_scenarios ("
            + String.join(", ", SCENARIO_COLUMNS) + ")\nvalues ("
            + SCENARIO_COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")\n"
            + "on conflict (run_id, scenario_id) do update set "
            + SCENARIO_COLUMNS.stream().skip(2).map(c -> c + " = excluded." + c).collect(Collectors.joining(", "))
            + ", updated_at = now()";

    private static final String DELETE_DROPPED_CHECKS = """
            delete from qc_checks
            where run_id = ? and scenario_id = ? and check_name <> all (?)""";

    private static final String UPSERT_CHECK = """
            insert into qc_checks (run_id, scenario_id, check_name, passed, detail, checked_at_utc)
            values (?, ?, ?, ?, ?, ?)
            on conflict (run_id, scenario_id, check_name) do update set
                passed = excluded.passed, detail = excluded.detail, checked_at_utc = excluded.checked_at_utc""";

    private static final String UPSERT_COMPLETED_RUN = """
            insert into runs (run_id, dt, created_at_utc, scenario_count, status, run_metadata_key, completed_at_utc)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (run_id) do update set
                status = excluded.status, run_metadata_key = excluded.run_metadata_key,
                completed_at_utc = excluded.completed_at_utc, updated_at = now()""";

    private static final String RUN_COLUMNS =
            "run_id, dt, created_at_utc, scenario_count, status, run_metadata_key, completed_at_utc";

    private static final String SELECT_RUN = "select " + RUN_COLUMNS + " from runs where run_id = ?";

    private static final String SELECT_SCENARIOS = "select " + String.join(", ", SCENARIO_COLUMNS)
            + " from run_scenarios where run_id = ? order by scenario_id";

    private static final String SELECT_CHECKS = """
            select scenario_id, check_name, passed, detail from qc_checks
            where run_id = ? order by scenario_id, check_name""";

    private static final String SELECT_RECENT_RUNS = "select " + RUN_COLUMNS
            + " from runs order by created_at_utc desc, run_id desc limit ?";

    private final HikariDataSource dataSource;
    private final String jdbcUrl;

    private RunStore(HikariDataSource dataSource, String jdbcUrl) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Opens the pool and migrates the schema to the newest version. A failure names the JDBC URL
     * and the user, never the password; it is a {@link TransientException} when the server could
     * not be reached (worth retrying), a {@link RunStoreException} otherwise (e.g. bad credentials).
     */
    public static RunStore connect(PostgresSettings settings) {
        String url = Redaction.url(settings.jdbcUrl());
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(settings.jdbcUrl());
        hikari.setUsername(settings.user());
        hikari.setPassword(settings.password());
        hikari.setMaximumPoolSize(MAX_POOL_SIZE);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        hikari.setPoolName(POOL_NAME);
        HikariDataSource dataSource;
        try {
            // Fails fast (initializationFailTimeout): a first connection is made here.
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw failure("cannot connect to PostgreSQL at " + url + " as user " + settings.user(), e);
        }
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("run store at {}: schema migrated from version {} to {} ({} migrations)", url,
                        result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                        result.targetSchemaVersion, result.migrationsExecuted);
            } else {
                LOG.debug("run store at {}: schema up to date at version {}", url, result.initialSchemaVersion);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw failure("cannot migrate the run-store schema at " + url, e);
        }
        return new RunStore(dataSource, url);
    }

    /** The database this store writes to, for messages: credentials in the URL are masked. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * Records one checked scenario in one transaction: creates its run (status {@code running})
     * unless it exists, so a completed run is never downgraded; upserts the scenario; removes
     * checks of the scenario that are not in {@code checks}; upserts each check. Recording the
     * same scenario again leaves one row per scenario and one per check.
     */
    public void recordScenario(ScenarioRecord scenario, List<CheckRecord> checks) {
        List<String> checkNames = checks.stream().map(CheckRecord::name).toList();
        inTransaction("recording scenario " + scenario.runId() + "/" + scenario.scenarioId(), connection -> {
            try (PreparedStatement run = connection.prepareStatement(INSERT_RUN_IF_ABSENT)) {
                run.setString(1, scenario.runId());
                run.setObject(2, LocalDate.parse(scenario.dt()));
                setTimestamp(run, 3, scenario.runCreatedAtUtc());
                run.setInt(4, scenario.scenarioCount());
                run.executeUpdate();
            }
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_SCENARIO)) {
                bindScenario(connection, upsert, scenario);
                upsert.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement(DELETE_DROPPED_CHECKS)) {
                delete.setString(1, scenario.runId());
                delete.setString(2, scenario.scenarioId());
                delete.setArray(3, connection.createArrayOf("text", checkNames.toArray(String[]::new)));
                delete.executeUpdate();
            }
            if (!checks.isEmpty()) {
                try (PreparedStatement upsert = connection.prepareStatement(UPSERT_CHECK)) {
                    for (CheckRecord check : checks) {
                        upsert.setString(1, scenario.runId());
                        upsert.setString(2, scenario.scenarioId());
                        upsert.setString(3, check.name());
                        upsert.setBoolean(4, check.passed());
                        upsert.setString(5, check.detail());
                        setTimestamp(upsert, 6, scenario.checkedAtUtc());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
            return null;
        });
    }

    /** Creates or updates the run's row with its final status, run_metadata key and completion time. */
    public void completeRun(RunRecord run) {
        if (RunRecord.STATUS_RUNNING.equals(run.status())) {
            throw new IllegalArgumentException("a completed run needs a final status, got '" + run.status() + "'");
        }
        inTransaction("completing run " + run.runId(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_COMPLETED_RUN)) {
                upsert.setString(1, run.runId());
                upsert.setObject(2, LocalDate.parse(run.dt()));
                setTimestamp(upsert, 3, run.createdAtUtc());
                upsert.setInt(4, run.scenarioCount());
                upsert.setString(5, run.status());
                upsert.setString(6, run.runMetadataKey());
                setTimestamp(upsert, 7, run.completedAtUtc());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /** The run, its scenarios (by scenario id) and their checks (by check name); empty if unknown. */
    /** How many of the run's scenarios have been checked: one row each, however many checks. */
    public int countScenarios(String runId) {
        return inTransaction("counting scenarios of run " + runId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select count(*) from run_scenarios where run_id = ?")) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    public Optional<RunStatus> findRun(String runId) {
        return inTransaction("reading run " + runId, connection -> {
            // One snapshot for the three queries, so a concurrent writer cannot tear the answer.
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            RunRecord run;
            try (PreparedStatement select = connection.prepareStatement(SELECT_RUN)) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<RunStatus>empty();
                    }
                    run = readRun(rs);
                }
            }
            Map<String, List<CheckRecord>> checks = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT_CHECKS)) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        checks.computeIfAbsent(rs.getString("scenario_id"), id -> new ArrayList<>())
                                .add(new CheckRecord(rs.getString("check_name"), rs.getBoolean("passed"),
                                        rs.getString("detail")));
                    }
                }
            }
            List<ScenarioStatus> scenarios = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT_SCENARIOS)) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ScenarioRecord scenario = readScenario(rs, run);
                        scenarios.add(new ScenarioStatus(scenario,
                                checks.getOrDefault(scenario.scenarioId(), List.of())));
                    }
                }
            }
            return Optional.of(new RunStatus(run, scenarios));
        });
    }

    /** At most {@code limit} runs, newest {@code created_at_utc} first. */
    public List<RunRecord> recentRuns(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return inTransaction("listing runs", connection -> {
            List<RunRecord> runs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT_RECENT_RUNS)) {
                select.setInt(1, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        runs.add(readRun(rs));
                    }
                }
            }
            return runs;
        });
    }

    /** Closes the pool; later calls fail. */
    @Override
    public void close() {
        dataSource.close();
    }

    // ---------------------------------------------------------------- binding and reading rows

    private static void bindScenario(Connection connection, PreparedStatement ps, ScenarioRecord s)
            throws SQLException {
        KpiTotal total = s.kpiTotal();
        KpiCostBreakdown cost = s.kpiCostBreakdown();
        int i = 1;
        ps.setString(i++, s.runId());
        ps.setString(i++, s.scenarioId());
        ps.setLong(i++, s.seed());
        ps.setDouble(i++, s.knobs().demandScale());
        ps.setDouble(i++, s.knobs().variableCostScale());
        ps.setDouble(i++, s.knobs().logisticsCostScale());
        ps.setString(i++, s.notes());
        setDouble(ps, i++, total == null ? null : total.totalCost());
        setDouble(ps, i++, cost == null ? null : cost.variableCost());
        setDouble(ps, i++, cost == null ? null : cost.overtimeCost());
        setDouble(ps, i++, cost == null ? null : cost.inboundLogisticsCost());
        setDouble(ps, i++, cost == null ? null : cost.outboundLogisticsCost());
        setDouble(ps, i++, total == null ? null : total.totalDemand());
        setDouble(ps, i++, total == null ? null : total.totalCapacity());
        setDouble(ps, i++, total == null ? null : total.capacityUtilization());
        ps.setString(i++, total == null ? null : total.chosenSite());
        ps.setString(i++, s.verdict());
        ps.setArray(i++, connection.createArrayOf("text", s.failedChecks().toArray(String[]::new)));
        ps.setString(i++, s.artifactPrefix());
        setTimestamp(ps, i++, s.requestedAtUtc());
        setTimestamp(ps, i++, s.solvedAtUtc());
        setTimestamp(ps, i++, s.publishedAtUtc());
        setTimestamp(ps, i++, s.checkedAtUtc());
        assert i == SCENARIO_COLUMNS.size() + 1;
    }

    private static RunRecord readRun(ResultSet rs) throws SQLException {
        return new RunRecord(
                rs.getString("run_id"),
                rs.getObject("dt", LocalDate.class).toString(),
                timestamp(rs, "created_at_utc"),
                rs.getInt("scenario_count"),
                rs.getString("status"),
                rs.getString("run_metadata_key"),
                timestamp(rs, "completed_at_utc"));
    }

    /** The scenario row under the cursor; the run facts come from its run's row. */
    private static ScenarioRecord readScenario(ResultSet rs, RunRecord run) throws SQLException {
        Double totalCost = nullableDouble(rs, "total_cost");
        KpiTotal total = totalCost == null ? null : new KpiTotal(
                totalCost,
                rs.getString("chosen_site"),
                rs.getDouble("total_capacity"),
                rs.getDouble("total_demand"),
                rs.getDouble("capacity_utilization"));
        Double variableCost = nullableDouble(rs, "variable_cost");
        KpiCostBreakdown cost = variableCost == null ? null : new KpiCostBreakdown(
                variableCost,
                rs.getDouble("overtime_cost"),
                rs.getDouble("inbound_logistics_cost"),
                rs.getDouble("outbound_logistics_cost"));
        Array failed = rs.getArray("failed_checks");
        List<String> failedChecks = Arrays.asList((String[]) failed.getArray());
        failed.free();
        return new ScenarioRecord(
                run.runId(),
                run.dt(),
                run.createdAtUtc(),
                run.scenarioCount(),
                rs.getString("scenario_id"),
                rs.getLong("seed"),
                new Knobs(rs.getDouble("demand_scale"), rs.getDouble("variable_cost_scale"),
                        rs.getDouble("logistics_cost_scale")),
                rs.getString("notes"),
                total,
                cost,
                rs.getString("verdict"),
                failedChecks,
                rs.getString("artifact_prefix"),
                timestamp(rs, "requested_at_utc"),
                timestamp(rs, "solved_at_utc"),
                timestamp(rs, "published_at_utc"),
                timestamp(rs, "checked_at_utc"));
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** A seed-format UTC timestamp string (or null) as timestamptz, at microsecond precision. */
    private static void setTimestamp(PreparedStatement ps, int index, String utc) throws SQLException {
        if (utc == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(Timestamps.parseUtc(utc), ZoneOffset.UTC));
        }
    }

    private static String timestamp(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : Timestamps.utc(value.toInstant());
    }

    // ---------------------------------------------------------------- transactions and failures

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what + " in " + jdbcUrl, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            // The connection is likely gone; Hikari evicts it. The original failure is what matters.
            failure.addSuppressed(rollbackFailure);
        }
    }

    /**
     * {@code context: <cause>} as a {@link TransientException} when an SQLException in the cause
     * chain is one that passes by itself, else as a {@link RunStoreException}.
     */
    private static RuntimeException failure(String context, Throwable error) {
        String message = context + ": " + describe(error);
        if (isTransient(error)) {
            return new TransientException(message, error);
        }
        return new RunStoreException(message, error);
    }

    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || TRANSIENT_SQL_STATES.contains(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The message of the innermost SQLException in the chain (where the driver says what went
     * wrong, e.g. "password authentication failed for user ..."), else of the innermost cause.
     */
    private static String describe(Throwable error) {
        String best = null;
        String innermost = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                innermost = message;
                if (t instanceof SQLException) {
                    best = message;
                }
            }
        }
        if (best != null) {
            return best;
        }
        return innermost != null ? innermost : error.toString();
    }
}
