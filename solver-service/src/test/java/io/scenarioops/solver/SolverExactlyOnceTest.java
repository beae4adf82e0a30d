package io.scenarioops.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TransactionalStage;
import io.scenarioops.model.Knobs;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.kafka.TopicSnapshot;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.testharness.Barriers;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A solver dies in the middle of a batch, with records already sent in its open transaction; a
 * second solver of the same group takes its partitions over. A read_committed reader of
 * scenario-solved must see every scenario exactly once.
 */
@PipelineTest({EmbeddedStack.Component.KAFKA, EmbeddedStack.Component.OBJECT_STORE})
class SolverExactlyOnceTest {
    private static final int SCENARIOS = 240;
    private static final int CRASH_AFTER_RECORDS = 35;

    private KafkaSettings kafka;
    private TopicCatalog topics;
    private ObjectStore store;

    @BeforeEach
    void ownTopics(StackSlice slice) {
        kafka = slice.kafka();
        topics = slice.topics();
        store = slice.objectStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Simulates the process dying: nothing after it runs, nothing open is committed. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash of the solver process");
        }
    }

    @Test
    void everyScenarioIsSolvedExactlyOnceWhenASolverDiesMidBatch() throws Exception {
        publishRequests("run-eos");
        TransactionalStage.Options options = SolverService.options(topics).withMaxPollRecords(10);
        AtomicInteger handledByDoomed = new AtomicInteger();
        SolverHandler real = new SolverHandler(topics, new ScenarioSolver(Clock.systemUTC(), new BaselineFiles(key -> Optional.empty())),
                new TableOffload(store));
        TransactionalStage doomed = new TransactionalStage(kafka, options, record -> {
            if (handledByDoomed.incrementAndGet() > CRASH_AFTER_RECORDS) {
                throw new SimulatedCrash();
            }
            return real.handle(record);
        });
        TransactionalStage survivor = new TransactionalStage(kafka, options, real);

        doomed.start();
        assertInstanceOf(SimulatedCrash.class, doomed.awaitTermination(), "the first solver should have crashed");
        survivor.start();
        try {
            Barriers.awaitConsumed(kafka, options.groupId(), topics.scenarioRequested().name(), Duration.ofSeconds(90));
            Barriers.awaitSettled(kafka, topics.scenarioSolved().name());
            Map<String, Integer> committed = countPerKey(TopicSnapshot.read(kafka, topics.scenarioSolved().name()));
            assertEquals(SCENARIOS, committed.size(), "every scenario solved");
            committed.forEach((key, count) -> assertEquals(1, count, "times " + key + " was solved"));
            assertTrue(doomed.recordsCommitted() < CRASH_AFTER_RECORDS,
                    "the crashed solver committed only whole batches before its crash");

            // The crashed solver's open transaction did write records; they were aborted, never seen above.
            Map<String, Integer> everything = countPerKey(readUncommitted(topics.scenarioSolved().name()));
            int written = everything.values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(written > SCENARIOS, "aborted records are in the log: " + written + " records written");
        } finally {
            survivor.stop();
        }
    }

    private void publishRequests(String runId) {
        Properties props = KafkaClientProperties.transactionalProducer(kafka, "test-requests-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < SCENARIOS; i++) {
                ScenarioRequested request = ScenarioSolverTest.request(String.format("s%03d", i),
                        new Knobs(0.5 + i / 240.0, 1.0, 1.0));
                ScenarioHeader header = new ScenarioHeader(request.schemaVersion(), UUID.randomUUID().toString(),
                        runId, request.dt(), request.occurredAtUtc(), SCENARIOS, request.runCreatedAtUtc(),
                        request.scenarioId());
                request = new ScenarioRequested(header, request.seed(), request.knobs(), request.notes());
                producer.send(new ProducerRecord<>(topics.scenarioRequested().name(),
                        request.key().getBytes(StandardCharsets.UTF_8), topics.scenarioRequested().codec().encode(request)));
            }
            producer.commitTransaction();
        }
    }

    private static Map<String, Integer> countPerKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> counts = new HashMap<>();
        records.forEach(record -> counts.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum));
        return counts;
    }

    /** Every record of the topic up to its current end, aborted ones included. */
    private List<ConsumerRecord<byte[], byte[]>> readUncommitted(String topic) {
        Properties props = KafkaClientProperties.readCommittedReader(kafka, "test-uncommitted-reader", 500);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
