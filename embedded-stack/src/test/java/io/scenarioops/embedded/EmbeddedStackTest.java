package io.scenarioops.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.scenarioops.core.config.MissingConfigurationException;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.core.config.PostgresSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack.Component;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real servers, started once for the class (starting them is most of the cost); each test uses
 * its own topic, bucket or table so the order of the tests does not matter.
 */
class EmbeddedStackTest {

    private static final Path DATA_DIR = Path.of("target", "local-stack-test");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static ScenarioOpsConfig configured;
    private static EmbeddedStack stack;

    @BeforeAll
    static void startStack() throws IOException {
        deleteRecursively(DATA_DIR);
        configured = ScenarioOpsConfig.fromEnv(Map.of(ScenarioOpsConfig.DATA_DIR, DATA_DIR.toString()));
        stack = EmbeddedStack.start(configured);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void fillsEveryEndpointAndEmbedsEveryServer() {
        ScenarioOpsConfig config = stack.config();

        assertEquals(EnumSet.allOf(Component.class), stack.embeddedComponents());
        assertTrue(config.kafka().bootstrapServers().matches("127\\.0\\.0\\.1:\\d+"), config.kafka().bootstrapServers());
        assertTrue(config.objectStore().endpoint().matches("http://127\\.0\\.0\\.1:\\d+"), config.objectStore().endpoint());
        assertTrue(config.postgres().jdbcUrl().matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres"), config.postgres().jdbcUrl());
        assertEquals("postgres", config.postgres().user());
        assertEquals(DATA_DIR.toAbsolutePath().normalize(), config.dataDir());
    }

    @Test
    void readCommittedConsumerSeesOnlyTheCommittedTransaction() throws Exception {
        String bootstrap = stack.config().kafka().bootstrapServers();
        String topic = "transactions-probe";
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            assertEquals(3, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
        }

        try (KafkaProducer<String, String> producer = transactionalProducer(bootstrap, "transactions-probe-tx")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k1", "committed"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k2", "aborted"));
            producer.flush();
            producer.abortTransaction();
        }

        assertEquals(List.of("committed"), readCommittedValues(bootstrap, topic));
    }

    @Test
    void storesObjectsAsPlainFilesAndChecksSignatures() throws Exception {
        ObjectStoreSettings settings = stack.config().objectStore();
        String bucket = "pipeline-output";
        String key = "runs/dt=2026-01-01/run_id=x/a.json";
        byte[] content = "{\"scenario\":\"a\",\"kpi\":42}".getBytes(StandardCharsets.UTF_8);

        try (MinioClient client = minio(settings.endpoint(), settings.accessKey(), settings.secretKey())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            put(client, bucket, key, content);

            assertArrayEquals(content, get(client, bucket, key));
            assertEquals(List.of(key), listKeys(client, bucket, "runs/"));
        }
        Path file = stack.config().dataDir().resolve("s3").resolve(bucket).resolve(key);
        assertArrayEquals(content, Files.readAllBytes(file));

        try (MinioClient wrongSecret = minio(settings.endpoint(), settings.accessKey(), "not-the-secret")) {
            ErrorResponseException refused = assertThrows(ErrorResponseException.class,
                    () -> wrongSecret.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
            assertEquals("SignatureDoesNotMatch", refused.errorResponse().code());
        }
    }

    @Test
    void runsPostgres17() throws SQLException {
        try (Connection connection = connect(stack.config().postgres());
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("select version()")) {
            assertTrue(version.next());
            assertTrue(version.getString(1).startsWith("PostgreSQL 17."), version.getString(1));
        }
    }

    @Test
    void secondStartOnTheSameDataDirKeepsTopicsObjectsAndTables() throws Exception {
        String topic = "restart-probe";
        String bucket = "restart-probe";
        String key = "runs/dt=2026-01-02/run_id=y/b.json";
        byte[] content = "{\"kept\":true}".getBytes(StandardCharsets.UTF_8);
        ScenarioOpsConfig before = stack.config();
        String clusterIdBefore;
        try (Admin admin = admin(before.kafka().bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            clusterIdBefore = admin.describeCluster().clusterId().get();
        }
        try (KafkaProducer<String, String> producer = transactionalProducer(before.kafka().bootstrapServers(), "restart-probe-tx")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "kept"));
            producer.commitTransaction();
        }
        try (MinioClient client = minio(before.objectStore().endpoint(), before.s3AccessKey(), before.s3SecretKey())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            put(client, bucket, key, content);
        }
        try (Connection connection = connect(before.postgres()); Statement statement = connection.createStatement()) {
            statement.execute("create table restart_probe (id int primary key)");
            statement.execute("insert into restart_probe values (42)");
        }

        stack.close();
        stack = EmbeddedStack.start(configured);
        ScenarioOpsConfig after = stack.config();

        try (Admin admin = admin(after.kafka().bootstrapServers())) {
            assertEquals(clusterIdBefore, admin.describeCluster().clusterId().get());
            assertTrue(admin.listTopics().names().get().contains(topic));
        }
        assertEquals(List.of("kept"), readCommittedValues(after.kafka().bootstrapServers(), topic));
        try (MinioClient client = minio(after.objectStore().endpoint(), after.s3AccessKey(), after.s3SecretKey())) {
            assertArrayEquals(content, get(client, bucket, key));
        }
        try (Connection connection = connect(after.postgres());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id from restart_probe")) {
            assertTrue(rows.next());
            assertEquals(42, rows.getInt(1));
            assertFalse(rows.next());
        }
    }

    @Test
    void restartedBrokerComesBackAtTheSameAddressWithItsRecords() throws Exception {
        String topic = "broker-restart-probe";
        String bootstrap = stack.config().kafka().bootstrapServers();
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = transactionalProducer(bootstrap, "broker-restart-probe-tx")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "before"));
            producer.commitTransaction();
        }

        stack.stopKafka();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
                "nothing listens on the broker's port while it is stopped");
        stack.restartKafka();

        assertEquals(bootstrap, stack.config().kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = transactionalProducer(bootstrap, "broker-restart-probe-tx")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "after"));
            producer.commitTransaction();
        }
        assertEquals(List.of("before", "after"), readCommittedValues(bootstrap, topic));
    }

    @Test
    void configuredEndpointsAreUsedInsteadOfStartingServers() throws Exception {
        String runningBroker = stack.config().kafka().bootstrapServers();
        Path otherDataDir = Path.of("target", "local-stack-test-external-kafka");
        deleteRecursively(otherDataDir);
        ScenarioOpsConfig external = ScenarioOpsConfig.fromEnv(Map.of(
                ScenarioOpsConfig.DATA_DIR, otherDataDir.toString(),
                ScenarioOpsConfig.KAFKA_BOOTSTRAP_SERVERS, runningBroker));

        try (EmbeddedStack partial = EmbeddedStack.start(external, EnumSet.of(Component.KAFKA, Component.OBJECT_STORE))) {
            assertEquals(EnumSet.of(Component.OBJECT_STORE), partial.embeddedComponents());
            assertEquals(runningBroker, partial.config().kafka().bootstrapServers());
            assertFalse(Files.exists(otherDataDir.resolve("kafka")), "no second broker's log dir");
            assertTrue(Files.isDirectory(otherDataDir.resolve("s3")));
            // PostgreSQL was neither requested nor configured: services asking for it are told so.
            assertThrows(MissingConfigurationException.class, () -> partial.config().postgres());
            try (Admin admin = admin(partial.config().kafka().bootstrapServers())) {
                assertEquals(1, admin.describeCluster().nodes().get().size());
            }
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static KafkaProducer<String, String> transactionalProducer(String bootstrap, String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * Every value a read_committed consumer sees from the start of the topic up to the log end.
     * Reading up to the uncommitted log end, not just the last stable offset, proves the consumer
     * moved past the aborted records rather than stopping before them.
     */
    private static List<String> readCommittedValues(String bootstrap, String topic) throws Exception {
        Map<TopicPartition, Long> logEnd;
        try (Admin admin = admin(bootstrap)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            logEnd = admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())),
                            new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(logEnd.keySet());
            consumer.seekToBeginning(logEnd.keySet());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!logEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                assertTrue(System.nanoTime() < deadline, "read_committed consumer did not reach the log end of " + topic);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static MinioClient minio(String endpoint, String accessKey, String secretKey) {
        return MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).build();
    }

    private static void put(MinioClient client, String bucket, String key, byte[] content) throws Exception {
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .contentType("application/json").build());
    }

    private static byte[] get(MinioClient client, String bucket, String key) throws Exception {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static List<String> listKeys(MinioClient client, String bucket, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        // S3Proxy up to 4.0 double-encodes page tokens of keys containing '=': URL-encoded listings
        // of more than one page then never end.
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                .recursive(true).useUrlEncodingType(false).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    private static Connection connect(PostgresSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
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
