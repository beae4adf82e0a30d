package io.scenarioops.core;

/**
 * A failure of a peer (object store, database) that is expected to pass; stages retry the work
 * with backoff for as long as it lasts instead of dead-lettering it.
 */
public class TransientException extends RuntimeException {
    public TransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
