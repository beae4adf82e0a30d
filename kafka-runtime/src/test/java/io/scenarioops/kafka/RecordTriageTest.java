package io.scenarioops.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.RefusedEventException;
import io.scenarioops.core.TransientException;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.kafka.RecordTriage.Outputs;
import io.scenarioops.kafka.RecordTriage.RetryBatchException;
import io.scenarioops.kafka.TransactionalStage.RecordHandler;
import io.scenarioops.kafka.metrics.DeadLetterReason;
import io.scenarioops.model.InvalidInputException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** {@link RecordTriage}: what one record writes, decided without a broker. */
class RecordTriageTest {
    private static final String INPUT = "in";
    private static final String OUTPUT = "out";
    private static final String DEAD_LETTERS = "in.dlq";
    private static final String STAND_IN = "failures";

    private static ConsumerRecord<byte[], byte[]> input(int partition, long offset, String value) {
        return new ConsumerRecord<>(INPUT, partition, offset, ("key-" + offset).getBytes(UTF_8), value.getBytes(UTF_8));
    }

    private static ProducerRecord<byte[], byte[]> output(String value) {
        return new ProducerRecord<>(OUTPUT, value.getBytes(UTF_8));
    }

    /** A handler that answers with {@code outcome}'s records or throws its error; its stand-in names the error. */
    private static RecordHandler handler(ThrowingHandler outcome) {
        return new RecordHandler() {
            @Override
            public List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) throws Exception {
                return outcome.handle(record);
            }

            @Override
            public List<ProducerRecord<byte[], byte[]>> onPermanentFailure(ConsumerRecord<byte[], byte[]> record,
                    Exception error) {
                return List.of(new ProducerRecord<>(STAND_IN, record.key(),
                        error.getClass().getSimpleName().getBytes(UTF_8)));
            }
        };
    }

    @FunctionalInterface
    private interface ThrowingHandler {
        List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) throws Exception;
    }

    private static RecordTriage triage(int maxAttempts, ThrowingHandler outcome) {
        return new RecordTriage("test-stage-1", "test-stage", DEAD_LETTERS, maxAttempts, handler(outcome));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    @Test
    void aHandledRecordWritesTheHandlersOutputs() {
        ProducerRecord<byte[], byte[]> first = output("a");
        ProducerRecord<byte[], byte[]> second = output("b");

        Outputs outputs = triage(3, record -> List.of(first, second)).triage(input(0, 7, "x"));

        assertFalse(outputs.deadLettered());
        assertEquals(List.of(first, second), outputs.records());
    }

    @Test
    void invalidInputIsDeadLetteredAtOnceWithItsReasonAndOrigin() {
        ConsumerRecord<byte[], byte[]> bad = input(2, 41, "{not json");

        Outputs outputs = triage(5, record -> {
            throw new InvalidEventException("scenario-requested", "missing field 'seed'");
        }).triage(bad);

        assertEquals(DeadLetterReason.INVALID_INPUT, outputs.deadLetterReason());
        assertEquals(2, outputs.records().size(), "dead letter and stand-in");
        assertEquals(1, outputs.standIns());
        ProducerRecord<byte[], byte[]> letter = outputs.records().get(0);
        assertEquals(DEAD_LETTERS, letter.topic());
        assertArrayEquals(bad.key(), letter.key());
        assertArrayEquals(bad.value(), letter.value());
        assertEquals("test-stage", DeadLetters.header(letter.headers(), DeadLetters.STAGE));
        assertTrue(DeadLetters.header(letter.headers(), DeadLetters.REASON).contains("missing field 'seed'"),
                DeadLetters.header(letter.headers(), DeadLetters.REASON));
        assertEquals(InvalidEventException.class.getName(),
                DeadLetters.header(letter.headers(), DeadLetters.ERROR_CLASS));
        assertEquals(INPUT, DeadLetters.header(letter.headers(), DeadLetters.SOURCE_TOPIC));
        assertEquals("2", DeadLetters.header(letter.headers(), DeadLetters.SOURCE_PARTITION));
        assertEquals("41", DeadLetters.header(letter.headers(), DeadLetters.SOURCE_OFFSET));
        assertEquals(STAND_IN, outputs.records().get(1).topic());
        assertEquals("InvalidEventException", text(outputs.records().get(1).value()));
    }

    @Test
    void invalidInputOfTheModelIsDeadLetteredToo() {
        Outputs outputs = triage(5, record -> {
            throw new InvalidInputException("demand_scale", "must be positive");
        }).triage(input(0, 1, "{}"));

        assertEquals(DeadLetterReason.INVALID_INPUT, outputs.deadLetterReason());
        assertEquals(InvalidInputException.class.getName(),
                DeadLetters.header(outputs.records().get(0).headers(), DeadLetters.ERROR_CLASS));
    }

    @Test
    void aRefusedEventIsDeadLetteredAtOnceWithoutAStandIn() {
        ConsumerRecord<byte[], byte[]> forged = input(1, 9, "{}");

        Outputs outputs = triage(5, record -> {
            throw new RefusedEventException("scenario run-a/baseline was published for another request");
        }).triage(forged);

        assertEquals(DeadLetterReason.REFUSED, outputs.deadLetterReason());
        assertEquals(0, outputs.standIns());
        assertEquals(1, outputs.records().size(), "the dead letter alone: " + outputs.records());
        ProducerRecord<byte[], byte[]> letter = outputs.records().get(0);
        assertEquals(DEAD_LETTERS, letter.topic());
        assertArrayEquals(forged.value(), letter.value());
        assertEquals("scenario run-a/baseline was published for another request",
                DeadLetters.header(letter.headers(), DeadLetters.REASON));
    }

    @Test
    void anOutputOverTheRecordSizeIsDeadLetteredNotWritten() {
        byte[] huge = new byte[KafkaClientProperties.MAX_RECORD_BYTES + 1];

        Outputs outputs = triage(5, record -> List.of(output("small"), new ProducerRecord<>(OUTPUT, huge)))
                .triage(input(0, 3, "x"));

        assertEquals(DeadLetterReason.TOO_LARGE, outputs.deadLetterReason());
        assertEquals(List.of(DEAD_LETTERS, STAND_IN), outputs.records().stream().map(ProducerRecord::topic).toList());
        String reason = DeadLetters.header(outputs.records().get(0).headers(), DeadLetters.REASON);
        assertTrue(reason.contains((KafkaClientProperties.MAX_RECORD_BYTES + 1) + " bytes"), reason);
    }

    @Test
    void anOutputExactlyAtTheRecordSizeIsWritten() {
        byte[] atLimit = new byte[KafkaClientProperties.MAX_RECORD_BYTES];

        Outputs outputs = triage(5, record -> List.of(new ProducerRecord<>(OUTPUT, atLimit))).triage(input(0, 3, "x"));

        assertFalse(outputs.deadLettered());
        assertEquals(1, outputs.records().size());
    }

    @Test
    void transientFailuresRetryTheBatchHoweverOften() {
        IOException outage = new IOException("connection refused");
        RecordTriage triage = triage(2, record -> {
            throw new TransientException("object store unavailable", outage);
        });

        for (int attempt = 1; attempt <= 10; attempt++) {
            RetryBatchException retry = assertThrows(RetryBatchException.class, () -> triage.triage(input(0, 5, "x")));
            assertInstanceOf(TransientException.class, retry.getCause());
            assertSame(outage, retry.getCause().getCause());
        }
    }

    @Test
    void anUnexpectedFailureIsRetriedThenDeadLetteredWithItsStandIn() {
        AtomicInteger calls = new AtomicInteger();
        RecordTriage triage = triage(3, record -> {
            calls.incrementAndGet();
            throw new IllegalStateException("solver diverged");
        });
        ConsumerRecord<byte[], byte[]> record = input(1, 9, "x");

        assertThrows(RetryBatchException.class, () -> triage.triage(record));
        assertThrows(RetryBatchException.class, () -> triage.triage(record));
        Outputs third = triage.triage(record);

        assertEquals(3, calls.get());
        assertEquals(DeadLetterReason.ERROR, third.deadLetterReason());
        assertEquals("solver diverged", DeadLetters.header(third.records().get(0).headers(), DeadLetters.REASON));
        assertEquals("IllegalStateException", text(third.records().get(1).value()));
    }

    @Test
    void failureCountsAreKeptPerRecordAndForgottenOnceCommitted() {
        RecordTriage triage = triage(2, record -> {
            throw new IllegalStateException("boom");
        });
        ConsumerRecord<byte[], byte[]> first = input(0, 1, "x");
        ConsumerRecord<byte[], byte[]> second = input(0, 2, "x");

        assertThrows(RetryBatchException.class, () -> triage.triage(first));
        assertThrows(RetryBatchException.class, () -> triage.triage(second), "its own first failure");
        triage.committed(List.of(first));

        assertThrows(RetryBatchException.class, () -> triage.triage(first), "count started again");
        assertTrue(triage.triage(second).deadLettered(), "second failure of the record not committed");
    }

    @Test
    void failureCountsOfRevokedPartitionsAreForgotten() {
        RecordTriage triage = triage(2, record -> {
            throw new IllegalStateException("boom");
        });
        ConsumerRecord<byte[], byte[]> kept = input(0, 1, "x");
        ConsumerRecord<byte[], byte[]> revoked = input(1, 1, "x");
        assertThrows(RetryBatchException.class, () -> triage.triage(kept));
        assertThrows(RetryBatchException.class, () -> triage.triage(revoked));

        triage.revoked(List.of(new TopicPartition(INPUT, 1)));

        assertThrows(RetryBatchException.class, () -> triage.triage(revoked));
        assertTrue(triage.triage(kept).deadLettered());
    }

    @Test
    void anOversizedStandInIsLeftOutButTheDeadLetterIsWritten() {
        byte[] huge = new byte[KafkaClientProperties.MAX_RECORD_BYTES + 1];
        RecordTriage triage = new RecordTriage("test-stage-1", "test-stage", DEAD_LETTERS, 1, new RecordHandler() {
            @Override
            public List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) {
                throw new InvalidInputException("seed", "negative");
            }

            @Override
            public List<ProducerRecord<byte[], byte[]>> onPermanentFailure(ConsumerRecord<byte[], byte[]> record,
                    Exception error) {
                return List.of(new ProducerRecord<>(STAND_IN, huge));
            }
        });

        Outputs outputs = triage.triage(input(0, 1, "x"));

        assertTrue(outputs.deadLettered());
        assertEquals(List.of(DEAD_LETTERS), outputs.records().stream().map(ProducerRecord::topic).toList());
        assertEquals(0, outputs.standIns(), "no stand-in written, none counted");
    }
}
