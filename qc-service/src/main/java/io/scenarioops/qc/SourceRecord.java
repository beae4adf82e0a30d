package io.scenarioops.qc;

import io.scenarioops.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

    /** The key as the dead-letter topic's records carry it (UTF-8 text), null if the record had none. */
    String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The original headers plus the dead-letter headers saying why {@code error} refused the record. */
    Headers deadLetterHeaders(Throwable error) {
        Headers original = new RecordHeaders();
        headers.forEach(h -> original.add(h.key(), h.value()));
        return DeadLetters.headers(QcTopology.STAGE, topic, partition, offset, original, error);
    }
}
