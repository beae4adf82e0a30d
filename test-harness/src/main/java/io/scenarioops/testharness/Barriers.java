package io.scenarioops.testharness;

import static org.awaitility.Awaitility.await;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits that prove work was done, for assertions that something did <em>not</em> happen: without
 * such a barrier, "no second completion" may only mean "not yet".
 */
public final class Barriers {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private Barriers() {
    }

    /**
     * Waits until consumer group {@code groupId} has committed its way through every record
     * {@code topic} held when this was called: each of those records is processed and, for a
     * transactional stage, its outputs are committed with the offset. For a Kafka Streams
     * application the group is its application id.
     *
     * <p>A transactional stage commits the offset after its last record, which stops short of
     * the topic's end offset by the commit marker that follows; so "through" means no committed
     * record lies between the group's offset and the end.
     */
    public static void awaitConsumed(KafkaSettings kafka, String groupId, String topic) {
        awaitConsumed(kafka, groupId, topic, DEFAULT_TIMEOUT);
    }

    public static void awaitConsumed(KafkaSettings kafka, String groupId, String topic, Duration timeout) {
        try (Admin admin = Admin.create(KafkaClientProperties.admin(kafka, "barrier-" + groupId));
                KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(
                        KafkaClientProperties.readCommittedReader(kafka, "barrier-" + groupId, 500))) {
            List<TopicPartition> partitions = reader.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            reader.assign(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            await("group " + groupId + " through " + topic + " up to " + end)
                    .atMost(timeout)
                    .pollInterval(POLL)
                    .until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, groupId);
                        return partitions.stream().allMatch(partition -> nothingLeft(reader, partition,
                                committed.get(partition) == null ? 0 : committed.get(partition).offset(),
                                end.get(partition)));
                    });
        }
    }

    /**
     * {@link #awaitConsumed} for a Kafka Streams application: its input topic, then each of its
     * repartition topics (which carry the input's records to the later steps).
     */
    public static void awaitStreamsConsumed(KafkaSettings kafka, String applicationId, String inputTopic) {
        awaitConsumed(kafka, applicationId, inputTopic);
        for (String repartition : repartitionTopics(kafka, applicationId)) {
            awaitConsumed(kafka, applicationId, repartition);
        }
    }

    private static List<String> repartitionTopics(KafkaSettings kafka, String applicationId) {
        try (Admin admin = Admin.create(KafkaClientProperties.admin(kafka, "barrier-" + applicationId))) {
            return admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
                    .sorted()
                    .toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics of " + applicationId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted listing the topics of " + applicationId, e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String groupId)
            throws ExecutionException, InterruptedException {
        return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    }

    /** Whether no committed record lies in [{@code from}, {@code end}) of the partition. */
    private static boolean nothingLeft(KafkaConsumer<byte[], byte[]> reader, TopicPartition partition, long from,
            long end) {
        if (from >= end) {
            return true;
        }
        reader.seek(partition, from);
        while (reader.position(partition) < end) {
            boolean seen = reader.poll(POLL).records(partition).stream().anyMatch(record -> record.offset() < end);
            if (seen) {
                return false;
            }
        }
        return true;
    }
}
