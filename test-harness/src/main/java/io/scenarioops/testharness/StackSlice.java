package io.scenarioops.testharness;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack.Component;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TopicAdmin;
import io.scenarioops.kafka.TopicSnapshot;
import io.scenarioops.storage.ObjectStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One test's share of the shared servers (embedded or in containers, see {@link ServerChoice}):
 * {@link #config()} names them with a topic prefix, a bucket and a PostgreSQL schema of its own
 * (each created), so nothing a test writes is seen by another. Only the servers of
 * {@link PipelineTest#value()} are filled in.
 *
 * @param config          the servers' endpoints with this slice's topic prefix, bucket and schema
 *                        ({@code currentSchema} in the JDBC URL, so Flyway and every query use it)
 * @param name            the slice's name: the topic prefix without its dash, the bucket, the schema
 * @param objectsAsFiles  whether the object store keeps each object as a plain file under {@link #dataDir()}
 */
public record StackSlice(ScenarioOpsConfig config, String name, boolean objectsAsFiles) {

    static StackSlice create(ScenarioOpsConfig servers, Set<Component> components, String name,
                             boolean objectsAsFiles) {
        ScenarioOpsConfig config = servers.withTopicPrefix(name + "-").withBucket(name);
        if (components.contains(Component.KAFKA)) {
            TopicAdmin.ensureTopics(config.kafka());
        }
        if (components.contains(Component.OBJECT_STORE)) {
            try (ObjectStore store = new ObjectStore(config.objectStore())) {
                store.ensureBucket();
            }
        }
        if (components.contains(Component.POSTGRES)) {
            String serverUrl = config.postgres().jdbcUrl();
            try (Connection connection = DriverManager.getConnection(serverUrl, config.pgUser(), config.pgPassword());
                    Statement sql = connection.createStatement()) {
                sql.execute("create schema " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema " + name + " at " + serverUrl, e);
            }
            String url = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
            config = config.withPostgres(url, config.pgUser(), config.pgPassword());
        }
        return new StackSlice(config, name, objectsAsFiles);
    }

    public KafkaSettings kafka() {
        return config.kafka();
    }

    public TopicCatalog topics() {
        return new TopicCatalog(config.topicPrefix());
    }

    /**
     * A directory of this test JVM; the embedded S3 server keeps each object there as
     * {@code s3/<bucket>/<key>} (see {@link #objectsAsFiles()}).
     */
    public Path dataDir() {
        return config.dataDir();
    }

    /** Every committed record of the topic, from its beginning to its current end. */
    public List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        return TopicSnapshot.read(kafka(), topic);
    }

    /** The run's committed run-completed events, in the order QC wrote them. */
    public List<RunCompleted> runCompleted(String runId) {
        TopicCatalog topics = topics();
        return records(topics.runCompleted().name()).stream()
                .map(record -> topics.runCompleted().codec().decode(record.value()))
                .filter(event -> event.runId().equals(runId))
                .toList();
    }

    /** A reader of the topic from its beginning; close it. */
    public TopicReader reader(String topic) {
        return new TopicReader(kafka(), topic);
    }

    /** A client of this slice's bucket; close it. */
    public ObjectStore objectStore() {
        return new ObjectStore(config.objectStore());
    }

    /** A connection to this slice's schema; close it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(config.postgres().jdbcUrl(), config.postgres().user(),
                config.postgres().password());
    }

    /** The single number a query such as {@code select count(*) ... where run_id = ?} answers. */
    public long count(String sql, Object... args) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
