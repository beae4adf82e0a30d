package io.scenarioops.kafka;

import io.scenarioops.core.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
        Properties props = KafkaClientProperties.readCommittedReader(kafka, "scenarioops-snapshot", 1000);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end offsets count transaction markers, which the position passes too.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }
}
