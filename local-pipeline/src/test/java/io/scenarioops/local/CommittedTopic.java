package io.scenarioops.local;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.kafka.KafkaClientProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A topic's committed records, as a read_committed consumer sees them up to the last stable offset. */
final class CommittedTopic {
    private final List<ConsumerRecord<byte[], byte[]>> records;

    private CommittedTopic(List<ConsumerRecord<byte[], byte[]>> records) {
        this.records = records;
    }

    /** Reads from the beginning to the end as of now; fails if that takes longer than {@code timeout}. */
    static CommittedTopic read(KafkaSettings kafka, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientProperties.readCommittedReader(kafka, "long-test-" + topic, 500))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end is the last stable offset, so open transactions are waited out
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("reading " + topic + " to its end " + end + " took over " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return new CommittedTopic(records);
    }

    List<ConsumerRecord<byte[], byte[]>> records() {
        return records;
    }

    List<ConsumerRecord<byte[], byte[]>> withKey(String key) {
        return records.stream()
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key))
                .toList();
    }

    /** Per partition, the offset just past its last record: where a consumer that read them all has got to. */
    Map<TopicPartition, Long> pastLastRecord() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        records.forEach(r -> offsets.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max));
        return offsets;
    }

    /** Whether the consumer group has committed offsets at or past every record read here. */
    boolean consumedBy(KafkaSettings kafka, String groupId) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(KafkaClientProperties.admin(kafka, "long-test-admin"))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            return pastLastRecord().entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue());
        }
    }
}
