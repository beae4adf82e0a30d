package io.scenarioops.kafka.metrics;

/**
 * Why a record went to the dead-letter topic, coarsely enough to be a metric tag: what an
 * operator does about it differs per class (fix the producer, raise a limit, look at a bug).
 */
public enum DeadLetterReason {
    /** The record cannot be read or is not a valid event or input. */
    INVALID_INPUT("invalid-input"),
    /** An output for the record would exceed Kafka's record size limit. */
    TOO_LARGE("too-large"),
    /** A readable event that contradicts what the stage knows (its key, its run's request, a published scenario). */
    REFUSED("refused"),
    /** The stage's code failed on the record in a way that retrying did not change. */
    ERROR("error");

    private final String tag;

    DeadLetterReason(String tag) {
        this.tag = tag;
    }

    /** The value of the {@code reason} tag. */
    public String tag() {
        return tag;
    }
}
