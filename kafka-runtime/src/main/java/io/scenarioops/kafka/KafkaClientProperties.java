package io.scenarioops.kafka;

import io.scenarioops.core.config.KafkaSettings;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Client settings shared by every service: exactly-once producers and read_committed consumers,
 * and on top of them the client settings of the environment ({@link KafkaSettings#clientProperties()}:
 * security protocol, SASL, TLS, tuning), which win over the tuning here; the settings exactly-once
 * depends on cannot come from there ({@link io.scenarioops.core.config.KafkaClientEnvironment}).
 * Every Kafka client of the pipeline, Kafka Streams included, is configured here.
 */
public final class KafkaClientProperties {
    /**
     * A tight consume-transform-produce loop has about a quarter of its offset commits refused with
     * CONCURRENT_TRANSACTIONS while the previous commit finishes; the default 100 ms retry backoff,
     * not CPU, then caps throughput and adds latency.
     */
    private static final String RETRY_BACKOFF_MS = "10";
    private static final String TRANSACTION_TIMEOUT_MS = "30000";
    /**
     * No metrics in JMX: the services' Kafka meters come from each client's own metrics map (Micrometer's
     * binders). Kafka's default JmxReporter re-registers a client's MBean for every metric added or
     * removed, and Kafka Streams adds and removes hundreds per task: CPU at every start, rebalance
     * and stop. {@code KAFKA_METRIC_REPORTERS=org.apache.kafka.common.metrics.JmxReporter} brings
     * JMX back.
     */
    private static final String NO_METRIC_REPORTERS = "";
    /**
     * How long a group member's fetch may wait on the broker for records. Closing the consumer
     * closes its fetch session with one more fetch, and the broker answers a connection's requests
     * one at a time, so every stop waited out the default 500 ms: 0.2–0.45 s of each service's
     * stop here. A fetch that finds records returns at once, so a busy stage is not slowed; an idle
     * one asks ten times a second instead of twice.
     */
    public static final String GROUP_FETCH_MAX_WAIT_MS = "100";

    /**
     * The largest record a stage writes: the producer's default max.request.size (1 MiB) less
     * room for the batch and record overhead. Brokers and topics keep their 1 MB defaults.
     */
    public static final int MAX_RECORD_BYTES = 1_000_000;

    private KafkaClientProperties() {
    }

    public static Properties admin(KafkaSettings kafka, String clientId) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return withEnvironment(kafka, props);
    }

    public static Properties transactionalProducer(KafkaSettings kafka, String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, RETRY_BACKOFF_MS);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return withEnvironment(kafka, props);
    }

    public static Properties readCommittedConsumer(KafkaSettings kafka, String groupId, String clientId,
            int maxPollRecords) {
        Properties props = readCommittedReader(kafka, clientId, maxPollRecords);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, GROUP_FETCH_MAX_WAIT_MS);
        return props;
    }

    /** A consumer outside any group, for reading with assign/seek: nothing is committed or rebalanced. */
    public static Properties readCommittedReader(KafkaSettings kafka, String clientId, int maxPollRecords) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        props.put(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, RETRY_BACKOFF_MS);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return withEnvironment(kafka, props);
    }

    /**
     * A Kafka Streams application's settings: {@code streamsSettings} (the application's own) with
     * the cluster and the environment's client settings, which Streams hands on to each of its
     * clients (main, restore and global consumers, producers, admin).
     */
    public static Properties streams(KafkaSettings kafka, Properties streamsSettings) {
        Properties props = new Properties();
        props.putAll(streamsSettings);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return withEnvironment(kafka, props);
    }

    private static Properties withEnvironment(KafkaSettings kafka, Properties props) {
        // a Streams application's own setting, then the environment's, win over this default
        props.putIfAbsent(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG, NO_METRIC_REPORTERS);
        props.putAll(kafka.clientProperties());
        return props;
    }
}
