package io.scenarioops.runstore;

import java.util.Objects;

/**
 * One row of {@code runs}. {@code status} is {@code running} until QC completes the run, then
 * {@code passed}, {@code failed} or {@code partial}; {@code runMetadataKey} and
 * {@code completedAtUtc} are null while it is running. Timestamps are strings in the seed's
 * format ({@code 2026-11-26T07:59:00.123456+00:00}), {@code dt} is {@code YYYY-MM-DD}.
 */
public record RunRecord(
        String runId,
        String dt,
        String createdAtUtc,
        int scenarioCount,
        String status,
        String runMetadataKey,
        String completedAtUtc) {

    public static final String STATUS_RUNNING = "running";

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(dt, "dt");
        Objects.requireNonNull(createdAtUtc, "createdAtUtc");
        Objects.requireNonNull(status, "status");
    }
}
