package io.scenarioops.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaClientEnvironmentTest {
    private static final String REQUESTER_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"requester\" password=\"requester-pw\";";
    private static final String SOLVER_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"solver\" password=\"solver-pw\";";

    @TempDir
    Path dir;

    @Test
    void everyKafkaVariableBecomesTheClientPropertyOfItsName() {
        ScenarioOpsConfig config = ScenarioOpsConfig.fromEnv(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", REQUESTER_JAAS,
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.jks",
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "KAFKA_HOME", "/opt/kafka",
                "KAFKA_LINGER_MS", " "));

        assertEquals("kafka:9092", config.kafka().bootstrapServers());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", REQUESTER_JAAS, "ssl.truststore.location", "/etc/kafka/truststore.jks"),
                config.kafka().clientProperties());
    }

    @Test
    void aServicesOwnSettingsWinOverTheSharedOnesAndTheSharedOnesAreTheCommandLinesOnly() {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", REQUESTER_JAAS,
                "SOLVER_KAFKA_SASL_JAAS_CONFIG", SOLVER_JAAS,
                "QC_KAFKA_NUM_STREAM_THREADS", "4");
        ScenarioOpsConfig config = ScenarioOpsConfig.fromEnv(env);

        Map<String, String> solver = config.asService(ServiceRole.SOLVER).kafka().clientProperties();
        assertEquals(SOLVER_JAAS, solver.get("sasl.jaas.config"));
        assertEquals("SASL_PLAINTEXT", solver.get("security.protocol"));
        assertEquals("PLAIN", solver.get("sasl.mechanism"));
        assertFalse(solver.containsKey("num.stream.threads"), "QC's settings are QC's: " + solver);
        assertEquals(REQUESTER_JAAS, config.kafka().clientProperties().get("sasl.jaas.config"));
        assertEquals(REQUESTER_JAAS,
                config.asService(ServiceRole.PUBLISHER).kafka().clientProperties().get("sasl.jaas.config"));
        assertEquals("4", config.asService(ServiceRole.QC).kafka().clientProperties().get("num.stream.threads"));
    }

    @Test
    void filesAreTheLowerLayerOfTheirLevel() throws IOException {
        Path shared = Files.writeString(dir.resolve("client.properties"), """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-256
                ssl.truststore.location=/etc/shared.jks
                linger.ms=20
                """);
        Path solver = Files.writeString(dir.resolve("solver.properties"), """
                sasl.mechanism=SCRAM-SHA-512
                ssl.truststore.location=/etc/solver.jks
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                    username="solver" password="from-file";
                """);
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093");
        env.put("KAFKA_CONFIG_FILE", shared.toString());
        env.put("KAFKA_LINGER_MS", "50");
        env.put("SOLVER_KAFKA_CONFIG_FILE", solver.toString());
        env.put("SOLVER_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/solver-env.jks");

        ScenarioOpsConfig config = ScenarioOpsConfig.fromEnv(env);

        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-256",
                "ssl.truststore.location", "/etc/shared.jks", "linger.ms", "50"), config.kafka().clientProperties());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/solver-env.jks", "linger.ms", "50",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"solver\" password=\"from-file\";"),
                config.asService(ServiceRole.SOLVER).kafka().clientProperties());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "KAFKA_ISOLATION_LEVEL, read_uncommitted, isolation.level",
        "KAFKA_ENABLE_IDEMPOTENCE, false, enable.idempotence",
        "KAFKA_TRANSACTIONAL_ID, mine, transactional.id",
        "KAFKA_ACKS, 1, acks",
        "KAFKA_GROUP_ID, mine, group.id",
        "KAFKA_ENABLE_AUTO_COMMIT, true, enable.auto.commit",
        "QC_KAFKA_PROCESSING_GUARANTEE, at_least_once, processing.guarantee",
        "QC_KAFKA_CONSUMER_ISOLATION_LEVEL, read_uncommitted, consumer.isolation.level",
        "QC_KAFKA_PRODUCER_TRANSACTIONAL_ID, mine, producer.transactional.id",
        "SOLVER_KAFKA_BOOTSTRAP_SERVERS, elsewhere:9092, bootstrap.servers",
    })
    void aSettingThePipelineReliesOnIsRefusedNamingTheVariable(String variable, String value, String property) {
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> ScenarioOpsConfig.fromEnv(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", variable, value)));

        assertTrue(error.getMessage().startsWith(variable + " sets the Kafka client setting " + property
                + ", which the pipeline sets itself ("), error.getMessage());
        assertTrue(error.getMessage().endsWith("; remove it"), error.getMessage());
    }

    @Test
    void aReservedSettingInAFileIsRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SSL\nisolation.level=read_uncommitted\n");

        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> ScenarioOpsConfig.fromEnv(Map.of("KAFKA_CONFIG_FILE", file.toString())));

        assertEquals("KAFKA_CONFIG_FILE (" + file + ") sets the Kafka client setting isolation.level, which the"
                + " pipeline sets itself (the pipeline's exactly-once delivery depends on it); remove it",
                error.getMessage());
    }

    @Test
    void anUnreadableFileIsAConfigurationErrorNamingTheVariable() {
        Path missing = dir.resolve("absent.properties");

        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> ScenarioOpsConfig.fromEnv(Map.of("PUBLISHER_KAFKA_CONFIG_FILE", missing.toString())));

        assertTrue(error.getMessage().startsWith("PUBLISHER_KAFKA_CONFIG_FILE=" + missing
                + ": cannot read the Kafka client properties file (java.nio.file.NoSuchFileException"),
                error.getMessage());
    }

    @Test
    void secretsNeverReachTheTextOfTheConfiguration() {
        ScenarioOpsConfig config = ScenarioOpsConfig.fromEnv(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_JAAS_CONFIG", REQUESTER_JAAS,
                "KAFKA_SSL_KEY_PASSWORD", "key-pw",
                "KAFKA_SSL_KEYSTORE_KEY", "-----BEGIN PRIVATE KEY-----",
                "SOLVER_KAFKA_SASL_JAAS_CONFIG", SOLVER_JAAS));

        for (String text : new String[] {config.toString(), config.asService(ServiceRole.SOLVER).toString(),
                config.kafka().toString(), config.asService(ServiceRole.SOLVER).kafka().toString()}) {
            for (String secret : new String[] {"requester-pw", "solver-pw", "key-pw", "PRIVATE KEY"}) {
                assertFalse(text.contains(secret), secret + " in " + text);
            }
            assertTrue(text.contains("sasl.jaas.config=***"), text);
            assertTrue(text.contains("security.protocol=SASL_SSL"), text);
        }
        assertTrue(config.asService(ServiceRole.SOLVER).toString().contains("service=solver"));
    }
}
