package io.scenarioops.common.runstore;

/**
 * A run-store failure that retrying will not cure (a constraint violation, a schema problem, bad
 * credentials). Failures expected to pass are thrown as
 * {@link io.scenarioops.common.kafka.TransientException} instead.
 */
public class RunStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
