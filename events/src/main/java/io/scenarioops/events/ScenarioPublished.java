package io.scenarioops.events;

import io.scenarioops.model.Component;
import io.scenarioops.model.Knobs;

/**
 * A scenario whose artifacts and manifest are in the object store, written by the publisher.
 * QC reads the artifacts back through {@code manifestKey}. On failure {@code failure} is set and
 * the manifest fields are null.
 */
public record ScenarioPublished(
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
        String requestEventId,
        String solvedEventId,
        String requestedAtUtc,
        String solvedAtUtc,
        Component generator,
        Component solver,
        String artifactPrefix,
        String manifestKey,
        String manifestSha256,
        StageFailure failure) implements PipelineEvent {

    @Override
    public String key() {
        return EventKeys.scenarioKey(runId, scenarioId);
    }

    public boolean failed() {
        return failure != null;
    }
}
