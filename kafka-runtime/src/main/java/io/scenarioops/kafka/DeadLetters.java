package io.scenarioops.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter records: the original key and value bytes, untouched, plus headers that say which
 * stage refused the record, why, and where it came from, so it can be inspected and replayed.
 */
public final class DeadLetters {
    public static final String STAGE = "scenarioops.dlq.stage";
    public static final String REASON = "scenarioops.dlq.reason";
    public static final String ERROR_CLASS = "scenarioops.dlq.error-class";
    public static final String SOURCE_TOPIC = "scenarioops.dlq.source-topic";
    public static final String SOURCE_PARTITION = "scenarioops.dlq.source-partition";
    public static final String SOURCE_OFFSET = "scenarioops.dlq.source-offset";
    public static final String FAILED_AT = "scenarioops.dlq.failed-at";

    /** Headers are bounded: a reason longer than this is cut. */
    private static final int MAX_REASON_CHARS = 4000;

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, String stage,
            ConsumerRecord<byte[], byte[]> source, Throwable error) {
        return new ProducerRecord<>(deadLetterTopic, null, source.key(), source.value(),
                headers(stage, source.topic(), source.partition(), source.offset(), source.headers(), error));
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

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "...";
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
