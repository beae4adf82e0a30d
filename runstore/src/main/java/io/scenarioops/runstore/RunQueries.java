package io.scenarioops.runstore;

import static io.scenarioops.runstore.RunRows.RUN_COLUMNS;
import static io.scenarioops.runstore.RunRows.SCENARIO_COLUMNS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the command line asks about runs: one run's status, the recent runs, a run's checked count. */
public final class RunQueries {

    private static final String SELECT_RUN = "select " + RUN_COLUMNS + " from runs where run_id = ?";

    private static final String SELECT_SCENARIOS = "select " + String.join(", ", SCENARIO_COLUMNS)
            + " from run_scenarios where run_id = ? order by scenario_id";

    private static final String SELECT_CHECKS = """
            select scenario_id, check_name, passed, detail from qc_checks
            where run_id = ? order by scenario_id, check_name""";

    private static final String SELECT_RECENT_RUNS = "select " + RUN_COLUMNS
            + " from runs order by created_at_utc desc, run_id desc limit ?";

    private static final String COUNT_SCENARIOS = "select count(*) from run_scenarios where run_id = ?";

    private final RunDatabase database;

    /** Reads through {@code database}; {@link RunDatabase#openExisting} is enough. */
    public RunQueries(RunDatabase database) {
        this.database = database;
    }

    /** How many of the run's scenarios have been checked: one row each, however many checks. */
    public int countScenarios(String runId) {
        return database.inTransaction("counting scenarios of run " + runId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(COUNT_SCENARIOS)) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The run, its scenarios (by scenario id) and their checks (by check name); empty if unknown. */
    public Optional<RunStatus> findRun(String runId) {
        return database.inTransaction("reading run " + runId, connection -> {
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
                    run = RunRows.readRun(rs);
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
                        ScenarioRecord scenario = RunRows.readScenario(rs, run);
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
        return database.inTransaction("listing runs", connection -> {
            List<RunRecord> runs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT_RECENT_RUNS)) {
                select.setInt(1, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        runs.add(RunRows.readRun(rs));
                    }
                }
            }
            return runs;
        });
    }
}
