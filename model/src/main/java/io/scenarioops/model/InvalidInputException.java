package io.scenarioops.model;

/**
 * Input that the model refuses, naming the offending field (as it is spelled in the JSON
 * contracts, e.g. {@code knobs.demand_scale}) and why, so that a CLI can print it and a service
 * can put it on a dead-letter record.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
