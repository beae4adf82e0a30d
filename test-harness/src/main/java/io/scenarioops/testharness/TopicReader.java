package io.scenarioops.testharness;

import static org.awaitility.Awaitility.await;

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

    private final KafkaSettings kafka;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    public TopicReader(KafkaSettings kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
        Properties props = KafkaClientProperties.readCommittedReader(kafka, "test-reader-" + topic, 500);
        consumer = new KafkaConsumer<>(props);
        // A topic created a moment ago may not be in the metadata yet: wait for its partitions.
        List<TopicPartition> partitions;
        try {
            partitions = await("partitions of " + topic).atMost(METADATA_TIMEOUT).pollInSameThread()
                    .until(() -> consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList(), found -> !found.isEmpty());
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
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

    /**
     * Reads every record written to the topic before this call, once no transaction on it is open
     * any more. After a barrier such as
     * {@link Barriers#awaitConsumed} this is everything the stage under test wrote.
     */
    public void pollToEnd() {
        Barriers.awaitSettled(kafka, topic);
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        await("the end of " + end.keySet()).atMost(METADATA_TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO)
                .until(() -> {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                });
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
