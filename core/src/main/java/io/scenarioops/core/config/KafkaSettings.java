package io.scenarioops.core.config;

import java.util.Objects;

/**
 * Where the Kafka cluster is, how this deployment's topic names are prefixed, and the replication
 * factor of topics the pipeline creates.
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, short replicationFactor) {
    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
    }

    public KafkaSettings(String bootstrapServers, String topicPrefix) {
        this(bootstrapServers, topicPrefix, (short) 1);
    }
}
