package io.scenarioops.local;

import io.scenarioops.core.config.ScenarioOpsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code demo} reports as "stack start" (the embedded servers and every service up), on a
 * new data dir and again on the same one, for the bench.
 */
public final class StackStartTiming {

    /** The solver instances {@code demo} starts by default. */
    private static final int SOLVERS = 2;
    private static final Pattern RESULT = Pattern.compile("new_data_dir_s=([0-9.]+) existing_data_dir_s=([0-9.]+)");

    private StackStartTiming() {
    }

    public record StackStartSeconds(double newDataDir, double existingDataDir) {
    }

    /**
     * Starts and stops the local pipeline twice in this JVM on a new data dir under
     * {@code scratchDir} (removed afterwards); only servers {@code config} leaves unset are
     * embedded. A JVM that already ran a start has its classes loaded and compiled: figures for
     * what a user sees come from {@link #measureInNewJvm}.
     */
    public static StackStartSeconds measure(ScenarioOpsConfig config, Path scratchDir) {
        Path dataDir;
        try {
            Files.createDirectories(scratchDir);
            dataDir = Files.createTempDirectory(scratchDir, "stack-start-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data dir under " + scratchDir, e);
        }
        ScenarioOpsConfig onDataDir = config.withDataDir(dataDir);
        try {
            return new StackStartSeconds(timeStart(onDataDir), timeStart(onDataDir));
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /**
     * {@link #measure} in a new JVM with this JVM's class path and the environment's
     * configuration, as a {@code ./scenarioops demo} would start.
     */
    public static StackStartSeconds measureInNewJvm(Path scratchDir) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StackStartTiming.class.getName(), scratchDir.toString());
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("stack start timing failed: " + output);
            }
            Matcher result = RESULT.matcher(output);
            if (!result.find()) {
                throw new IllegalStateException("stack start timing printed no result: " + output);
            }
            return new StackStartSeconds(Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run stack start timing", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing the stack start", e);
        }
    }

    /** Prints {@code new_data_dir_s=… existing_data_dir_s=…} for a data dir under the directory given. */
    public static void main(String[] args) {
        StackStartSeconds seconds = measure(ScenarioOpsConfig.fromEnvironment(), Path.of(args[0]));
        System.out.printf(Locale.ROOT, "new_data_dir_s=%.3f existing_data_dir_s=%.3f%n",
                seconds.newDataDir(), seconds.existingDataDir());
    }

    private static double timeStart(ScenarioOpsConfig config) {
        long startNanos = System.nanoTime();
        try (LocalPipeline pipeline = LocalPipeline.start(config, SOLVERS)) {
            return (System.nanoTime() - startNanos) / 1e9;
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
