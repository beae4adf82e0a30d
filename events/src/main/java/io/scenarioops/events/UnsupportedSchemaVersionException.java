package io.scenarioops.events;

/** An event written under a schema version this build cannot read. */
public class UnsupportedSchemaVersionException extends InvalidEventException {
    private final int schemaVersion;

    public UnsupportedSchemaVersionException(String eventType, int schemaVersion, int readableVersion) {
        super(eventType, "schema_version " + schemaVersion + " is not supported (this build reads version "
                + readableVersion + ")");
        this.schemaVersion = schemaVersion;
    }

    public int schemaVersion() {
        return schemaVersion;
    }
}
