package io.scenarioops.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter records: the original key and value bytes, untouched, plus headers that say which
 * stage refused the record, why, and where it came from, so it can be inspected and replayed.
 *
 * <p>A dead letter is always writable. A record can arrive compressed far beyond the record size
 * limit; dead-lettering its bytes as they are would fail the transaction on every retry and block
 * every record behind it. Such a dead letter keeps its reason and source headers, gets
 * {@link #ORIGINAL_VALUE_BYTES}, and carries only the first bytes of the value. Should the key and
 * original headers alone be too large, the original headers are dropped (their number goes in
 * {@link #ORIGINAL_HEADERS_DROPPED}) and the key is cut as well.
 */
public final class DeadLetters {
    public static final String STAGE = "scenarioops.dlq.stage";
    public static final String REASON = "scenarioops.dlq.reason";
    public static final String ERROR_CLASS = "scenarioops.dlq.error-class";
    public static final String SOURCE_TOPIC = "scenarioops.dlq.source-topic";
    public static final String SOURCE_PARTITION = "scenarioops.dlq.source-partition";
    public static final String SOURCE_OFFSET = "scenarioops.dlq.source-offset";
    public static final String FAILED_AT = "scenarioops.dlq.failed-at";
    /** Set when the value is truncated: the length of the original value in bytes. */
    public static final String ORIGINAL_VALUE_BYTES = "scenarioops.dlq.original-value-bytes";
    /** Set when the original headers did not fit: how many there were. */
    public static final String ORIGINAL_HEADERS_DROPPED = "scenarioops.dlq.original-headers-dropped";

    /** Headers are bounded: a reason longer than this is cut. */
    private static final int MAX_REASON_CHARS = 4000;
    /** A key is only cut when the original headers are gone and it still leaves no room. */
    private static final int MAX_TRUNCATED_KEY_BYTES = 1024;
    /** Length prefixes of a header in the record format: two varints of at most five bytes. */
    private static final int HEADER_OVERHEAD_BYTES = 10;

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, String stage,
            ConsumerRecord<byte[], byte[]> source, Throwable error) {
        return of(deadLetterTopic, stage, source, error, KafkaClientProperties.MAX_RECORD_BYTES);
    }

    /** A dead letter of at most {@code maxBytes} of key, value and headers. */
    static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, String stage,
            ConsumerRecord<byte[], byte[]> source, Throwable error, int maxBytes) {
        byte[] key = source.key();
        byte[] value = source.value();
        Headers headers = headers(stage, source.topic(), source.partition(), source.offset(), source.headers(), error);
        if (sizeOf(key, value, headers) <= maxBytes) {
            return new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
        }
        byte[] originalValueBytes = utf8(Integer.toString(value == null ? 0 : value.length));
        headers.add(ORIGINAL_VALUE_BYTES, originalValueBytes);
        if (sizeOf(key, null, headers) > maxBytes) {
            headers = headers(stage, source.topic(), source.partition(), source.offset(), new RecordHeaders(), error);
            headers.add(ORIGINAL_VALUE_BYTES, originalValueBytes);
            headers.add(ORIGINAL_HEADERS_DROPPED, utf8(Integer.toString(source.headers().toArray().length)));
            if (key != null && sizeOf(key, null, headers) > maxBytes) {
                key = Arrays.copyOf(key, MAX_TRUNCATED_KEY_BYTES);
            }
        }
        if (value != null) {
            value = Arrays.copyOf(value, Math.max(0, maxBytes - sizeOf(key, null, headers)));
        }
        return new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
    }

    /** The original headers plus where the record came from, which stage refused it, and why. */
    public static Headers headers(String stage, String sourceTopic, int sourcePartition, long sourceOffset,
            Headers original, Throwable error) {
        Headers headers = new RecordHeaders();
        for (Header header : original) {
            headers.add(header);
        }
        headers.add(STAGE, utf8(stage));
        headers.add(REASON, utf8(truncate(describe(error))));
        headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        headers.add(SOURCE_TOPIC, utf8(sourceTopic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(sourcePartition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
        headers.add(FAILED_AT, utf8(Instant.now().toString()));
        return headers;
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The error's message, or its class name when it has none. */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }

    /** What a record of these parts counts against the producer's size limit, record framing aside. */
    private static int sizeOf(byte[] key, byte[] value, Headers headers) {
        int size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += HEADER_OVERHEAD_BYTES + utf8(header.key()).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "...";
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
