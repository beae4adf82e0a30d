package io.scenarioops.runstore;

import static io.scenarioops.runstore.RunRows.SCENARIO_COLUMNS;

import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rows QC writes: one per run, one per (run, scenario), one per check. Every write is an
 * upsert keyed by run id / scenario id / check name, so replaying an event never duplicates a row.
 */
public final class RunWriter {

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

    private final RunDatabase database;

    /** Writes through {@code database}, which should have been opened with {@link RunDatabase#openAndMigrate}. */
    public RunWriter(RunDatabase database) {
        this.database = database;
    }

    /**
     * Records one checked scenario in one transaction: creates its run (status {@code running})
     * unless it exists, so a completed run is never downgraded; upserts the scenario; removes
     * checks of the scenario that are not in {@code checks}; upserts each check. Recording the
     * same scenario again leaves one row per scenario and one per check.
     */
    public void recordScenario(ScenarioRecord scenario, List<CheckRecord> checks) {
        List<String> checkNames = checks.stream().map(CheckRecord::name).toList();
        database.inTransaction("recording scenario " + scenario.runId() + "/" + scenario.scenarioId(), connection -> {
            try (PreparedStatement run = connection.prepareStatement(INSERT_RUN_IF_ABSENT)) {
                run.setString(1, scenario.runId());
                run.setObject(2, LocalDate.parse(scenario.dt()));
                RunRows.setTimestamp(run, 3, scenario.runCreatedAtUtc());
                run.setInt(4, scenario.scenarioCount());
                run.executeUpdate();
            }
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_SCENARIO)) {
                RunRows.bindScenario(connection, upsert, scenario);
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
                        RunRows.setTimestamp(upsert, 6, scenario.checkedAtUtc());
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
        database.inTransaction("completing run " + run.runId(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_COMPLETED_RUN)) {
                upsert.setString(1, run.runId());
                upsert.setObject(2, LocalDate.parse(run.dt()));
                RunRows.setTimestamp(upsert, 3, run.createdAtUtc());
                upsert.setInt(4, run.scenarioCount());
                upsert.setString(5, run.status());
                upsert.setString(6, run.runMetadataKey());
                RunRows.setTimestamp(upsert, 7, run.completedAtUtc());
                upsert.executeUpdate();
            }
            return null;
        });
    }
}
