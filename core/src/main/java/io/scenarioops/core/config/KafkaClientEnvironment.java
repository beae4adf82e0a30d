package io.scenarioops.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kafka client settings from the environment, so that a service can reach a secured cluster (SASL,
 * TLS) without code changes: every {@code KAFKA_<NAME>} variable becomes the client property
 * {@code <name>} in lower case with {@code _} read as {@code .} ({@code KAFKA_SECURITY_PROTOCOL} →
 * {@code security.protocol}), and {@code KAFKA_CONFIG_FILE} names a properties file as Kafka's own
 * tools take with {@code --command-config}.
 *
 * <p>Layers, later ones winning: {@code KAFKA_CONFIG_FILE}, {@code KAFKA_*}, then for a service
 * its own {@code SOLVER_KAFKA_CONFIG_FILE} and {@code SOLVER_KAFKA_*} (likewise PUBLISHER, QC,
 * CONSOLE). A setting from the environment wins over the pipeline's tuning defaults (linger,
 * batch sizes, timeouts), but a setting the pipeline relies on for correctness (exactly-once,
 * read_committed, its group and transactional ids, serializers, where dead letters go) is
 * refused with an error naming the variable or file: silently ignoring it would leave the operator
 * believing it applies, and applying it would break the pipeline's guarantees.
 *
 * <p>{@code KAFKA_BOOTSTRAP_SERVERS} keeps its own meaning (the one cluster every service uses);
 * {@code KAFKA_HOME}, {@code KAFKA_DEBUG} and {@code KAFKA_*_OPTS} belong to Kafka's start
 * scripts and are not client settings.
 */
public final class KafkaClientEnvironment {
    public static final String PREFIX = "KAFKA_";
    public static final String CONFIG_FILE = PREFIX + "CONFIG_FILE";

    private static final String CONFIG_FILE_SUFFIX = "CONFIG_FILE";
    private static final String BOOTSTRAP_SERVERS_SUFFIX = "BOOTSTRAP_SERVERS";
    private static final List<String> SCRIPT_VARIABLES = List.of("HOME", "DEBUG");
    /** Kafka Streams passes a setting with one of these prefixes to one kind of its clients. */
    private static final List<String> STREAMS_CLIENT_PREFIXES = List.of("main.consumer.", "restore.consumer.",
            "global.consumer.", "consumer.", "producer.", "admin.");

    private static final String EXACTLY_ONCE = "the pipeline's exactly-once delivery depends on it";
    private static final String OWN_IDS = "each stage names its own, and the ACLs are granted on those names";
    private static final String BYTES = "the pipeline encodes and decodes events itself";
    private static final String DEAD_LETTERS = "records QC cannot process must reach the dead-letter topic";
    /** What the pipeline sets itself, and why it must stay so. */
    private static final Map<String, String> RESERVED = Map.ofEntries(
            Map.entry("bootstrap.servers", "set KAFKA_BOOTSTRAP_SERVERS, which every service shares"),
            Map.entry("transactional.id", OWN_IDS),
            Map.entry("group.id", OWN_IDS),
            Map.entry("application.id", OWN_IDS),
            Map.entry("enable.idempotence", EXACTLY_ONCE),
            Map.entry("acks", EXACTLY_ONCE),
            Map.entry("isolation.level", EXACTLY_ONCE),
            Map.entry("enable.auto.commit", EXACTLY_ONCE + " (offsets are committed in each transaction)"),
            Map.entry("processing.guarantee", EXACTLY_ONCE),
            Map.entry("auto.offset.reset", "a new consumer group must read requests published before it started"),
            Map.entry("key.serializer", BYTES),
            Map.entry("value.serializer", BYTES),
            Map.entry("key.deserializer", BYTES),
            Map.entry("value.deserializer", BYTES),
            Map.entry("processing.exception.handler", DEAD_LETTERS),
            Map.entry("deserialization.exception.handler", DEAD_LETTERS),
            Map.entry("errors.dead.letter.queue.topic.name", DEAD_LETTERS));

    private KafkaClientEnvironment() {
    }

    /** @throws InvalidConfigurationException for an unreadable file or a reserved setting, naming its source */
    public static KafkaClientSettings read(Map<String, String> env) {
        Map<ServiceRole, Map<String, String>> byService = new EnumMap<>(ServiceRole.class);
        for (ServiceRole role : ServiceRole.values()) {
            Map<String, String> own = layer(env, role.kafkaVariablePrefix());
            if (!own.isEmpty()) {
                byService.put(role, own);
            }
        }
        return new KafkaClientSettings(layer(env, PREFIX), byService, Optional.empty());
    }

    /** The client property a {@code KAFKA_<NAME>} variable sets. */
    public static String propertyName(String variableSuffix) {
        return variableSuffix.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** @throws InvalidConfigurationException if the pipeline sets {@code property} itself */
    public static void requireNotReserved(String property, String source) {
        String base = property;
        for (String prefix : STREAMS_CLIENT_PREFIXES) {
            if (base.startsWith(prefix)) {
                base = base.substring(prefix.length());
                break;
            }
        }
        String reason = RESERVED.get(base);
        if (reason != null) {
            throw new InvalidConfigurationException(source + " sets the Kafka client setting " + property
                    + ", which the pipeline sets itself (" + reason + "); remove it");
        }
    }

    private static Map<String, String> layer(Map<String, String> env, String prefix) {
        Map<String, String> properties = new TreeMap<>();
        String fileVariable = prefix + CONFIG_FILE_SUFFIX;
        String file = env.get(fileVariable);
        if (file != null && !file.isBlank()) {
            String source = fileVariable + " (" + file.strip() + ")";
            readFile(fileVariable, Path.of(file.strip())).forEach((property, value) -> {
                requireNotReserved(property, source);
                properties.put(property, value);
            });
        }
        new TreeMap<>(env).forEach((variable, value) -> {
            if (!variable.startsWith(prefix) || variable.equals(fileVariable) || value == null || value.isBlank()) {
                return;
            }
            String suffix = variable.substring(prefix.length());
            if (prefix.equals(PREFIX) && (suffix.equals(BOOTSTRAP_SERVERS_SUFFIX) || isScriptVariable(suffix))) {
                return;
            }
            String property = propertyName(suffix);
            requireNotReserved(property, variable);
            properties.put(property, value.strip());
        });
        return properties;
    }

    private static boolean isScriptVariable(String suffix) {
        return SCRIPT_VARIABLES.contains(suffix) || suffix.endsWith("_OPTS") || suffix.equals("OPTS");
    }

    private static Map<String, String> readFile(String variable, Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new InvalidConfigurationException(variable + "=" + file + ": cannot read the Kafka client"
                    + " properties file (" + e + ")", e);
        }
        Map<String, String> properties = new TreeMap<>();
        loaded.stringPropertyNames().forEach(name -> properties.put(name.strip(), loaded.getProperty(name).strip()));
        return properties;
    }
}
