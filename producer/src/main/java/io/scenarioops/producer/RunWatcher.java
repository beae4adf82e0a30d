package io.scenarioops.producer;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.events.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows one run through the pipeline by reading the stage topics (read_committed). Open it
 * before publishing the run: it starts at the topics' current ends, so it sees only what follows.
 */
public final class RunWatcher implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    /** What is known of a run so far; {@code checked} comes from QC's records, -1 where unknown. */
    public record Progress(int scenarioCount, Set<String> solved, Map<String, ScenarioPublished> published,
            int checked, Optional<RunCompleted> completed) {
        public boolean allPublished() {
            return scenarioCount > 0 && published.size() >= scenarioCount;
        }

        public boolean isCompleted() {
            return completed.isPresent();
        }

        public String summary() {
            String total = scenarioCount > 0 ? Integer.toString(scenarioCount) : "?";
            return "solved " + solved.size() + "/" + total + ", published " + published.size() + "/" + total
                    + (checked >= 0 ? ", checked " + checked + "/" + total : "")
                    + completed.map(c -> ", run " + c.status()).orElse("");
        }
    }

    private static final Duration CHECKED_REFRESH = Duration.ofSeconds(1);

    private final TopicCatalog topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private static final String FETCH_MAX_WAIT_MS = "20";

    private final ToIntFunction<String> checkedCounter;

    /** Follows solved and published events and completion only. */
    public RunWatcher(KafkaSettings kafka) {
        this(kafka, runId -> -1);
    }

    /** Also reports how many scenarios QC has checked, as {@code checkedCounter} tells for a run id. */
    public RunWatcher(KafkaSettings kafka, ToIntFunction<String> checkedCounter) {
        this.checkedCounter = checkedCounter;
        this.topics = new TopicCatalog(kafka.topicPrefix());
        Properties props = KafkaClientProperties.readCommittedReader(kafka, "scenarioops-watcher", 500);
        // With the default 500 ms a read-committed fetch often sat out the whole wait after a
        // transaction committed: run --wait took 1.62 s against 1.20 s with 20 ms (warm services,
        // medians of 5). A watcher lives as long as one run; the services keep the default, as
        // 20 ms there cost 3 s of CPU every 10 s while idle. A KAFKA_* setting still wins.
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        this.consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.scenarioSolved().name(), topics.scenarioPublished().name(),
                topics.runCompleted().name())) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /**
     * Polls until {@code done} holds for the run or the timeout passes; {@code onChange} sees each
     * new state.
     */
    public Progress await(String runId, Predicate<Progress> done, Duration timeout, Consumer<Progress> onChange) {
        Set<String> solved = new TreeSet<>();
        Map<String, ScenarioPublished> published = new LinkedHashMap<>();
        RunCompleted completed = null;
        int scenarioCount = 0;
        int checked = -1;
        Instant nextCheckedRefresh = Instant.now();
        Instant deadline = Instant.now().plus(timeout);
        Progress progress = new Progress(0, Set.of(), Map.of(), -1, Optional.empty());
        while (!done.test(progress) && Instant.now().isBefore(deadline)) {
            boolean changed = false;
            if (Instant.now().isAfter(nextCheckedRefresh)) {
                int count = checkedCounter.applyAsInt(runId);
                changed = count != checked;
                checked = count;
                nextCheckedRefresh = Instant.now().plus(CHECKED_REFRESH);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.topic().equals(topics.scenarioSolved().name())) {
                    // Counting needs only the key; decoding each solved event (tens of KB) would
                    // cost the watcher more than the publisher spends on it. The publisher
                    // validates it; a forged key only miscounts this display.
                    String scenarioId = scenarioOfRun(record.key(), runId);
                    if (scenarioId != null) {
                        changed |= solved.add(scenarioId);
                    }
                    continue;
                }
                PipelineEvent event = decode(record);
                if (event == null || !event.runId().equals(runId)) {
                    continue;
                }
                scenarioCount = event.scenarioCount();
                changed = true;
                if (event instanceof ScenarioPublished p) {
                    published.put(p.scenarioId(), p);
                } else if (event instanceof RunCompleted c) {
                    completed = c;
                    checked = c.checkedCount();
                }
            }
            if (changed) {
                progress = new Progress(scenarioCount, Collections.unmodifiableSet(new TreeSet<>(solved)),
                        Collections.unmodifiableMap(new LinkedHashMap<>(published)), checked,
                        Optional.ofNullable(completed));
                onChange.accept(progress);
            }
        }
        return progress;
    }

    /** The scenario id of a {@code <run_id>/<scenario_id>} key of the run, or null for any other key. */
    private static String scenarioOfRun(byte[] key, String runId) {
        if (key == null) {
            return null;
        }
        String text = new String(key, StandardCharsets.UTF_8);
        return text.length() > runId.length() + 1 && text.startsWith(runId) && text.charAt(runId.length()) == '/'
                ? text.substring(runId.length() + 1) : null;
    }

    private PipelineEvent decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.topic().equals(topics.scenarioPublished().name())) {
                return topics.scenarioPublished().codec().decode(record.value());
            }
            return topics.runCompleted().codec().decode(record.value());
        } catch (InvalidEventException e) {
            // Not this watcher's concern: the stage that reads it dead-letters it.
            return null;
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
