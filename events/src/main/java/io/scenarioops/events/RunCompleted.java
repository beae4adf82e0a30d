package io.scenarioops.events;

import java.util.List;

/**
 * Written by QC once every scenario of a run has passed or failed its checks. Schema version 2:
 * counts and at most {@value #MAX_FAILED_SCENARIO_IDS} failed scenario ids, so that the event
 * stays small for the largest run; every scenario's verdict is in {@code runMetadataKey}.
 */
public record RunCompleted(
        int schemaVersion,
        String eventId,
        String runId,
        String dt,
        String occurredAtUtc,
        int scenarioCount,
        String status,
        String runMetadataKey,
        int passedCount,
        int failedCount,
        List<String> failedScenarioIds) implements PipelineEvent {

    /** The version of run-completed this build writes and reads. */
    public static final int SCHEMA_VERSION = 2;
    public static final int MAX_FAILED_SCENARIO_IDS = 100;
    public static final String STATUS_PASSED = "passed";
    public static final String STATUS_FAILED = "failed";
    public static final String STATUS_PARTIAL = "partial";

    @Override
    public String key() {
        return runId;
    }

    /** How many scenarios have a verdict. */
    public int checkedCount() {
        return passedCount + failedCount;
    }
}
