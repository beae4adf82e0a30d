package io.scenarioops.events;

/**
 * The envelope every pipeline event carries, so that any stage (and QC in particular) can tell
 * which run an event belongs to and when that run is complete without another lookup.
 */
public sealed interface PipelineEvent permits ScenarioEvent, RunCompleted {
    /**
     * The schema version this code writes for the scenario events; readers reject any other.
     * run-completed has its own, {@link RunCompleted#SCHEMA_VERSION}.
     */
    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String eventId();

    String runId();

    /** The run's partition date, {@code YYYY-MM-DD}, taken from the run's creation time. */
    String dt();

    String occurredAtUtc();

    /** How many scenarios the run has, so consumers know when they have seen all of them. */
    int scenarioCount();

    /** The Kafka record key of this event, as fixed by the topic catalog. */
    String key();
}
