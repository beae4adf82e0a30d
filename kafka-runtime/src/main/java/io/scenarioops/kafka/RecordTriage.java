package io.scenarioops.kafka;

import io.scenarioops.core.RefusedEventException;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.kafka.TransactionalStage.RecordHandler;
import io.scenarioops.kafka.metrics.DeadLetterReason;
import io.scenarioops.model.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for one input record, what its transaction writes:
 * <ul>
 *   <li>the handler's outputs, when it succeeds and every output fits in a Kafka record;</li>
 *   <li>a dead letter (plus the handler's stand-ins) for invalid input ({@link InvalidEventException},
 *       {@link InvalidInputException}) or an output over the record size: properties of the input,
 *       never retried;</li>
 *   <li>a dead letter alone for an event the handler refuses ({@link RefusedEventException}): its
 *       scenario already has an answer, which a stand-in would contradict;</li>
 *   <li>nothing, by throwing {@link RetryBatchException}, for a transient failure (retried for as
 *       long as it lasts) and for the first {@code maxAttemptsForUnexpectedErrors - 1} failures of
 *       any other kind; the next one dead-letters the record.</li>
 * </ul>
 * Thread-safe: records of a batch may be triaged concurrently. Plain Java: no broker involved.
 */
final class RecordTriage {
    private static final Logger LOG = LoggerFactory.getLogger(RecordTriage.class);

    private final String logName;
    private final String stage;
    private final String deadLetterTopic;
    private final int maxAttemptsForUnexpectedErrors;
    private final RecordHandler handler;
    private final Map<String, Integer> unexpectedFailures = new ConcurrentHashMap<>();

    /**
     * @param logName the stage instance, for log lines
     * @param stage the stage name written into dead-letter headers
     */
    RecordTriage(String logName, String stage, String deadLetterTopic, int maxAttemptsForUnexpectedErrors,
            RecordHandler handler) {
        this.logName = logName;
        this.stage = stage;
        this.deadLetterTopic = deadLetterTopic;
        this.maxAttemptsForUnexpectedErrors = maxAttemptsForUnexpectedErrors;
        this.handler = handler;
    }

    /** The records to write for {@code record}; throws {@link RetryBatchException} if its batch must be retried. */
    Outputs triage(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Outputs.handled(requireWritable(handler.handle(record)));
        } catch (InvalidEventException | InvalidInputException e) {
            LOG.warn("{}: {} dead-lettered: {}", logName, positionOf(record), e.getMessage());
            return deadLetter(record, e, DeadLetterReason.INVALID_INPUT);
        } catch (RefusedEventException e) {
            LOG.warn("{}: {} refused, dead-lettered: {}", logName, positionOf(record), e.getMessage());
            return new Outputs(List.of(DeadLetters.of(deadLetterTopic, stage, record, e)), DeadLetterReason.REFUSED,
                    0);
        } catch (OutputTooLargeException e) {
            LOG.warn("{}: {} dead-lettered: {}", logName, positionOf(record), e.getMessage());
            return deadLetter(record, e, DeadLetterReason.TOO_LARGE);
        } catch (Exception e) {
            if (Failures.isTransient(e)) {
                throw new RetryBatchException(e);
            }
            String position = positionOf(record);
            int attempts = unexpectedFailures.merge(position, 1, Integer::sum);
            if (attempts < maxAttemptsForUnexpectedErrors) {
                throw new RetryBatchException(e);
            }
            LOG.error("{}: {} failed {} times, dead-lettered", logName, position, attempts, e);
            return deadLetter(record, e, DeadLetterReason.ERROR);
        }
    }

    /**
     * Forgets the failure counts of committed records. Counts live until the batch that settled
     * them commits: an abort caused by another record must not reset a record that is about to be
     * dead-lettered.
     */
    void committed(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        records.forEach(record -> unexpectedFailures.remove(positionOf(record)));
    }

    /** Forgets the failure counts of partitions this instance no longer owns. */
    void revoked(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            String prefix = partition.topic() + "-" + partition.partition() + "@";
            unexpectedFailures.keySet().removeIf(position -> position.startsWith(prefix));
        }
    }

    private Outputs deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error, DeadLetterReason reason) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        out.add(DeadLetters.of(deadLetterTopic, stage, record, error));
        List<ProducerRecord<byte[], byte[]>> standIns = handler.onPermanentFailure(record, error);
        boolean standInsWritten = !standIns.isEmpty() && standIns.stream().allMatch(RecordTriage::fitsInARecord);
        if (standInsWritten) {
            out.addAll(standIns);
        }
        return new Outputs(out, reason, standInsWritten ? standIns.size() : 0);
    }

    /**
     * A record beyond the producer's size limit would put the transaction in an error state that
     * no retry can leave, blocking every record polled with it; refuse it here instead.
     */
    private static List<ProducerRecord<byte[], byte[]>> requireWritable(List<ProducerRecord<byte[], byte[]>> out) {
        for (ProducerRecord<byte[], byte[]> record : out) {
            if (!fitsInARecord(record)) {
                throw new OutputTooLargeException(record.topic(), size(record));
            }
        }
        return out;
    }

    private static boolean fitsInARecord(ProducerRecord<byte[], byte[]> record) {
        return size(record) <= KafkaClientProperties.MAX_RECORD_BYTES;
    }

    static long size(ProducerRecord<byte[], byte[]> record) {
        long size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0
                : record.value().length);
        for (var header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    private static String positionOf(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /**
     * What one input record writes.
     *
     * @param deadLetterReason why the first record is the input's dead letter; null when it is not
     * @param standIns how many of the records stand in for the dead-lettered input
     */
    record Outputs(List<ProducerRecord<byte[], byte[]>> records, DeadLetterReason deadLetterReason, int standIns) {
        static Outputs handled(List<ProducerRecord<byte[], byte[]>> records) {
            return new Outputs(records, null, 0);
        }

        boolean deadLettered() {
            return deadLetterReason != null;
        }
    }

    /** An output record that Kafka would refuse for its size: a property of the input, so never retried. */
    static final class OutputTooLargeException extends RuntimeException {
        OutputTooLargeException(String topic, long bytes) {
            super("the output for " + topic + " would be " + bytes + " bytes, over the "
                    + KafkaClientProperties.MAX_RECORD_BYTES + "-byte record limit");
        }
    }

    /** The record's batch must be aborted and polled again; the cause says why. */
    static final class RetryBatchException extends RuntimeException {
        RetryBatchException(Throwable cause) {
            super(cause);
        }
    }
}
