package io.scenarioops.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final IllegalArgumentException ERROR = new IllegalArgumentException("not valid JSON");

    @Test
    void aRecordWithinTheLimitIsDeadLetteredAsItCame() {
        byte[] value = filled(500, 'v');
        ConsumerRecord<byte[], byte[]> source = source(utf8("run/s1"), value, new RecordHeaders());

        ProducerRecord<byte[], byte[]> dead = DeadLetters.of("dlq", "solver", source, ERROR, 2_000);

        assertArrayEquals(value, dead.value());
        assertArrayEquals(utf8("run/s1"), dead.key());
        assertNull(DeadLetters.header(dead.headers(), DeadLetters.ORIGINAL_VALUE_BYTES));
        assertSourceHeaders(dead);
    }

    @Test
    void aValueOverTheLimitIsCutToItsFirstBytesAndTheOriginalSizeIsKept() {
        byte[] value = new byte[2 * 1024 * 1024];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        RecordHeaders original = new RecordHeaders();
        original.add("trace-id", utf8("abc-123"));
        ConsumerRecord<byte[], byte[]> source = source(utf8("run/huge"), value, original);

        ProducerRecord<byte[], byte[]> dead = DeadLetters.of("dlq", "solver", source, ERROR);

        int written = recordBytes(dead);
        assertTrue(written <= KafkaClientProperties.MAX_RECORD_BYTES, "written " + written);
        assertTrue(written > KafkaClientProperties.MAX_RECORD_BYTES - 100, "the payload fills the room: " + written);
        assertArrayEquals(Arrays.copyOf(value, dead.value().length), dead.value(), "the first bytes of the value");
        assertEquals("2097152", DeadLetters.header(dead.headers(), DeadLetters.ORIGINAL_VALUE_BYTES));
        assertEquals("abc-123", DeadLetters.header(dead.headers(), "trace-id"));
        assertArrayEquals(utf8("run/huge"), dead.key());
        assertSourceHeaders(dead);
    }

    @Test
    void originalHeadersThatLeaveNoRoomAreDroppedAndCounted() {
        RecordHeaders original = new RecordHeaders();
        original.add("bulky-1", filled(1_500, 'h'));
        original.add("bulky-2", filled(1_500, 'h'));
        ConsumerRecord<byte[], byte[]> source = source(utf8("run/s2"), filled(100, 'v'), original);

        ProducerRecord<byte[], byte[]> dead = DeadLetters.of("dlq", "solver", source, ERROR, 2_000);

        assertTrue(recordBytes(dead) <= 2_000, "written " + recordBytes(dead));
        assertNull(dead.headers().lastHeader("bulky-1"));
        assertEquals("2", DeadLetters.header(dead.headers(), DeadLetters.ORIGINAL_HEADERS_DROPPED));
        assertEquals("100", DeadLetters.header(dead.headers(), DeadLetters.ORIGINAL_VALUE_BYTES));
        assertArrayEquals(Arrays.copyOf(filled(100, 'v'), dead.value().length), dead.value());
        assertSourceHeaders(dead);
    }

    @Test
    void aKeyThatLeavesNoRoomIsCutToo() {
        ConsumerRecord<byte[], byte[]> source = source(filled(5_000, 'k'), null, new RecordHeaders());

        ProducerRecord<byte[], byte[]> dead = DeadLetters.of("dlq", "solver", source, ERROR, 2_000);

        assertTrue(recordBytes(dead) <= 2_000, "written " + recordBytes(dead));
        assertArrayEquals(filled(1024, 'k'), dead.key());
        assertNull(dead.value(), "a missing value stays missing");
        assertEquals("0", DeadLetters.header(dead.headers(), DeadLetters.ORIGINAL_VALUE_BYTES));
        assertSourceHeaders(dead);
    }

    private static void assertSourceHeaders(ProducerRecord<byte[], byte[]> dead) {
        assertEquals("solver", DeadLetters.header(dead.headers(), DeadLetters.STAGE));
        assertEquals("not valid JSON", DeadLetters.header(dead.headers(), DeadLetters.REASON));
        assertEquals(IllegalArgumentException.class.getName(),
                DeadLetters.header(dead.headers(), DeadLetters.ERROR_CLASS));
        assertEquals("scenario-requested", DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC));
        assertEquals("3", DeadLetters.header(dead.headers(), DeadLetters.SOURCE_PARTITION));
        assertEquals("42", DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET));
    }

    private static ConsumerRecord<byte[], byte[]> source(byte[] key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("scenario-requested", 3, 42, 0L, TimestampType.CREATE_TIME,
                key == null ? 0 : key.length, value == null ? 0 : value.length, key, value, headers, Optional.empty());
    }

    /** Key, value and headers with their length prefixes, as the dead letter counts them. */
    private static int recordBytes(ProducerRecord<byte[], byte[]> record) {
        int size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0
                : record.value().length);
        for (Header header : record.headers()) {
            size += 10 + utf8(header.key()).length + header.value().length;
        }
        return size;
    }

    private static byte[] filled(int length, char c) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
