package io.scenarioops.testharness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.core.config.PostgresSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From where a server answers (as a container reports it) to the configuration the services get. */
class ServerEndpointTest {

    private static final ScenarioOpsConfig DEFAULTS = ScenarioOpsConfig.fromEnv(Map.of());

    @Test
    void kafkaSetsTheBootstrapServersOnly() {
        ScenarioOpsConfig config = new ServerEndpoint.Kafka("PLAINTEXT://127.0.0.1:32771").applyTo(DEFAULTS);

        assertEquals("PLAINTEXT://127.0.0.1:32771", config.kafka().bootstrapServers());
        assertEquals(DEFAULTS.s3Endpoint(), config.s3Endpoint());
        assertEquals(DEFAULTS.pgUrl(), config.pgUrl());
    }

    @Test
    void objectStoreKeepsTheDefaultCredentialsAndBucket() {
        ScenarioOpsConfig config = new ServerEndpoint.ObjectStore("http://127.0.0.1:32772").applyTo(DEFAULTS);

        assertEquals(new ObjectStoreSettings("http://127.0.0.1:32772", "scenarioops", "scenarioops-secret", "scenarioops"),
                config.objectStore());
        assertEquals(DEFAULTS.kafkaBootstrapServers(), config.kafkaBootstrapServers());
    }

    @Test
    void postgresTakesUrlUserAndPassword() {
        ScenarioOpsConfig config = new ServerEndpoint.Postgres("jdbc:postgresql://127.0.0.1:32773/test?loggerLevel=OFF",
                "postgres", "postgres").applyTo(DEFAULTS);

        assertEquals(new PostgresSettings("jdbc:postgresql://127.0.0.1:32773/test?loggerLevel=OFF", "postgres", "postgres"),
                config.postgres());
    }

    @Test
    void theThreeTogetherNameEveryServer() {
        ScenarioOpsConfig config = DEFAULTS;
        for (ServerEndpoint endpoint : new ServerEndpoint[] {
                new ServerEndpoint.Kafka("127.0.0.1:1"), new ServerEndpoint.ObjectStore("http://127.0.0.1:2"),
                new ServerEndpoint.Postgres("jdbc:postgresql://127.0.0.1:3/test", "u", "p")}) {
            config = endpoint.applyTo(config);
        }

        assertEquals("127.0.0.1:1", config.kafka().bootstrapServers());
        assertEquals("http://127.0.0.1:2", config.objectStore().endpoint());
        assertEquals("jdbc:postgresql://127.0.0.1:3/test", config.postgres().jdbcUrl());
    }
}
