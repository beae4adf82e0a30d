package io.scenarioops.events;

/**
 * The fields every scenario event starts with, in their order on the wire: the envelope, the run
 * the scenario belongs to and the scenario's id. Each stage answers an event with the same header
 * under its own event id and time ({@link #next}).
 */
public record ScenarioHeader(
        int schemaVersion,
        String eventId,
        String runId,
        String dt,
        String occurredAtUtc,
        int scenarioCount,
        String runCreatedAtUtc,
        String scenarioId) {

    /** The header of another event about the same scenario of the same run, e.g. the next stage's answer. */
    public ScenarioHeader next(String nextEventId, String nextOccurredAtUtc) {
        return new ScenarioHeader(PipelineEvent.SCHEMA_VERSION, nextEventId, runId, dt, nextOccurredAtUtc,
                scenarioCount, runCreatedAtUtc, scenarioId);
    }
}
