package io.scenarioops.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private static final String TOPIC = "dev.scenario-solved";

    @Test
    void serializerAndDeserializerRoundTripEveryEventType() {
        assertRoundTrip(new EventSerde<>(EventCodec.SCENARIO_REQUESTED), SampleEvents.requested());
        assertRoundTrip(new EventSerde<>(EventCodec.SCENARIO_SOLVED), SampleEvents.solved());
        assertRoundTrip(new EventSerde<>(EventCodec.SCENARIO_SOLVED), SampleEvents.solvedFailed());
        assertRoundTrip(new EventSerde<>(EventCodec.SCENARIO_PUBLISHED), SampleEvents.published());
        assertRoundTrip(new EventSerde<>(EventCodec.SCENARIO_PUBLISHED), SampleEvents.publishedFailed());
        assertRoundTrip(new EventSerde<>(EventCodec.RUN_COMPLETED), SampleEvents.runCompleted());
    }

    private static <T extends PipelineEvent> void assertRoundTrip(Serde<T> serde, T event) {
        try (Serializer<T> serializer = serde.serializer(); Deserializer<T> deserializer = serde.deserializer()) {
            byte[] bytes = serializer.serialize(TOPIC, event);
            assertEquals(event, deserializer.deserialize(TOPIC, bytes));
            // the headers variants of the Kafka API delegate to the same code
            byte[] withHeaders = serializer.serialize(TOPIC, new RecordHeaders(), event);
            assertArrayEquals(bytes, withHeaders);
            assertEquals(event, deserializer.deserialize(TOPIC, new RecordHeaders(), withHeaders));
        }
    }

    @Test
    void serializerWritesTheCodecsBytes() {
        EventSerde<ScenarioSolved> serde = new EventSerde<>(EventCodec.SCENARIO_SOLVED);
        assertSame(EventCodec.SCENARIO_SOLVED, serde.codec());
        assertArrayEquals(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved()),
                serde.serializer().serialize(TOPIC, SampleEvents.solved()));
    }

    @Test
    void nullsPassThroughAsTombstones() {
        EventSerde<ScenarioSolved> serde = new EventSerde<>(EventCodec.SCENARIO_SOLVED);
        assertNull(serde.serializer().serialize(TOPIC, null));
        assertNull(serde.deserializer().deserialize(TOPIC, null));
    }

    @Test
    void badBytesBecomeASerializationExceptionNamingTheTopicWithTheReasonAsCause() {
        Deserializer<ScenarioSolved> deserializer = new EventSerde<>(EventCodec.SCENARIO_SOLVED).deserializer();
        byte[] bad = "{not json".getBytes(StandardCharsets.UTF_8);

        Throwable thrown = assertThrows(Throwable.class, () -> deserializer.deserialize(TOPIC, bad));
        assertSame(SerializationException.class, thrown.getClass(), thrown::toString);
        assertTrue(thrown.getMessage().contains("topic " + TOPIC), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("invalid scenario-solved event: not valid JSON"), thrown.getMessage());
        InvalidEventException cause = (InvalidEventException) thrown.getCause();
        assertSame(InvalidEventException.class, cause.getClass());
        assertTrue(cause.reason().startsWith("not valid JSON"), cause.reason());
    }

    @Test
    void emptyBytesAreNotATombstoneButInvalid() {
        Deserializer<ScenarioRequested> deserializer = new EventSerde<>(EventCodec.SCENARIO_REQUESTED).deserializer();
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer.deserialize("scenario-requested", new byte[0]));
        assertTrue(e.getMessage().contains("topic scenario-requested"), e.getMessage());
        assertEquals("the record has no value", ((InvalidEventException) e.getCause()).reason());
    }

    @Test
    void unsupportedSchemaVersionKeepsItsTypeAsTheCause() {
        Deserializer<RunCompleted> deserializer = new EventSerde<>(EventCodec.RUN_COMPLETED).deserializer();
        String v3 = new String(EventCodec.RUN_COMPLETED.encode(SampleEvents.runCompleted()), StandardCharsets.UTF_8)
                .replace("\"schema_version\":2", "\"schema_version\":3");
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer.deserialize("run-completed", v3.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("topic run-completed"), e.getMessage());
        UnsupportedSchemaVersionException cause = (UnsupportedSchemaVersionException) e.getCause();
        assertEquals(3, cause.schemaVersion());
    }

    @Test
    void schemaViolationsNameTheFieldThroughTheSerde() {
        Deserializer<ScenarioRequested> deserializer = new EventSerde<>(EventCodec.SCENARIO_REQUESTED).deserializer();
        String json = new String(EventCodec.SCENARIO_REQUESTED.encode(SampleEvents.requested()), StandardCharsets.UTF_8)
                .replace("\"scenario_id\":\"baseline\"", "\"scenario_id\":\"../x\"");
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer.deserialize("scenario-requested", json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("scenario_id"), e.getMessage());
        assertTrue(((InvalidEventException) e.getCause()).reason().contains("scenario_id"));
    }
}
