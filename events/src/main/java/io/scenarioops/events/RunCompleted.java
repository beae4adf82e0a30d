package io.scenarioops.events;

import java.util.List;

/** Written by QC once every scenario of a run has passed or failed its checks. */
public record RunCompleted(
        int schemaVersion,
        String eventId,
        String runId,
        String dt,
        String occurredAtUtc,
        int scenarioCount,
        String status,
        String runMetadataKey,
        List<ScenarioVerdict> scenarios) implements PipelineEvent {

    public static final String STATUS_PASSED = "passed";
    public static final String STATUS_FAILED = "failed";
    public static final String STATUS_PARTIAL = "partial";

    @Override
    public String key() {
        return runId;
    }

    /** One scenario's QC outcome: {@code passed} or {@code failed}, with the names of failed checks. */
    public record ScenarioVerdict(String scenarioId, String verdict, List<String> failedChecks) {
    }
}
