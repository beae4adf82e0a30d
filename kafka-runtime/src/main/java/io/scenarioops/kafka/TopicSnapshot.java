package io.scenarioops.kafka;

import io.scenarioops.core.config.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic's committed records (read_committed) from its beginning up to its end as it is when
 * the call starts; no consumer group, so nothing is committed and no rebalance is waited for.
 */
public final class TopicSnapshot {
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicSnapshot() {
    }

    public static List<ConsumerRecord<byte[], byte[]>> read(KafkaSettings kafka, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        forEach(kafka, topic, Optional.empty(), records::add);
        return records;
    }

    /**
     * Hands each committed record to {@code action}, partition by partition in offset order, from
     * the first record whose timestamp is at or after {@code since} (or from the beginning).
     */
    public static void forEach(KafkaSettings kafka, String topic, Optional<Instant> since,
            Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Properties props = KafkaClientProperties.readCommittedReader(kafka, "scenarioops-snapshot", 1000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            // Under read_committed the end offsets count transaction markers, which the position passes too.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            if (since.isPresent()) {
                Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> since.get().toEpochMilli())));
                // a partition without a record that recent has nothing to read
                partitions.forEach(p -> consumer.seek(p, first.get(p) == null ? end.get(p) : first.get(p).offset()));
            } else {
                consumer.seekToBeginning(partitions);
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(POLL).forEach(action);
            }
        }
    }
}
