package io.scenarioops.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.embedded.EmbeddedKafka;
import io.scenarioops.events.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TopicAdmin} on a real (embedded) broker. */
class TopicAdminTest {
    private static final Path WORK = Path.of("target", "topic-admin-" + UUID.randomUUID());
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafka broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafka.start(WORK, EmbeddedKafka.ANY_FREE_PORT);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void createsEveryMissingTopicWithTheCatalogsPartitionsAndLeavesAnExistingOneAsItIs() throws Exception {
        KafkaSettings kafka = new KafkaSettings(broker.bootstrapServers(), "some-missing.");
        TopicCatalog catalog = new TopicCatalog(kafka.topicPrefix());
        try (Admin admin = Admin.create(KafkaClientProperties.admin(kafka, "test-admin"))) {
            admin.createTopics(List.of(new NewTopic(catalog.scenarioSolved().name(), 1, (short) 1))).all().get();

            TopicAdmin.ensureTopics(kafka);

            Map<String, Integer> expected = new TreeMap<>();
            for (NewTopic topic : catalog.newTopics((short) 1)) {
                expected.put(topic.name(), topic.numPartitions());
            }
            expected.put(catalog.scenarioSolved().name(), 1);
            // the broker learns of a created topic from the controller a moment later
            await().atMost(WAIT).ignoreExceptionsMatching(TopicAdminTest::notKnownYet).untilAsserted(() ->
                    assertEquals(expected, partitions(admin, expected.keySet().stream().toList())));
        }
    }

    @Test
    void runsAgainWithoutAnErrorOnceEveryTopicExists() throws Exception {
        KafkaSettings kafka = new KafkaSettings(broker.bootstrapServers(), "twice.");
        TopicAdmin.ensureTopics(kafka);
        TopicAdmin.ensureTopics(kafka);

        List<String> names = new TopicCatalog(kafka.topicPrefix()).newTopics((short) 1).stream()
                .map(NewTopic::name).toList();
        try (Admin admin = Admin.create(KafkaClientProperties.admin(kafka, "test-admin"))) {
            await().atMost(WAIT).ignoreExceptionsMatching(TopicAdminTest::notKnownYet).untilAsserted(() -> assertEquals(Map.of(
                    "twice.scenario-requested", TopicCatalog.SCENARIO_TOPIC_PARTITIONS,
                    "twice.scenario-solved", TopicCatalog.SCENARIO_TOPIC_PARTITIONS,
                    "twice.scenario-published", TopicCatalog.SCENARIO_TOPIC_PARTITIONS,
                    "twice.run-completed", TopicCatalog.RUN_TOPIC_PARTITIONS,
                    "twice.scenario-dlq", TopicCatalog.DEAD_LETTER_PARTITIONS,
                    "twice.scenarioops-qc-run-inputs", TopicCatalog.SCENARIO_TOPIC_PARTITIONS),
                    partitions(admin, names)));
        }
    }

    /** A describe that reaches the broker before the controller told it of a new topic. */
    private static boolean notKnownYet(Throwable error) {
        return error.getCause() instanceof UnknownTopicOrPartitionException;
    }

    private static Map<String, Integer> partitions(Admin admin, List<String> names) throws Exception {
        Map<String, Integer> found = new TreeMap<>();
        for (TopicDescription description : admin.describeTopics(names).allTopicNames().get().values()) {
            found.put(description.name(), description.partitions().size());
        }
        return found;
    }
}
