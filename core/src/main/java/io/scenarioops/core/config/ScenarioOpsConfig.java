package io.scenarioops.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a service needs to find its peers, read from environment variables so that the same
 * jars run under docker-compose, as plain processes, or inside the embedded local stack.
 *
 * <p>A value that is absent from the environment is {@link Optional#empty()}: the local stack
 * starts an embedded server for it, a deployed service refuses to start with a message naming the
 * variable.
 *
 * <p>The default credentials are those of the embedded servers: once {@code S3_ENDPOINT} is set,
 * {@code S3_ACCESS_KEY} and {@code S3_SECRET_KEY} must be set too; once {@code PG_URL} is set,
 * {@code PG_USER} and {@code PG_PASSWORD} must be, whether or not the URL carries
 * {@code user}/{@code password} parameters (one rule, and a secret in a URL is easier to leak).
 *
 * <p>Kafka client settings (security protocol, SASL, TLS) come from {@code KAFKA_*} variables and
 * {@code KAFKA_CONFIG_FILE}, each service's own {@code SOLVER_KAFKA_*} etc. winning once
 * {@link #asService(ServiceRole)} says which service this is ({@link KafkaClientEnvironment}).
 */
public record ScenarioOpsConfig(
        Optional<String> kafkaBootstrapServers,
        String topicPrefix,
        short topicReplicationFactor,
        Optional<String> s3Endpoint,
        String s3AccessKey,
        String s3SecretKey,
        String s3Bucket,
        Optional<String> pgUrl,
        String pgUser,
        String pgPassword,
        Path dataDir,
        KafkaClientSettings kafkaClients) {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String TOPIC_PREFIX = "TOPIC_PREFIX";
    public static final String TOPIC_REPLICATION_FACTOR = "TOPIC_REPLICATION_FACTOR";
    public static final String S3_ENDPOINT = "S3_ENDPOINT";
    public static final String S3_ACCESS_KEY = "S3_ACCESS_KEY";
    public static final String S3_SECRET_KEY = "S3_SECRET_KEY";
    public static final String S3_BUCKET = "S3_BUCKET";
    public static final String PG_URL = "PG_URL";
    public static final String PG_USER = "PG_USER";
    public static final String PG_PASSWORD = "PG_PASSWORD";
    public static final String DATA_DIR = "SCENARIOOPS_DATA_DIR";

    public static final String DEFAULT_BUCKET = "scenarioops";
    public static final String DEFAULT_ACCESS_KEY = "scenarioops";
    public static final String DEFAULT_SECRET_KEY = "scenarioops-secret";
    public static final String DEFAULT_PG_USER = "postgres";
    public static final String DEFAULT_PG_PASSWORD = "postgres";
    public static final Path DEFAULT_DATA_DIR = Path.of(".scenarioops");

    public static ScenarioOpsConfig fromEnvironment() {
        return fromEnv(System.getenv());
    }

    /**
     * @throws MissingConfigurationException when an endpoint is set without its credentials
     * @throws InvalidConfigurationException when a Kafka client setting cannot be used
     */
    public static ScenarioOpsConfig fromEnv(Map<String, String> env) {
        requireCredentialsWith(env, S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY);
        requireCredentialsWith(env, PG_URL, PG_USER, PG_PASSWORD);
        return new ScenarioOpsConfig(
                nonBlank(env, KAFKA_BOOTSTRAP_SERVERS),
                nonBlank(env, TOPIC_PREFIX).orElse(""),
                nonBlank(env, TOPIC_REPLICATION_FACTOR).map(v -> parseShort(TOPIC_REPLICATION_FACTOR, v))
                        .orElse((short) 1),
                nonBlank(env, S3_ENDPOINT),
                nonBlank(env, S3_ACCESS_KEY).orElse(DEFAULT_ACCESS_KEY),
                nonBlank(env, S3_SECRET_KEY).orElse(DEFAULT_SECRET_KEY),
                nonBlank(env, S3_BUCKET).orElse(DEFAULT_BUCKET),
                nonBlank(env, PG_URL),
                nonBlank(env, PG_USER).orElse(DEFAULT_PG_USER),
                nonBlank(env, PG_PASSWORD).orElse(DEFAULT_PG_PASSWORD),
                nonBlank(env, DATA_DIR).map(Path::of).orElse(DEFAULT_DATA_DIR),
                KafkaClientEnvironment.read(env));
    }

    /** The configuration as {@code role} sees it: its own Kafka client settings over the shared ones. */
    public ScenarioOpsConfig asService(ServiceRole role) {
        return withKafkaClients(kafkaClients.as(role));
    }

    public ScenarioOpsConfig withKafkaClients(KafkaClientSettings clients) {
        return new ScenarioOpsConfig(kafkaBootstrapServers, topicPrefix, topicReplicationFactor, s3Endpoint,
                s3AccessKey, s3SecretKey, s3Bucket, pgUrl, pgUser, pgPassword, dataDir, clients);
    }

    public ScenarioOpsConfig withDataDir(Path dir) {
        return new ScenarioOpsConfig(kafkaBootstrapServers, topicPrefix, topicReplicationFactor, s3Endpoint,
                s3AccessKey, s3SecretKey, s3Bucket, pgUrl, pgUser, pgPassword, dir, kafkaClients);
    }

    public ScenarioOpsConfig withKafkaBootstrapServers(String servers) {
        return new ScenarioOpsConfig(Optional.of(servers), topicPrefix, topicReplicationFactor, s3Endpoint,
                s3AccessKey, s3SecretKey, s3Bucket, pgUrl, pgUser, pgPassword, dataDir, kafkaClients);
    }

    public ScenarioOpsConfig withS3Endpoint(String endpoint) {
        return new ScenarioOpsConfig(kafkaBootstrapServers, topicPrefix, topicReplicationFactor, Optional.of(endpoint),
                s3AccessKey, s3SecretKey, s3Bucket, pgUrl, pgUser, pgPassword, dataDir, kafkaClients);
    }

    public ScenarioOpsConfig withPostgres(String url, String user, String password) {
        return new ScenarioOpsConfig(kafkaBootstrapServers, topicPrefix, topicReplicationFactor, s3Endpoint,
                s3AccessKey, s3SecretKey, s3Bucket, Optional.of(url), user, password, dataDir, kafkaClients);
    }

    public ScenarioOpsConfig withTopicPrefix(String prefix) {
        return new ScenarioOpsConfig(kafkaBootstrapServers, prefix, topicReplicationFactor, s3Endpoint,
                s3AccessKey, s3SecretKey, s3Bucket, pgUrl, pgUser, pgPassword, dataDir, kafkaClients);
    }

    public ScenarioOpsConfig withBucket(String bucket) {
        return new ScenarioOpsConfig(kafkaBootstrapServers, topicPrefix, topicReplicationFactor, s3Endpoint,
                s3AccessKey, s3SecretKey, bucket, pgUrl, pgUser, pgPassword, dataDir, kafkaClients);
    }

    public KafkaSettings kafka() {
        return new KafkaSettings(required(kafkaBootstrapServers, KAFKA_BOOTSTRAP_SERVERS), topicPrefix,
                topicReplicationFactor, kafkaClients.effective());
    }

    public ObjectStoreSettings objectStore() {
        return new ObjectStoreSettings(required(s3Endpoint, S3_ENDPOINT), s3AccessKey, s3SecretKey, s3Bucket);
    }

    public PostgresSettings postgres() {
        return new PostgresSettings(required(pgUrl, PG_URL), pgUser, pgPassword);
    }

    /** Secrets never reach logs. */
    @Override
    public String toString() {
        return "ScenarioOpsConfig[kafka=" + kafkaBootstrapServers.orElse("<embedded>")
                + ", topicPrefix='" + topicPrefix + "', s3=" + s3Endpoint.map(Redaction::url).orElse("<embedded>")
                + ", bucket=" + s3Bucket + ", pg=" + pgUrl.map(Redaction::url).orElse("<embedded>") + ", dataDir=" + dataDir + ", " + kafkaClients + "]";
    }

    private static String required(Optional<String> value, String variable) {
        return value.orElseThrow(() -> new MissingConfigurationException(variable));
    }

    private static void requireCredentialsWith(Map<String, String> env, String endpoint, String... credentials) {
        if (nonBlank(env, endpoint).isEmpty()) {
            return;
        }
        for (String credential : credentials) {
            if (nonBlank(env, credential).isEmpty()) {
                throw MissingConfigurationException.credentialFor(credential, endpoint);
            }
        }
    }

    private static short parseShort(String variable, String value) {
        try {
            short parsed = Short.parseShort(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(variable + " must be a whole number of at least 1, got '" + value + "'");
    }

    private static Optional<String> nonBlank(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
