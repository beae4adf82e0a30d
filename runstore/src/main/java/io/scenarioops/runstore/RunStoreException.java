package io.scenarioops.runstore;

import io.scenarioops.core.TransientException;

/**
 * A run-store failure that retrying will not cure (a constraint violation, a schema problem, bad
 * credentials). Failures expected to pass are thrown as
 * {@link io.scenarioops.core.TransientException} instead.
 */
public class RunStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
