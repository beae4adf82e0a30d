package io.scenarioops.qc;

import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.qc.QcTopology.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * An input record as QC read it: where it came from and its original key, value and headers.
 * It travels with the event through the re-keying by run, so that a refusal made there (or a
 * failure while recording it) dead-letters the record exactly as it was read.
 */
record SourceRecord(String topic, int partition, long offset, byte[] key, byte[] value, List<SourceHeader> headers) {

    record SourceHeader(String key, byte[] value) {
    }

    static SourceRecord of(RecordMetadata metadata, Record<byte[], byte[]> record) {
        List<SourceHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new SourceHeader(header.key(), header.value()));
        }
        return new SourceRecord(metadata.topic(), metadata.partition(), metadata.offset(), record.key(),
                record.value(), headers);
    }

    /**
     * The record's dead letter, saying why {@code error} refused it, as {@link DeadLetters} bounds
     * it: a record that arrived compressed beyond the record size limit gets a truncated value.
     */
    Record<String, DeadLetter> deadLetter(String deadLetterTopic, Throwable error, long timestamp) {
        Headers original = new RecordHeaders();
        headers.forEach(h -> original.add(h.key(), h.value()));
        return deadLetter(DeadLetters.of(deadLetterTopic, QcTopology.STAGE,
                consumed(topic, partition, offset, key, value, original), error), timestamp);
    }

    /** A dead letter built by {@link DeadLetters} as the record QC's dead-letter sink writes. */
    private static Record<String, DeadLetter> deadLetter(ProducerRecord<byte[], byte[]> letter, long timestamp) {
        String key = letter.key() == null ? null : new String(letter.key(), StandardCharsets.UTF_8);
        return new Record<>(key, new DeadLetter(letter.value()), timestamp, letter.headers());
    }

    /** A consumed record with these coordinates and contents, as {@link DeadLetters} takes it. */
    static ConsumerRecord<byte[], byte[]> consumed(String topic, int partition, long offset, byte[] key, byte[] value,
            Headers headers) {
        return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value, headers, Optional.empty());
    }
}
