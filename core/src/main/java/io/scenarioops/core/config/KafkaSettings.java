package io.scenarioops.core.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where the Kafka cluster is, how this deployment's topic names are prefixed, the replication
 * factor of topics the pipeline creates, and the client settings from the environment
 * ({@link KafkaClientEnvironment}: security protocol, SASL, TLS, tuning) that every client of this
 * process gets on top of the pipeline's own.
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, short replicationFactor,
        Map<String, String> clientProperties) {
    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
        clientProperties.keySet().forEach(name -> KafkaClientEnvironment.requireNotReserved(name, "the configuration"));
        clientProperties = Collections.unmodifiableMap(new TreeMap<>(clientProperties));
    }

    public KafkaSettings(String bootstrapServers, String topicPrefix, short replicationFactor) {
        this(bootstrapServers, topicPrefix, replicationFactor, Map.of());
    }

    public KafkaSettings(String bootstrapServers, String topicPrefix) {
        this(bootstrapServers, topicPrefix, (short) 1);
    }

    /** The same cluster reached with other client settings, e.g. another principal's credentials. */
    public KafkaSettings withClientProperties(Map<String, String> properties) {
        return new KafkaSettings(bootstrapServers, topicPrefix, replicationFactor, properties);
    }

    /** Secrets in the client settings never reach logs. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", topicPrefix='" + topicPrefix
                + "', replicationFactor=" + replicationFactor + ", clientProperties="
                + Redaction.settings(clientProperties) + "]";
    }
}
