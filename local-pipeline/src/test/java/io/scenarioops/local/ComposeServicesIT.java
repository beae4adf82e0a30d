package io.scenarioops.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The services of docker-compose.yml started as compose starts them, without Docker: each
 * container is a process running the image's ENTRYPOINT with the service's command, from the
 * launcher jar and lib that the Dockerfile copies into the image ({@link ContainerImage}), with the
 * environment compose gives it ({@link ComposeFile}: the shared anchor, {@code .env.example} as
 * {@code .env}, the image's ENV). Each must become healthy as compose's health check asks
 * ({@code /ready} on its METRICS_PORT) before the producer starts, as its depends_on says, and again
 * after the run. Kafka, MinIO and PostgreSQL are the embedded servers, set up as
 * the compose services set theirs up (credentials from .env, the bucket minio-init makes, the
 * database and owner the postgres image creates); only their addresses ({@code kafka:9092},
 * {@code minio:9000}, {@code postgres:5432}) are replaced. Then {@code docker compose run --rm
 * producer run --wait} must pass.
 *
 * <p>What a container has and a process on one host has not, given here: its own host name (the
 * instance name, compose's container name), its own files ({@code /data}) and its own network
 * namespace ({@code METRICS_PORT}, and the console's {@code CONSOLE_PORT}, get a free port per process).
 */
class ComposeServicesIT {
    private static final Path ROOT = ComposeFile.REPOSITORY_ROOT;
    private static final String PROJECT = "scenarioops";
    private static final Pattern COMPOSE_ENDPOINT = Pattern.compile("\\b(kafka|minio|postgres):\\d+");
    private static final Pattern MINIO_INIT_BUCKET = Pattern.compile("mc mb (?:--ignore-existing )?local/(\\S+)");
    /**
     * Generous: on a loaded 2-core machine five JVMs took minutes to start. A service that fails
     * ends the wait at once (failIfAServiceExited).
     */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(8);

    @RegisterExtension
    static final TargetDataDir DATA_DIR = new TargetDataDir("compose-");

    private static final ServiceProcesses processes = new ServiceProcesses("compose-children-kill");
    private static EmbeddedStack stack;

    @AfterAll
    static void stopAll() {
        processes.close();
        if (stack != null) {
            stack.close();
        }
        DATA_DIR.deleteIfAllPassed();
    }

    @Test
    void aRunPassesThroughTheServicesStartedAsComposeStartsThem() throws Exception {
        Path dataDir = DATA_DIR.create();
        Path logDir = dataDir.resolve("logs");
        ComposeFile compose = ComposeFile.load(ROOT.resolve("docker-compose.yml"),
                ComposeFile.dotEnv(ROOT.resolve(".env.example")));
        ContainerImage image = ContainerImage.fromDockerfile(ROOT.resolve("Dockerfile"));

        Map<String, String> endpoints = startServersAsComposeConfiguresThem(compose, dataDir.resolve("stack"));
        List<Container> containers = new ArrayList<>();
        compose.services().forEach((name, service) -> {
            if (!service.containsKey("build") || service.containsKey("profiles")) {
                return; // not our image, or a one-off tool (docker compose run)
            }
            List<String> command = compose.command(name);
            for (int replica = 1; replica <= replicas(service); replica++) {
                String container = PROJECT + "-" + name + "-" + replica;
                int metricsPort = freePort();
                ServiceProcess process = ServiceProcess.container(image.command(command), container,
                        containerEnvironment(compose, name, image, endpoints, container, metricsPort,
                                dataDir.resolve("containers")), logDir);
                processes.add(process);
                containers.add(new Container(name, process, metricsPort));
            }
        });
        assertEquals(List.of(PROJECT + "-solver-1", PROJECT + "-solver-2", PROJECT + "-publisher-1", PROJECT + "-qc-1"),
                processes.list().stream().map(ServiceProcess::instanceName).filter(n -> !n.contains("console")).toList(),
                "the pipeline's containers");
        processes.startAll();
        log("started %s; logs in %s", processes.list().stream().map(ServiceProcess::instanceName).toList(), logDir);

        // docker compose run starts the producer once the services it depends on are healthy.
        for (String dependency : compose.dependencies("producer", "service_healthy")) {
            for (Container container : containers) {
                if (container.service().equals(dependency)) {
                    awaitHealthy(container);
                }
            }
        }

        String producerContainer = PROJECT + "-producer-run";
        ServiceProcess producer = ServiceProcess.container(image.command(List.of("run", "--wait")), producerContainer,
                containerEnvironment(compose, "producer", image, endpoints, producerContainer, freePort(),
                        dataDir.resolve("containers")), logDir);
        producer.start();
        await("docker compose run --rm producer run --wait").atMost(RUN_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    failIfAServiceExited();
                    return producer.exitCode().isPresent();
                });
        String producerLog = Files.readString(producer.logFile(), StandardCharsets.UTF_8);
        log("producer exit %d:%n%s", producer.exitCode().getAsInt(), producerLog);
        assertEquals(0, producer.exitCode().getAsInt(), "run --wait exit code; its output:\n" + producerLog);
        assertTrue(producerLog.contains("run passed: runs/dt="), "run --wait reports the passed run:\n" + producerLog);
        failIfAServiceExited();
        for (Container container : containers) {
            awaitHealthy(container);
        }
    }

    /** One container of a compose service, as a process. */
    private record Container(String service, ServiceProcess process, int metricsPort) {
    }

    /** What compose's health check asks: /ready on METRICS_PORT answers 200. */
    private static void awaitHealthy(Container container) {
        await(container.process().instanceName() + " /ready on its METRICS_PORT").atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    failIfAServiceExited();
                    return httpStatus(container.metricsPort(), "/ready") == 200;
                });
        log("%s: /ready 200", container.process().instanceName());
    }

    /**
     * Kafka, the S3 server and PostgreSQL as the compose file sets them up: MinIO's root user as the
     * S3 credentials, the bucket minio-init creates, the database and its owner that the postgres
     * image creates from POSTGRES_DB/USER/PASSWORD. Returns compose address → embedded address.
     */
    private static Map<String, String> startServersAsComposeConfiguresThem(ComposeFile compose, Path dir)
            throws SQLException {
        Map<String, String> minio = compose.environment("minio");
        stack = EmbeddedStack.start(ScenarioOpsConfig.fromEnv(Map.of(
                ScenarioOpsConfig.S3_ACCESS_KEY, minio.get("MINIO_ROOT_USER"),
                ScenarioOpsConfig.S3_SECRET_KEY, minio.get("MINIO_ROOT_PASSWORD"))).withDataDir(dir));
        ScenarioOpsConfig servers = stack.config();

        Matcher bucket = MINIO_INIT_BUCKET.matcher(String.join(" ", compose.command("minio-init")));
        assertTrue(bucket.find(), "minio-init makes a bucket: " + compose.command("minio-init"));
        try (ObjectStore store = new ObjectStore(servers.withBucket(bucket.group(1)).objectStore())) {
            store.ensureBucket();
        }

        Map<String, String> postgres = compose.environment("postgres");
        try (Connection connection = DriverManager.getConnection(servers.postgres().jdbcUrl(), servers.pgUser(),
                servers.pgPassword()); Statement sql = connection.createStatement()) {
            sql.execute("create role " + identifier(postgres.get("POSTGRES_USER")) + " login password "
                    + literal(postgres.get("POSTGRES_PASSWORD")));
            sql.execute("create database " + identifier(postgres.get("POSTGRES_DB")) + " owner "
                    + identifier(postgres.get("POSTGRES_USER")));
        }
        return Map.of(
                "kafka:9092", servers.kafka().bootstrapServers(),
                "minio:9000", hostAndPort(URI.create(servers.objectStore().endpoint())),
                "postgres:5432", hostAndPort(URI.create(servers.postgres().jdbcUrl().substring("jdbc:".length()))));
    }

    /**
     * The image's ENV overridden by the service's environment, as Docker does, with the servers'
     * addresses replaced and what a container has of its own: host name, files, network namespace.
     */
    private static Map<String, String> containerEnvironment(ComposeFile compose, String service, ContainerImage image,
            Map<String, String> endpoints, String container, int metricsPort, Path containersDir) {
        Map<String, String> environment = new LinkedHashMap<>(image.environment(containersDir.resolve(container)));
        environment.putAll(withEmbeddedServers(compose, service, endpoints));
        if (environment.containsKey("METRICS_PORT")) {
            environment.put("METRICS_PORT", Integer.toString(metricsPort));
        }
        if (service.equals("console")) {
            // its container port (8080, the console's default) is its own in a container, not on this host
            environment.put("CONSOLE_PORT", Integer.toString(freePort()));
        }
        environment.put("INSTANCE_NAME", container);
        return environment;
    }

    /** The service's compose environment, the embedded servers' addresses in place of compose's. */
    private static Map<String, String> withEmbeddedServers(ComposeFile compose, String service,
            Map<String, String> endpoints) {
        Map<String, String> environment = new LinkedHashMap<>();
        compose.environment(service).forEach((key, value) -> {
            String replaced = value;
            for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
                replaced = replaced.replace(endpoint.getKey(), endpoint.getValue());
            }
            assertTrue(!COMPOSE_ENDPOINT.matcher(replaced).find(),
                    service + ": " + key + "=" + value + " names a compose address this test does not provide");
            environment.put(key, replaced);
        });
        return environment;
    }

    private static void failIfAServiceExited() throws IOException {
        for (ServiceProcess process : processes.list()) {
            if (process.exitCode().isPresent()) {
                throw new AssertionError(process.instanceName() + " exited with " + process.exitCode().getAsInt()
                        + "; its log:\n" + Files.readString(process.logFile(), StandardCharsets.UTF_8));
            }
        }
    }

    private static int replicas(Map<String, Object> service) {
        Object deploy = service.get("deploy");
        if (deploy instanceof Map<?, ?> map && map.get("replicas") != null) {
            return Integer.parseInt(map.get("replicas").toString());
        }
        return 1;
    }

    private static int httpStatus(int port, String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static String hostAndPort(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void log(String format, Object... args) {
        System.out.printf("[compose] " + format + "%n", args);
    }
}
