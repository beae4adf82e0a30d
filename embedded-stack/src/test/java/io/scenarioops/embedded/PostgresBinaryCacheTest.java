package io.scenarioops.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Real PostgreSQL servers on binaries from a cache of the test's own under target/. */
class PostgresBinaryCacheTest {

    private static final Path WORK_DIR = Path.of("target", "postgres-binary-cache-test").toAbsolutePath();

    @Test
    void cacheRootIsTheVariableElseUnderXdgCacheHomeElseUnderHome() {
        Path home = Path.of("/home/planner");

        assertEquals(Path.of("/srv/cache"), PostgresBinaryCache.cacheRoot(
                Map.of(PostgresBinaryCache.CACHE_DIR_VARIABLE, "/srv/cache", "XDG_CACHE_HOME", "/xdg"), home));
        assertEquals(Path.of("/xdg/scenarioops"), PostgresBinaryCache.cacheRoot(Map.of("XDG_CACHE_HOME", "/xdg"), home));
        // The XDG spec says to ignore a relative XDG_CACHE_HOME.
        assertEquals(Path.of("/home/planner/.cache/scenarioops"),
                PostgresBinaryCache.cacheRoot(Map.of("XDG_CACHE_HOME", "relative"), home));
        assertEquals(Path.of("/home/planner/.cache/scenarioops"), PostgresBinaryCache.cacheRoot(Map.of(), home));
    }

    @Test
    void aNewDataDirStartsOnTheBinariesUnpackedForTheFirst() throws Exception {
        Path dir = freshDir("reuse");
        PostgresBinaryCache cache = PostgresBinaryCache.under(dir.resolve("cache"));

        Object firstPostgresFile;
        try (EmbeddedPostgres first = EmbeddedPostgres.start(dir.resolve("first"), EmbeddedPostgres.ANY_FREE_PORT, cache)) {
            assertEquals(1L, selectOne(first));
            Path unpacked = onlyUnpackedDir(cache);
            assertEquals(unpacked.resolve("bin").resolve("postgres").toRealPath(), postmasterBinary(dir.resolve("first")));
            firstPostgresFile = fileKey(unpacked.resolve("bin").resolve("postgres"));
        }
        try (EmbeddedPostgres second = EmbeddedPostgres.start(dir.resolve("second"), EmbeddedPostgres.ANY_FREE_PORT, cache)) {
            assertEquals(1L, selectOne(second));
            Path unpacked = onlyUnpackedDir(cache);
            assertEquals(unpacked.resolve("bin").resolve("postgres").toRealPath(), postmasterBinary(dir.resolve("second")));
            assertEquals(firstPostgresFile, fileKey(unpacked.resolve("bin").resolve("postgres")), "not unpacked again");
        }
        try (Stream<Path> dataDir = Files.list(dir.resolve("second"))) {
            assertEquals(List.of("postgres", "postgres.log"),
                    dataDir.map(p -> p.getFileName().toString()).sorted().toList(), "no binaries in the data dir");
        }
    }

    /**
     * initdb gives every cluster its own system identifier; copies of the cache's template share
     * the template's. A data dir with a cluster keeps it: its rows survive a restart.
     */
    @Test
    void aNewDataDirCopiesTheClusterTemplateAndAnExistingOneKeepsItsCluster() throws Exception {
        Path dir = freshDir("template");
        PostgresBinaryCache cache = PostgresBinaryCache.under(dir.resolve("cache"));
        Path abandoned = Files.createDirectories(cache.versionDir().resolve(".initialising-abandoned").resolve("base"));

        long firstId;
        try (EmbeddedPostgres first = EmbeddedPostgres.start(dir.resolve("first"), EmbeddedPostgres.ANY_FREE_PORT, cache)) {
            firstId = systemIdentifier(first);
            execute(first, "create table kept (id int); insert into kept values (7)");
        }
        try (EmbeddedPostgres second = EmbeddedPostgres.start(dir.resolve("second"), EmbeddedPostgres.ANY_FREE_PORT, cache)) {
            assertEquals(firstId, systemIdentifier(second));
            assertEquals(0L, firstValue(second, "select count(*) from pg_tables where tablename = 'kept'"));
        }
        try (EmbeddedPostgres firstAgain = EmbeddedPostgres.start(dir.resolve("first"), EmbeddedPostgres.ANY_FREE_PORT, cache)) {
            assertEquals(7L, firstValue(firstAgain, "select id from kept"));
        }
        try (Stream<Path> entries = Files.list(cache.versionDir())) {
            List<String> templates = entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("cluster-PG-") || name.startsWith(".initialising-")).toList();
            assertEquals(1, templates.size(), templates.toString());
            assertTrue(templates.get(0).startsWith("cluster-PG-"), templates.toString());
        }
        assertFalse(Files.exists(abandoned));
        try (Stream<Path> dataDir = Files.list(dir.resolve("second"))) {
            assertEquals(List.of("postgres", "postgres.log"),
                    dataDir.map(p -> p.getFileName().toString()).sorted().toList(), "no staging copy left");
        }
    }

    /** Two threads of this JVM and a second JVM start on an empty cache at once. */
    @Test
    void concurrentFirstStartsShareOneUnpacking() throws Exception {
        Path dir = freshDir("concurrent");
        Path cacheRoot = dir.resolve("cache");
        PostgresBinaryCache cache = PostgresBinaryCache.under(cacheRoot);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Process otherJvm = null;
        List<EmbeddedPostgres> started = new ArrayList<>();
        try {
            List<Future<EmbeddedPostgres>> starts = new ArrayList<>();
            for (String name : List.of("thread-a", "thread-b")) {
                Callable<EmbeddedPostgres> start = () -> {
                    go.await();
                    return EmbeddedPostgres.start(dir.resolve(name), EmbeddedPostgres.ANY_FREE_PORT, cache);
                };
                starts.add(threads.submit(start));
            }
            otherJvm = startHolder(dir.resolve("other-jvm"), cacheRoot);
            go.countDown();
            for (Future<EmbeddedPostgres> start : starts) {
                started.add(start.get(5, TimeUnit.MINUTES));
            }
            awaitReady(otherJvm);

            for (EmbeddedPostgres postgres : started) {
                assertEquals(1L, selectOne(postgres));
            }
            Path postgresBinary = onlyUnpackedDir(cache).resolve("bin").resolve("postgres");
            for (String name : List.of("thread-a", "thread-b", "other-jvm")) {
                assertEquals(postgresBinary.toRealPath(), postmasterBinary(dir.resolve(name)), name);
            }
            assertEquals(List.of(), leftoverStagingDirs(cache));
        } finally {
            started.forEach(EmbeddedPostgres::close);
            threads.shutdownNow();
            if (otherJvm != null) {
                otherJvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** An unpacking killed halfway leaves its staging dir; a binary may go missing afterwards. */
    @Test
    void startsAfterAnAbandonedUnpackingAndOnDamagedBinaries() throws Exception {
        Path dir = freshDir("damaged");
        PostgresBinaryCache cache = PostgresBinaryCache.under(dir.resolve("cache"));
        cache.prepare();
        Path unpacked = onlyUnpackedDir(cache);
        Files.delete(unpacked.resolve("bin").resolve("postgres"));
        Path abandoned = Files.createDirectories(cache.versionDir().resolve(".unpacking-abandoned").resolve("lib"));
        Files.writeString(abandoned.resolve("libpq.so.5"), "half written");
        assertFalse(PostgresBinaryCache.isComplete(unpacked));

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("data"), EmbeddedPostgres.ANY_FREE_PORT, cache)) {
            assertEquals(1L, selectOne(postgres));
            assertEquals(unpacked.resolve("bin").resolve("postgres").toRealPath(), postmasterBinary(dir.resolve("data")));
        }
        assertTrue(PostgresBinaryCache.isComplete(unpacked));
        assertEquals(List.of(), leftoverStagingDirs(cache));
    }

    private static long selectOne(EmbeddedPostgres postgres) throws SQLException {
        return firstValue(postgres, "select 1");
    }

    private static long systemIdentifier(EmbeddedPostgres postgres) throws SQLException {
        return firstValue(postgres, "select system_identifier from pg_control_system()");
    }

    /** The first column of the query's first row. */
    private static long firstValue(EmbeddedPostgres postgres, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            assertTrue(result.next());
            return result.getLong(1);
        }
    }

    private static void execute(EmbeddedPostgres postgres, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The executable of the server running on the data dir, as the operating system reports it. */
    private static Path postmasterBinary(Path dataDir) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
        String command = ProcessHandle.of(pid).flatMap(process -> process.info().command())
                .orElseThrow(() -> new AssertionError("no running postmaster " + pid));
        return Path.of(command);
    }

    private static Path onlyUnpackedDir(PostgresBinaryCache cache) throws IOException {
        try (Stream<Path> entries = Files.list(cache.versionDir())) {
            List<Path> unpacked = entries.filter(p -> p.getFileName().toString().startsWith("PG-")).toList();
            assertEquals(1, unpacked.size(), unpacked.toString());
            return unpacked.get(0);
        }
    }

    private static List<Path> leftoverStagingDirs(PostgresBinaryCache cache) throws IOException {
        try (Stream<Path> entries = Files.list(cache.versionDir())) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".unpacking-")).toList();
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static Process startHolder(Path dataDir, Path cacheRoot) throws IOException {
        return new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                PostgresHolder.class.getName(), dataDir.toString(), cacheRoot.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static void awaitReady(Process holder) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals(PostgresHolder.READY)) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the holder JVM ended before PostgreSQL was ready:\n" + seen);
    }

    private static Path freshDir(String name) throws IOException {
        Path dir = WORK_DIR.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
