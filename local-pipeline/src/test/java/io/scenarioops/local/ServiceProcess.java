package io.scenarioops.local;

import io.scenarioops.core.config.ScenarioOpsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One pipeline service as an operating-system process: {@link #localLauncher} starts
 * {@code service solver|publisher|qc} the way {@code ./scenarioops} does (this module's jar plus
 * {@code target/lib}, so it exists only after {@code package}); {@link ComposeServicesIT} gives
 * the container image's command instead. Output goes to a log file, appended across restarts; a
 * restart keeps the instance name and data dir, as a supervisor restarting a container would.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    /**
     * Four service JVMs share the machine with the servers: one GC thread each, and the heap every
     * service must do with, even for a run of 10,000 scenarios.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");
    private static final long EXIT_WAIT_SECONDS = 30;

    private final List<String> command;
    private final String instanceName;
    private final Map<String, String> environment;
    /** A container sees only its own environment; ./scenarioops passes the shell's on. */
    private final boolean inheritEnvironment;
    private final Path logFile;
    private Process process;
    private int starts;

    /**
     * A process as a container runs it: {@code environment} is all it sees.
     *
     * @param command the process's command line
     */
    static ServiceProcess container(List<String> command, String instanceName, Map<String, String> environment,
            Path logDir) {
        return new ServiceProcess(command, instanceName, environment, false, logDir);
    }

    /** @param environment the whole configuration; overrides whatever the test JVM's environment says */
    private ServiceProcess(List<String> command, String instanceName, Map<String, String> environment,
            boolean inheritEnvironment, Path logDir) {
        this.command = List.copyOf(command);
        this.instanceName = instanceName;
        this.environment = Map.copyOf(environment);
        this.inheritEnvironment = inheritEnvironment;
        this.logFile = logDir.resolve(instanceName + ".log");
    }

    /** {@code service <service>} from this module's jar and {@code target/lib}, as {@code ./scenarioops} runs it. */
    static ServiceProcess localLauncher(String service, String instanceName, Map<String, String> environment,
            Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(moduleJar() + java.io.File.pathSeparator + TARGET.resolve("lib").resolve("*"));
        command.add(LocalLauncher.class.getName());
        command.add("service");
        command.add(service);
        return new ServiceProcess(command, instanceName, environment, true, logDir);
    }

    /**
     * What a deployment gives a service: the stack's servers from {@code config}, its own instance
     * name (its transactional ids) and data dir.
     */
    static Map<String, String> environment(ScenarioOpsConfig config, String instanceName, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put(ScenarioOpsConfig.KAFKA_BOOTSTRAP_SERVERS, config.kafka().bootstrapServers());
        env.put(ScenarioOpsConfig.TOPIC_PREFIX, config.topicPrefix());
        env.put(ScenarioOpsConfig.S3_ENDPOINT, config.objectStore().endpoint());
        env.put(ScenarioOpsConfig.S3_ACCESS_KEY, config.s3AccessKey());
        env.put(ScenarioOpsConfig.S3_SECRET_KEY, config.s3SecretKey());
        env.put(ScenarioOpsConfig.S3_BUCKET, config.s3Bucket());
        env.put(ScenarioOpsConfig.PG_URL, config.postgres().jdbcUrl());
        env.put(ScenarioOpsConfig.PG_USER, config.pgUser());
        env.put(ScenarioOpsConfig.PG_PASSWORD, config.pgPassword());
        env.put(ScenarioOpsConfig.DATA_DIR, dataDir.toString());
        env.put("INSTANCE_NAME", instanceName);
        return env;
    }

    /** Whether the process is running: started and not ended, by a kill or by itself (an out-of-memory exit). */
    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code once the process has ended by itself or been killed; empty while it runs or before it starts. */
    synchronized OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    String instanceName() {
        return instanceName;
    }

    Path logFile() {
        return logFile;
    }

    synchronized void start() {
        starts++;
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== " + instanceName + " start " + starts + " at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (!inheritEnvironment) {
                builder.environment().clear();
            }
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + instanceName, e);
        }
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook runs and an open
     * transaction stays open, as after a crash or an out-of-memory kill. Returns once it is gone.
     */
    synchronized void kill() {
        destroy();
    }

    /** Starts the process again if it ended by itself, as a restart policy would; returns its exit code then. */
    synchronized OptionalInt restartIfExited() {
        if (process == null || process.isAlive()) {
            return OptionalInt.empty();
        }
        int exitCode = process.exitValue();
        start();
        return OptionalInt.of(exitCode);
    }

    @Override
    public synchronized void close() {
        destroy();
    }

    private void destroy() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(instanceName + " (pid " + process.pid() + ") still alive "
                        + EXIT_WAIT_SECONDS + " s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + instanceName, e);
        }
    }

    private static Path moduleJar() {
        if (!Files.isDirectory(TARGET.resolve("lib"))) {
            throw new IllegalStateException("no " + TARGET.resolve("lib") + ": the long tests run after package"
                    + " (mvn -B verify -Plong -pl local-pipeline -am)");
        }
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(f -> f.getFileName().toString().matches("scenarioops-local-pipeline-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no scenarioops-local-pipeline jar in " + TARGET
                            + ": the long tests run after package"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + TARGET, e);
        }
    }
}
