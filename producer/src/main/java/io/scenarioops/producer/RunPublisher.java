package io.scenarioops.producer;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.kafka.TopicAdmin;
import io.scenarioops.kafka.TransactionalStage;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.events.TopicCatalog.EventTopic;
import io.scenarioops.model.BaselineRef;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a run request as one {@code scenario-requested} event per scenario, all in ONE transaction. */
public final class RunPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RunPublisher.class);
    /**
     * Run requests' transactional ids start with this (after {@code scenarioops-} and the topic
     * prefix), so that one prefixed ACL lets a principal publish runs and nothing else's ids.
     */
    public static final String TRANSACTIONAL_ID_STAGE = "producer";
    /** A CLI should say that Kafka is unreachable rather than wait the client's default minute. */
    private static final String MAX_BLOCK_MS = "20000";

    private final KafkaSettings kafka;
    private final EventTopic<ScenarioRequested> topic;

    public RunPublisher(KafkaSettings kafka) {
        this.kafka = kafka;
        this.topic = new TopicCatalog(kafka.topicPrefix()).scenarioRequested();
    }

    /**
     * Stores the run's baseline file, if it has one, at its content address, then publishes the
     * run. Returns once the transaction is committed; throws, with nothing visible to consumers,
     * otherwise. The object store is configured only for a run that has a file to store.
     */
    public void publish(RunPlan plan, Supplier<ObjectStoreSettings> objectStore) {
        ChosenInstance instance = plan.instance();
        if (instance.file() != null) {
            try (ObjectStore store = new ObjectStore(objectStore.get())) {
                store.ensureBucket();
                BaselineRef stored = BaselineFiles.store(store, instance.fileContent());
                LOG.info("stored baseline file {} for run {}", stored.key(), plan.runId());
            }
        }
        publish(plan.runId(), plan.events());
    }

    /** {@code scenarioops-<topic prefix>producer-<run id>}. */
    public static String transactionalId(KafkaSettings kafka, String runId) {
        return transactionalIdPrefix(kafka.topicPrefix()) + runId;
    }

    /** What every run request's transactional id starts with: one prefixed ACL covers them all. */
    public static String transactionalIdPrefix(String topicPrefix) {
        return TransactionalStage.transactionalIdPrefix(topicPrefix, TRANSACTIONAL_ID_STAGE);
    }

    /**
     * Publishes one run's request events, all or nothing.
     *
     * @return when the broker acknowledged the commit, before the producer was closed: the
     *     moment from which a run's latency counts
     */
    public Instant publish(String runId, List<ScenarioRequested> events) {
        TopicAdmin.ensureTopics(kafka);
        // One transactional id per run: a retried publish of the same run fences an earlier, stuck attempt.
        Properties props = KafkaClientProperties.transactionalProducer(kafka, transactionalId(kafka, runId));
        // KAFKA_MAX_BLOCK_MS, if set, wins, like every other setting from the environment
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        Instant committed;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            try {
                for (ScenarioRequested event : events) {
                    producer.send(new ProducerRecord<>(topic.name(), event.key().getBytes(StandardCharsets.UTF_8),
                            topic.codec().encode(event)));
                }
                producer.commitTransaction();
                committed = Instant.now();
            } catch (KafkaException e) {
                producer.abortTransaction();
                throw e;
            }
        }
        LOG.info("published run {} ({} scenarios) to {}", runId, events.size(), topic.name());
        return committed;
    }
}
