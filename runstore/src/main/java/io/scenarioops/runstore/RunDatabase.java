package io.scenarioops.runstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.scenarioops.core.TransientException;
import io.scenarioops.core.config.PostgresSettings;
import io.scenarioops.core.config.Redaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run-metadata database: a small HikariCP pool, the schema's Flyway migrations, and
 * transactions whose SQL failures are told apart.
 *
 * <p>Only the service that writes the rows (QC, and demo/stack which runs it) migrates the schema
 * ({@link #openAndMigrate}); readers ({@link #openExisting}) never create or change a table, and
 * say so clearly when there are none yet.
 *
 * <p>Failures that are expected to pass (connection lost, pool exhausted, server shutting down,
 * deadlock, serialization failure) are thrown as {@link TransientException} for the caller to
 * retry with backoff; any other SQL failure as {@link RunStoreException}. Thread-safe: each
 * transaction borrows its own connection.
 */
public final class RunDatabase implements AutoCloseable {

    public static final String POOL_NAME = "scenarioops-runstore";
    public static final int MAX_POOL_SIZE = 4;
    public static final long CONNECTION_TIMEOUT_MILLIS = 10_000;
    public static final String NO_TABLES_YET =
            "the database has no ScenarioOps tables yet: start the qc service (or demo/stack) first";

    private static final Logger LOG = LoggerFactory.getLogger(RunDatabase.class);

    /**
     * SQLSTATEs PostgreSQL uses for failures that pass by themselves. The driver reports them as
     * plain SQLExceptions (not SQLTransientException), so the state is what tells them apart:
     * class 08 connection exceptions, serialization failure, deadlock, too many connections,
     * admin/crash shutdown and "cannot connect now" (a server starting up or in recovery).
     */
    private static final Set<String> TRANSIENT_SQL_STATES =
            Set.of("40001", "40P01", "53300", "57P01", "57P02", "57P03");

    private static final String TABLES_EXIST = "select to_regclass('runs') is not null"
            + " and to_regclass('run_scenarios') is not null and to_regclass('qc_checks') is not null";

    private final HikariDataSource dataSource;
    private final String jdbcUrl;

    private RunDatabase(HikariDataSource dataSource, String jdbcUrl) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Opens the pool and migrates the schema to the newest version: for the writer of the rows.
     * A failure names the JDBC URL and the user, never the password; it is a
     * {@link TransientException} when the server could not be reached (worth retrying), a
     * {@link RunStoreException} otherwise (e.g. bad credentials).
     */
    public static RunDatabase openAndMigrate(PostgresSettings settings) {
        RunDatabase database = new RunDatabase(pool(settings, false), Redaction.url(settings.jdbcUrl()));
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw failure("cannot migrate the run-store schema at " + Redaction.url(settings.jdbcUrl()), e);
        }
        return database;
    }

    /**
     * Opens a read-only pool on a database whose schema the writer has created; never migrates.
     * Fails with {@value #NO_TABLES_YET} when the tables are not there.
     */
    public static RunDatabase openExisting(PostgresSettings settings) {
        RunDatabase database = new RunDatabase(pool(settings, true), Redaction.url(settings.jdbcUrl()));
        boolean tablesExist;
        try {
            tablesExist = database.inTransaction("looking for the run tables", connection -> {
                try (Statement select = connection.createStatement(); ResultSet rs = select.executeQuery(TABLES_EXIST)) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            });
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        if (!tablesExist) {
            database.close();
            throw new RunStoreException(NO_TABLES_YET + " (" + Redaction.url(settings.jdbcUrl()) + ")", null);
        }
        return database;
    }

    private static HikariDataSource pool(PostgresSettings settings, boolean readOnly) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(settings.jdbcUrl());
        hikari.setUsername(settings.user());
        hikari.setPassword(settings.password());
        hikari.setMaximumPoolSize(MAX_POOL_SIZE);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        hikari.setPoolName(POOL_NAME);
        hikari.setReadOnly(readOnly);
        try {
            // Fails fast (initializationFailTimeout): a first connection is made here.
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw failure("cannot connect to PostgreSQL at " + Redaction.url(settings.jdbcUrl()) + " as user " + settings.user(), e);
        }
    }

    private void migrate() {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("run store at {}: schema migrated from version {} to {} ({} migrations)", jdbcUrl,
                    result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                    result.targetSchemaVersion, result.migrationsExecuted);
        } else {
            LOG.debug("run store at {}: schema up to date at version {}", jdbcUrl, result.initialSchemaVersion);
        }
    }

    /** The database's address, for messages: credentials in the URL are masked. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Returns when the database answers a query; throws, naming the database, when it does not. */
    public void verifyReachable() {
        inTransaction("checking the connection", connection -> {
            try (Statement select = connection.createStatement()) {
                select.execute("select 1");
            }
            return null;
        });
    }

    /** Closes the pool; later calls fail. */
    @Override
    public void close() {
        dataSource.close();
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction, rolled back on any failure; {@code what} goes into the error. */
    <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what + " in " + jdbcUrl, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            // The connection is likely gone; Hikari evicts it. The original failure is what matters.
            failure.addSuppressed(rollbackFailure);
        }
    }

    /**
     * {@code context: <cause>} as a {@link TransientException} when an SQLException in the cause
     * chain is one that passes by itself, else as a {@link RunStoreException}.
     */
    private static RuntimeException failure(String context, Throwable error) {
        String message = context + ": " + describe(error);
        if (isTransient(error)) {
            return new TransientException(message, error);
        }
        return new RunStoreException(message, error);
    }

    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || TRANSIENT_SQL_STATES.contains(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The message of the innermost SQLException in the chain (where the driver says what went
     * wrong, e.g. "password authentication failed for user ..."), else of the innermost cause.
     */
    private static String describe(Throwable error) {
        String best = null;
        String innermost = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                innermost = message;
                if (t instanceof SQLException) {
                    best = message;
                }
            }
        }
        if (best != null) {
            return best;
        }
        return innermost != null ? innermost : error.toString();
    }
}
