package io.scenarioops.storage;

/** The object store refused a request for a reason that retrying will not change. */
public class ObjectStoreException extends RuntimeException {
    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
