package io.scenarioops.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A stack's data dir under {@code target/} (Kafka log, bucket files, PostgreSQL cluster: 100-200 MB).
 * Deleted by {@link #deleteIfAllPassed()} when every test of the class passed; kept, and named in
 * the test output, for inspection otherwise. Register with {@code @RegisterExtension}.
 */
final class TargetDataDir implements TestWatcher {
    private final String prefix;
    private volatile Path dir;
    private volatile boolean keep;

    TargetDataDir(String prefix) {
        this.prefix = prefix;
    }

    /** Creates {@code target/<prefix><random>}. */
    Path create() {
        try {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            dir = Files.createTempDirectory(target, prefix);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data dir under target/", e);
        }
    }

    /** Keeps the directory whatever the tests' outcome, e.g. when the stack failed to start. */
    void keep() {
        keep = true;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        keep = true;
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        keep = true;
    }

    /** Call after the stack is closed. Best effort: a file that cannot be deleted is left behind. */
    void deleteIfAllPassed() {
        Path current = dir;
        if (current == null) {
            return;
        }
        if (keep) {
            System.out.println("[data dir] kept for inspection: " + current);
            return;
        }
        try (Stream<Path> paths = Files.walk(current)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.out.println("[data dir] could not delete " + path + ": " + e);
                }
            });
        } catch (IOException e) {
            System.out.println("[data dir] could not delete " + current + ": " + e);
        }
    }
}
