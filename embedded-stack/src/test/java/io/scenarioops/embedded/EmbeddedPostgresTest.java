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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    private static final Path DATA_DIR = Path.of("target", "embedded-postgres-test");

    /**
     * kill -9 skips shutdown hooks, so the server outlives its JVM and holds the data directory;
     * the next start must take the directory back rather than fail.
     */
    @Test
    void startsAfterTheOwningJvmWasKilled() throws Exception {
        deleteRecursively(DATA_DIR);
        Process holder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                PostgresHolder.class.getName(), DATA_DIR.toString())
                .redirectErrorStream(true)
                .start();
        try {
            awaitReady(holder);
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        long orphanPid = Long.parseLong(Files.readAllLines(DATA_DIR.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
        assertTrue(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false), "the killed JVM left its server running");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(DATA_DIR, EmbeddedPostgres.ANY_FREE_PORT);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             Statement statement = connection.createStatement();
             ResultSet one = statement.executeQuery("select 1")) {
            assertTrue(one.next());
            assertEquals(1, one.getInt(1));
            assertFalse(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false), "the orphan was stopped");
        }
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

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
