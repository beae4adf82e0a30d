package io.scenarioops.kafka;

import io.scenarioops.events.TopicCatalog;
import io.scenarioops.core.config.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalog's topics where they are missing; existing topics are left as they are. */
public final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicAdmin() {
    }

    public static void ensureTopics(KafkaSettings kafka) {
        TopicCatalog catalog = new TopicCatalog(kafka.topicPrefix());
        try (Admin admin = Admin.create(KafkaClientProperties.admin(kafka, "scenarioops-topic-admin"))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = catalog.newTopics(kafka.replicationFactor()).stream()
                    .filter(t -> !existing.contains(t.name()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info("created topic {} ({} partitions, replication {})", topic.name(),
                            topic.numPartitions(), topic.replicationFactor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + kafka.bootstrapServers() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
