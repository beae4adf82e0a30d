package io.scenarioops.events;

/**
 * Bytes that are not a valid event of the expected type: not JSON, an unsupported
 * {@code schema_version}, a missing or mistyped field, or a value outside its domain. The reason
 * is meant for humans (logs, dead-letter headers, CLI output).
 */
public class InvalidEventException extends RuntimeException {
    private final String reason;

    public InvalidEventException(String eventType, String reason) {
        this(eventType, reason, null);
    }

    public InvalidEventException(String eventType, String reason, Throwable cause) {
        super("invalid " + eventType + " event: " + reason, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
