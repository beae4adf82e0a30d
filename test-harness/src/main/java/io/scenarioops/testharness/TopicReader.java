package io.scenarioops.testharness;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.kafka.KafkaClientProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * For tests that watch a topic while something happens: reads its committed records
 * (read_committed) from the beginning and keeps them, polling for more as long as asked.
 */
public final class TopicReader implements AutoCloseable {
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    public TopicReader(KafkaSettings kafka, String topic) {
        Properties props = KafkaClientProperties.readCommittedReader(kafka, "test-reader-" + topic, 500);
        consumer = new KafkaConsumer<>(props);
        // A topic created a moment ago may not be in the metadata yet: wait for its partitions.
        List<TopicPartition> partitions = List.of();
        Instant deadline = Instant.now().plus(METADATA_TIMEOUT);
        while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
            partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("no partitions of " + topic + " within " + METADATA_TIMEOUT);
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Keeps polling for {@code duration}, e.g. to see that nothing more arrives. */
    public void poll(Duration duration) {
        Instant until = Instant.now().plus(duration);
        do {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        } while (Instant.now().isBefore(until));
    }

    /** Polls until {@code done} holds or the timeout passes; returns whether it holds. */
    public boolean pollUntil(Predicate<TopicReader> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(this) && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return done.test(this);
    }

    public List<ConsumerRecord<byte[], byte[]>> records() {
        return records;
    }

    public Map<String, Integer> countPerKey() {
        Map<String, Integer> counts = new HashMap<>();
        records.forEach(r -> counts.merge(key(r), 1, Integer::sum));
        return counts;
    }

    public Set<String> keys() {
        return new TreeSet<>(countPerKey().keySet());
    }

    /** Keys with their dead-letter reasons, for assertion messages. */
    public String describe() {
        return records.stream()
                .map(r -> key(r) + " (" + DeadLetters.header(r.headers(), DeadLetters.REASON) + ")")
                .toList().toString();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "null" : new String(record.key(), StandardCharsets.UTF_8);
    }
}
