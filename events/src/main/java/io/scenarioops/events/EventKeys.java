package io.scenarioops.events;

/** Record keys: scenario events are keyed {@code <run_id>/<scenario_id>}, run events by run id. */
public final class EventKeys {
    private EventKeys() {
    }

    public static String scenarioKey(String runId, String scenarioId) {
        return runId + "/" + scenarioId;
    }
}
