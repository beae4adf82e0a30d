package io.scenarioops.runstore;

import io.scenarioops.model.Knobs;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.time.Timestamps;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The records as rows: the column lists, parameter binding and reading back. Timestamps travel as
 * seed-format UTC strings in the records and as timestamptz (microsecond precision) in the rows.
 */
final class RunRows {
    static final List<String> SCENARIO_COLUMNS = List.of(
            "run_id", "scenario_id", "seed", "demand_scale", "variable_cost_scale", "logistics_cost_scale", "notes",
            "total_cost", "variable_cost", "overtime_cost", "inbound_logistics_cost", "outbound_logistics_cost",
            "total_demand", "total_capacity", "capacity_utilization", "chosen_site", "verdict", "failed_checks",
            "artifact_prefix", "requested_at_utc", "solved_at_utc", "published_at_utc", "checked_at_utc", "solver");

    static final String RUN_COLUMNS =
            "run_id, dt, created_at_utc, scenario_count, status, run_metadata_key, completed_at_utc";

    private RunRows() {
    }

    /** Binds every one of {@link #SCENARIO_COLUMNS}, in order, from parameter 1. */
    static void bindScenario(Connection connection, PreparedStatement ps, ScenarioRecord s) throws SQLException {
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
        ps.setString(i++, s.solver());
        assert i == SCENARIO_COLUMNS.size() + 1;
    }

    /** The run row under the cursor, selected with {@link #RUN_COLUMNS}. */
    static RunRecord readRun(ResultSet rs) throws SQLException {
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
    static ScenarioRecord readScenario(ResultSet rs, RunRecord run) throws SQLException {
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
                timestamp(rs, "checked_at_utc"),
                rs.getString("solver"));
    }

    /** A seed-format UTC timestamp string (or null) as timestamptz, at microsecond precision. */
    static void setTimestamp(PreparedStatement ps, int index, String utc) throws SQLException {
        if (utc == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(Timestamps.parseUtc(utc), ZoneOffset.UTC));
        }
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

    private static String timestamp(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : Timestamps.utc(value.toInstant());
    }
}
