package io.scenarioops.events;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one event type. Deserialization failures surface as Kafka's
 * {@link SerializationException} with the {@link InvalidEventException} (and its readable reason)
 * as the cause, which is what Kafka Streams' deserialization handlers expect.
 */
public final class EventSerde<T extends PipelineEvent> implements Serde<T> {
    private final EventCodec<T> codec;

    public EventSerde(EventCodec<T> codec) {
        this.codec = codec;
    }

    public EventCodec<T> codec() {
        return codec;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, event) -> event == null ? null : codec.encode(event);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return codec.decode(bytes);
            } catch (InvalidEventException e) {
                throw new SerializationException("topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
