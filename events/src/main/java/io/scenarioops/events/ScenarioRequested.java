package io.scenarioops.events;

import io.scenarioops.model.Knobs;

/** One scenario of a run request, written by the producer. */
public record ScenarioRequested(
        int schemaVersion,
        String eventId,
        String runId,
        String dt,
        String occurredAtUtc,
        int scenarioCount,
        String runCreatedAtUtc,
        String scenarioId,
        long seed,
        Knobs knobs,
        String notes) implements PipelineEvent {

    @Override
    public String key() {
        return EventKeys.scenarioKey(runId, scenarioId);
    }
}
