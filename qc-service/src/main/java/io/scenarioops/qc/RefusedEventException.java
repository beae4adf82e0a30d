package io.scenarioops.qc;

/**
 * A readable event QC will not merge: it does not belong where it claims to (its record key, its
 * object keys, or its run's request say otherwise). The record goes to the dead-letter topic with
 * this reason.
 */
final class RefusedEventException extends RuntimeException {
    RefusedEventException(String reason) {
        super(reason);
    }
}
