package io.scenarioops.runstore;

import java.util.Objects;

/** One QC check of one scenario: its name, outcome and a human-readable detail. */
public record CheckRecord(String name, boolean passed, String detail) {
    public CheckRecord {
        Objects.requireNonNull(name, "name");
        detail = detail == null ? "" : detail;
    }
}
