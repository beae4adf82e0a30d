package io.scenarioops.testharness;

import static org.awaitility.Awaitility.await;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
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
        // A transaction still being committed on the topic would be left out of the end offsets below.
        awaitSettled(kafka, topic, timeout);
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
     * Waits until no transaction is open on any partition of {@code topic}, so that a
     * read_committed reader sees every record written to it so far. A stage commits its input
     * offsets and its outputs in one transaction, but the commit reaches the offsets and the output
     * partitions one after the other: call this for an output topic after {@link #awaitConsumed}.
     */
    public static void awaitSettled(KafkaSettings kafka, String topic) {
        awaitSettled(kafka, topic, DEFAULT_TIMEOUT);
    }

    public static void awaitSettled(KafkaSettings kafka, String topic, Duration timeout) {
        try (Admin admin = Admin.create(KafkaClientProperties.admin(kafka, "barrier-" + topic))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            await(topic + " without open transactions").atMost(timeout).pollInterval(POLL)
                    .until(() -> latest(admin, partitions, IsolationLevel.READ_COMMITTED)
                            .equals(latest(admin, partitions, IsolationLevel.READ_UNCOMMITTED)));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing " + topic, e);
        }
    }

    private static Map<TopicPartition, Long> latest(Admin admin, List<TopicPartition> partitions,
            IsolationLevel isolation) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get()
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
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
