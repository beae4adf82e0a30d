package io.scenarioops.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.RefusedEventException;
import io.scenarioops.core.TransientException;
import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.embedded.EmbeddedKafka;
import io.scenarioops.kafka.TransactionalStage.RecordHandler;
import io.scenarioops.model.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TransactionalStage} on a real (embedded) broker: what reaches read_committed readers, and how often. */
class TransactionalStageTest {
    private static final Path WORK = Path.of("target", "transactional-stage-" + UUID.randomUUID());
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedKafka broker;
    private static KafkaSettings kafka;

    private String input;
    private String output;
    private String deadLetters;
    private TransactionalStage stage;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafka.start(WORK, EmbeddedKafka.ANY_FREE_PORT);
        kafka = new KafkaSettings(broker.bootstrapServers(), "test.");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void createTopics() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        input = "in-" + id;
        output = "out-" + id;
        deadLetters = "in-" + id + ".dlq";
        try (Admin admin = Admin.create(KafkaClientProperties.admin(kafka, "test-admin"))) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1),
                    new NewTopic(deadLetters, 1, (short) 1))).all().get();
        }
    }

    @AfterEach
    void stopStage() {
        if (stage != null) {
            stage.stop();
        }
    }

    private TransactionalStage start(int maxAttemptsForUnexpectedErrors, RecordHandler handler) {
        return start(maxAttemptsForUnexpectedErrors, TransactionalStage.WorkBudget.DEFAULT, handler);
    }

    private TransactionalStage start(int maxAttemptsForUnexpectedErrors, TransactionalStage.WorkBudget budget,
            RecordHandler handler) {
        TransactionalStage.Options options = new TransactionalStage.Options("test-stage", "group-" + input, input,
                deadLetters, 100, maxAttemptsForUnexpectedErrors, Duration.ofMillis(10), Duration.ofMillis(50))
                .withBudget(budget);
        stage = new TransactionalStage(kafka, options, handler);
        stage.start();
        return stage;
    }

    /** Writes the values in one producer batch, each under itself as key, so that the stage polls them together. */
    private void send(String... values) throws Exception {
        sendKeyed(Arrays.stream(values).map(value -> value + "=" + value).toArray(String[]::new));
    }

    /** Writes {@code key=value} pairs in one producer batch, each under its key. */
    private void sendKeyed(String... pairs) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (String pair : pairs) {
                String[] keyAndValue = pair.split("=", 2);
                producer.send(new ProducerRecord<>(input, keyAndValue[0].getBytes(UTF_8),
                        keyAndValue[1].getBytes(UTF_8)));
            }
            producer.flush();
        }
    }

    /** Every committed record of the topic's single partition, read to its last stable offset. */
    private static List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(
                KafkaClientProperties.readCommittedReader(kafka, "test-reader", 500))) {
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            long end = reader.endOffsets(List.of(partition)).get(partition);
            await().atMost(WAIT).until(() -> {
                reader.poll(Duration.ofMillis(100)).forEach(records::add);
                return reader.position(partition) >= end;
            });
        }
        return records;
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> new String(record.value(), UTF_8)).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DeadLetters.header(record.headers(), name);
    }

    private RecordHandler upperCase(Map<String, RuntimeException> failures) {
        return record -> {
            String value = new String(record.value(), UTF_8);
            RuntimeException failure = failures.get(value);
            if (failure != null) {
                throw failure;
            }
            return List.of(new ProducerRecord<>(output, record.key(), value.toUpperCase().getBytes(UTF_8)));
        };
    }

    private void awaitCommitted(long records, long deadLettered) {
        await().atMost(WAIT).until(() -> stage.recordsCommitted() >= records);
        assertEquals(records, stage.recordsCommitted());
        assertEquals(deadLettered, stage.recordsDeadLettered());
    }

    @Test
    void aRecordIsCommittedWithItsOutputExactlyOnce() throws Exception {
        start(3, upperCase(Map.of()));

        send("hello");
        awaitCommitted(1, 0);
        // A second record committed after it proves the first is not written again by a later transaction.
        send("world");
        awaitCommitted(2, 0);

        assertEquals(List.of("HELLO", "WORLD"), values(committed(output)));
        assertEquals(List.of(), committed(deadLetters));
        assertTrue(stage.isRunning());
    }

    /**
     * Records slower than the transaction's budget are committed one by one: while the stage works
     * on the last record of a batch, the outputs of the first ones are already readable downstream.
     */
    @Test
    void aBatchOfSlowRecordsIsCommittedRecordByRecord() throws Exception {
        AtomicBoolean earlierOutputsReadable = new AtomicBoolean();
        RecordHandler upperCase = upperCase(Map.of());
        start(3, new TransactionalStage.WorkBudget(Duration.ZERO, Duration.ofSeconds(60)), record -> {
            if (new String(record.value(), UTF_8).equals("c")) {
                earlierOutputsReadable.set(await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> values(committed(output)), List.of("A", "B")::equals) != null);
            }
            return upperCase.handle(record);
        });

        send("a", "b", "c");
        awaitCommitted(3, 0);

        assertTrue(earlierOutputsReadable.get(), "A and B were committed before c was handled");
        assertEquals(List.of("A", "B", "C"), values(committed(output)));
    }

    /**
     * Past the poll's budget the rest of a batch is left for the next poll: every record is still
     * handled exactly once and its output committed once, in order.
     */
    @Test
    void theRestOfABatchPastThePollsBudgetIsHandledOnceAfterTheNextPoll() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        RecordHandler upperCase = upperCase(Map.of());
        start(3, new TransactionalStage.WorkBudget(Duration.ZERO, Duration.ZERO), record -> {
            handled.incrementAndGet();
            return upperCase.handle(record);
        });

        send("a", "b", "c", "d", "e");
        awaitCommitted(5, 0);
        // a sixth record committed after them proves none of the five is handled again later
        send("f");
        awaitCommitted(6, 0);

        assertEquals(6, handled.get(), "records handled");
        assertEquals(List.of("A", "B", "C", "D", "E", "F"), values(committed(output)));
    }

    /**
     * Records of one key wait for each other, records of other keys do not: "k=first" is held until
     * "j=other" has been handled beside it, and "k=second" must find it finished.
     */
    @Test
    void recordsWithTheSameKeyAreHandledOneAfterTheOtherWhileOtherKeysRunBeside() throws Exception {
        AtomicBoolean otherHandled = new AtomicBoolean();
        AtomicBoolean firstFinished = new AtomicBoolean();
        AtomicBoolean secondFoundFirstFinished = new AtomicBoolean();
        RecordHandler upperCase = upperCase(Map.of());
        TransactionalStage.Options options = new TransactionalStage.Options("test-stage", "group-" + input, input,
                deadLetters, 100, 3, Duration.ofMillis(10), Duration.ofMillis(50)).withConcurrency(4);
        stage = new TransactionalStage(kafka, options, record -> {
            switch (new String(record.value(), UTF_8)) {
                case "first" -> {
                    await().atMost(Duration.ofSeconds(20)).untilTrue(otherHandled);
                    firstFinished.set(true);
                }
                case "other" -> otherHandled.set(true);
                case "second" -> secondFoundFirstFinished.set(firstFinished.get());
                default -> throw new IllegalStateException("unexpected record");
            }
            return upperCase.handle(record);
        });
        sendKeyed("k=first", "k=second", "j=other");
        stage.start();

        awaitCommitted(3, 0);

        assertTrue(secondFoundFirstFinished.get(), "k=second waited for k=first");
        assertEquals(List.of("FIRST", "SECOND", "OTHER"), values(committed(output)));
    }

    @Test
    void aRefusedRecordIsDeadLetteredWithoutItsStandInWhileItsNeighboursAreProcessed() throws Exception {
        RecordHandler upperCase = upperCase(Map.of("forged",
                new RefusedEventException("scenario run-a/baseline was published for another request")));
        send("before", "forged", "after");
        start(3, new RecordHandler() {
            @Override
            public List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) throws Exception {
                return upperCase.handle(record);
            }

            @Override
            public List<ProducerRecord<byte[], byte[]>> onPermanentFailure(ConsumerRecord<byte[], byte[]> record,
                    Exception error) {
                return List.of(new ProducerRecord<>(output, record.key(), "STAND-IN".getBytes(UTF_8)));
            }
        });

        awaitCommitted(3, 1);

        assertEquals(List.of("BEFORE", "AFTER"), values(committed(output)));
        List<ConsumerRecord<byte[], byte[]>> letters = committed(deadLetters);
        assertEquals(List.of("forged"), values(letters));
        assertEquals("scenario run-a/baseline was published for another request",
                header(letters.get(0), DeadLetters.REASON));
    }

    @Test
    void anInvalidRecordIsDeadLetteredWhileItsNeighboursAreProcessed() throws Exception {
        send("before", "bad", "after");
        start(3, upperCase(Map.of("bad", new InvalidInputException("value", "'bad' is not a scenario"))));

        awaitCommitted(3, 1);

        assertEquals(List.of("BEFORE", "AFTER"), values(committed(output)));
        List<ConsumerRecord<byte[], byte[]>> letters = committed(deadLetters);
        assertEquals(List.of("bad"), values(letters));
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertEquals("value: 'bad' is not a scenario", header(letter, DeadLetters.REASON));
        assertEquals("test-stage", header(letter, DeadLetters.STAGE));
        assertEquals(InvalidInputException.class.getName(), header(letter, DeadLetters.ERROR_CLASS));
        assertEquals(input, header(letter, DeadLetters.SOURCE_TOPIC));
        assertEquals("1", header(letter, DeadLetters.SOURCE_OFFSET));
    }

    @Test
    void aTransientFailureIsRetriedUntilItPassesAndNeverDeadLettered() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RecordHandler flaky = record -> {
            if (attempts.incrementAndGet() <= 4) {
                throw new TransientException("object store unavailable", new java.io.IOException("refused"));
            }
            return List.of(new ProducerRecord<>(output, record.key(), "SOLVED".getBytes(UTF_8)));
        };
        // Two attempts would dead-letter an unexpected error; transient failures are not counted.
        start(2, flaky);

        send("flaky");
        awaitCommitted(1, 0);

        assertEquals(5, attempts.get());
        assertEquals(List.of("SOLVED"), values(committed(output)));
        assertEquals(List.of(), committed(deadLetters));
    }

    @Test
    void anOutputOverTheRecordSizeIsDeadLetteredAndTheBatchGoesOn() throws Exception {
        RecordHandler inflating = record -> {
            String value = new String(record.value(), UTF_8);
            byte[] out = value.equals("big") ? new byte[KafkaClientProperties.MAX_RECORD_BYTES + 1]
                    : value.toUpperCase().getBytes(UTF_8);
            return List.of(new ProducerRecord<>(output, record.key(), out));
        };
        send("small", "big", "tiny");
        start(3, inflating);

        awaitCommitted(3, 1);

        assertEquals(List.of("SMALL", "TINY"), values(committed(output)));
        List<ConsumerRecord<byte[], byte[]>> letters = committed(deadLetters);
        assertEquals(List.of("big"), values(letters));
        assertTrue(header(letters.get(0), DeadLetters.REASON).contains("over the "
                + KafkaClientProperties.MAX_RECORD_BYTES + "-byte record limit"), header(letters.get(0),
                DeadLetters.REASON));
    }
}
