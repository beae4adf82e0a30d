package io.scenarioops.core.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kafka client settings the environment gives ({@link KafkaClientEnvironment}): the shared
 * ones, each service's own, and which service this process runs as (none for the command-line
 * tools, which use the shared settings).
 */
public record KafkaClientSettings(Map<String, String> shared, Map<ServiceRole, Map<String, String>> byService,
        Optional<ServiceRole> service) {
    public static final KafkaClientSettings NONE = new KafkaClientSettings(Map.of(), Map.of(), Optional.empty());

    public KafkaClientSettings {
        shared = Collections.unmodifiableMap(new TreeMap<>(shared));
        Map<ServiceRole, Map<String, String>> copy = new EnumMap<>(ServiceRole.class);
        byService.forEach((role, settings) -> copy.put(role, Collections.unmodifiableMap(new TreeMap<>(settings))));
        byService = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(service, "service");
    }

    /** The same settings, for the clients of {@code role}. */
    public KafkaClientSettings as(ServiceRole role) {
        return new KafkaClientSettings(shared, byService, Optional.of(role));
    }

    /** What this process's clients get: the service's own settings over the shared ones. */
    public Map<String, String> effective() {
        Map<String, String> merged = new TreeMap<>(shared);
        service.map(byService::get).ifPresent(merged::putAll);
        return Collections.unmodifiableMap(merged);
    }

    /** Secrets (JAAS configs, passwords, keys) never reach logs. */
    @Override
    public String toString() {
        return "KafkaClientSettings[service=" + service.map(ServiceRole::id).orElse("<shared>")
                + ", effective=" + Redaction.settings(effective()) + "]";
    }
}
