package io.scenarioops.events;

/** An event about one scenario of a run; the envelope fields are those of its {@link ScenarioHeader}. */
public sealed interface ScenarioEvent extends PipelineEvent
        permits ScenarioRequested, ScenarioSolved, ScenarioPublished {
    ScenarioHeader header();

    @Override
    default int schemaVersion() {
        return header().schemaVersion();
    }

    @Override
    default String eventId() {
        return header().eventId();
    }

    @Override
    default String runId() {
        return header().runId();
    }

    @Override
    default String dt() {
        return header().dt();
    }

    @Override
    default String occurredAtUtc() {
        return header().occurredAtUtc();
    }

    @Override
    default int scenarioCount() {
        return header().scenarioCount();
    }

    default String runCreatedAtUtc() {
        return header().runCreatedAtUtc();
    }

    default String scenarioId() {
        return header().scenarioId();
    }

    @Override
    default String key() {
        return EventKeys.scenarioKey(runId(), scenarioId());
    }
}
