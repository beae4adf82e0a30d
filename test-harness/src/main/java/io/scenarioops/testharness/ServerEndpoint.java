package io.scenarioops.testharness;

import io.scenarioops.core.config.ScenarioOpsConfig;

/**
 * Where one shared server answers, however it was started (in this JVM or in a container): what a
 * test's configuration needs to reach it.
 */
public sealed interface ServerEndpoint {

    /** {@code config} pointing at this server; everything else unchanged. */
    ScenarioOpsConfig applyTo(ScenarioOpsConfig config);

    record Kafka(String bootstrapServers) implements ServerEndpoint {
        @Override
        public ScenarioOpsConfig applyTo(ScenarioOpsConfig config) {
            return config.withKafkaBootstrapServers(bootstrapServers);
        }
    }

    /** An S3 endpoint that accepts the configuration's access and secret key. */
    record ObjectStore(String endpoint) implements ServerEndpoint {
        @Override
        public ScenarioOpsConfig applyTo(ScenarioOpsConfig config) {
            return config.withS3Endpoint(endpoint);
        }
    }

    record Postgres(String jdbcUrl, String user, String password) implements ServerEndpoint {
        @Override
        public ScenarioOpsConfig applyTo(ScenarioOpsConfig config) {
            return config.withPostgres(jdbcUrl, user, password);
        }
    }
}
