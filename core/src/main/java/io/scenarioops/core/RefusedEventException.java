package io.scenarioops.core;

/**
 * A readable event a stage will not act on, because it contradicts what the pipeline already
 * holds: its record key, its object keys, its run's request, or a scenario already published for
 * that request. The record goes to the dead-letter topic with this reason, and no stand-in is sent
 * downstream: the scenario it claims has its answer, or is not what it claims.
 */
public final class RefusedEventException extends RuntimeException {
    public RefusedEventException(String reason) {
        super(reason);
    }
}
