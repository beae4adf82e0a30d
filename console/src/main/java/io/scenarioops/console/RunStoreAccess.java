package io.scenarioops.console;

import io.scenarioops.core.config.PostgresSettings;
import io.scenarioops.runstore.RunDatabase;
import io.scenarioops.runstore.RunQueries;

/**
 * The run store, opened on first use: the console may start before QC has created the tables, and
 * then answers that until they are there rather than refusing to start.
 */
final class RunStoreAccess implements AutoCloseable {
    private final PostgresSettings settings;
    private RunDatabase database;
    private RunQueries queries;

    RunStoreAccess(PostgresSettings settings) {
        this.settings = settings;
    }

    /** @throws io.scenarioops.runstore.RunStoreException or a TransientException while it cannot be opened */
    synchronized RunQueries queries() {
        if (queries == null) {
            database = RunDatabase.openExisting(settings);
            queries = new RunQueries(database);
        }
        return queries;
    }

    /** For {@code /ready}: the tables exist and the database answers. */
    synchronized void verifyReachable() {
        queries();
        database.verifyReachable();
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
            queries = null;
        }
    }
}
