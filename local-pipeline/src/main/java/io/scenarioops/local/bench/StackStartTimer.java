package io.scenarioops.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code demo}'s stack start as a user meets it: in a new JVM, on a new data dir (cold) and
 * on one a previous start left behind (warm). JVM start-up itself is not counted, as {@code demo}
 * does not count it.
 */
final class StackStartTimer {
    private static final long PROBE_TIMEOUT_SECONDS = 120;
    /** The compiler ./scenarioops runs demo with: C1 only, as for every short-lived command. */
    private static final List<String> DEMO_JIT = List.of("-XX:TieredStopAtLevel=1");

    private final Path workDir;

    StackStartTimer(Path workDir) {
        this.workDir = workDir;
    }

    /** Seconds for each start: {@code repetitions} cold starts, each on a new data dir. */
    List<Double> cold(int repetitions) {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            seconds.add(probe(workDir.resolve("stack-cold-" + i)));
        }
        return seconds;
    }

    /** Seconds for each start on one data dir that has been started once before. */
    List<Double> warm(int repetitions) {
        Path dataDir = workDir.resolve("stack-warm");
        probe(dataDir);
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            seconds.add(probe(dataDir));
        }
        return seconds;
    }

    /** The class archive ./scenarioops starts with, where it has recorded one: a start as users see it. */
    private static List<String> classSharing() {
        String home = System.getProperty(BenchCommand.HOME_PROPERTY);
        if (home == null) {
            return List.of();
        }
        Path archive = Path.of(home, "local-pipeline", "target", "scenarioops.jsa");
        return Files.isRegularFile(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
                : List.of();
    }

    private static double probe(Path dataDir) {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(classSharing());
        command.addAll(DEMO_JIT);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StackStartProbe.class.getName(),
                dataDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putIfAbsent("SCENARIOOPS_LOG_LEVEL", "WARN");
        try {
            Process process = builder.start();
            if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("stack start on " + dataDir + " took over " + PROBE_TIMEOUT_SECONDS
                        + " s; see " + log);
            }
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith(StackStartProbe.RESULT_PREFIX))
                    .mapToDouble(line -> Long.parseLong(line.substring(StackStartProbe.RESULT_PREFIX.length())) / 1000.0)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("stack start on " + dataDir + " failed (exit "
                            + process.exitValue() + "); see " + log));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the stack start probe", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
