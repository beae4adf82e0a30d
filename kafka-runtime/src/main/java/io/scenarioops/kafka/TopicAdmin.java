package io.scenarioops.kafka;

import io.scenarioops.events.TopicCatalog;
import io.scenarioops.core.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's topics where they are missing; existing topics are left as they are.
 *
 * <p>On a cluster with ACLs a principal sees only the topics it may use: a topic it may not even
 * describe is another stage's business and is skipped; a missing topic it may not create is an
 * error saying so, since an administrator has to create it.
 */
public final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicAdmin() {
    }

    public static void ensureTopics(KafkaSettings kafka) {
        List<NewTopic> topics = new TopicCatalog(kafka.topicPrefix()).newTopics(kafka.replicationFactor());
        try (Admin admin = Admin.create(KafkaClientProperties.admin(kafka, "scenarioops-topic-admin"))) {
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(
                    TopicCollection.ofTopicNames(topics.stream().map(NewTopic::name).toList())).topicNameValues();
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : topics) {
                if (isMissing(described.get(topic.name()))) {
                    missing.add(topic);
                }
            }
            create(admin, missing);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + kafka.bootstrapServers() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Whether the topic does not exist; false also for one this principal may not describe. */
    private static boolean isMissing(KafkaFuture<TopicDescription> description)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            description.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return true;
            }
            if (e.getCause() instanceof TopicAuthorizationException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * One request for all of them: the controller creates them in one go, where a request per
     * topic took 40–60 ms each on a new data dir, and every service's start waits for them.
     */
    private static void create(Admin admin, List<NewTopic> missing)
            throws ExecutionException, TimeoutException, InterruptedException {
        if (missing.isEmpty()) {
            return;
        }
        Map<String, KafkaFuture<Void>> created = admin.createTopics(missing).values();
        for (NewTopic topic : missing) {
            try {
                created.get(topic.name()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("created topic {} ({} partitions, replication {})", topic.name(), topic.numPartitions(),
                        topic.replicationFactor());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    throw new IllegalStateException("topic " + topic.name() + " does not exist and this principal"
                            + " may not create it: an administrator has to create the pipeline's topics (see"
                            + " README, Security)", e.getCause());
                }
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
