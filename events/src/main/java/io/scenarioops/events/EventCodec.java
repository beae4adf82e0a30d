package io.scenarioops.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.events.schema.JsonSchemas;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads and writes one event type as UTF-8 JSON. Reading checks, in order: the bytes are UTF-8
 * JSON, {@code schema_version} is one this build reads, the document matches the event's JSON
 * Schema, and the values satisfy the domain rules. Every failure is an
 * {@link InvalidEventException} whose reason names the field.
 */
public final class EventCodec<T extends PipelineEvent> {
    public static final EventCodec<ScenarioRequested> SCENARIO_REQUESTED =
            new EventCodec<>("scenario-requested", ScenarioRequested.class, JsonSchemas.SCENARIO_REQUESTED,
                    PipelineEvent.SCHEMA_VERSION);
    public static final EventCodec<ScenarioSolved> SCENARIO_SOLVED =
            new EventCodec<>("scenario-solved", ScenarioSolved.class, JsonSchemas.SCENARIO_SOLVED,
                    PipelineEvent.SCHEMA_VERSION);
    public static final EventCodec<ScenarioPublished> SCENARIO_PUBLISHED =
            new EventCodec<>("scenario-published", ScenarioPublished.class, JsonSchemas.SCENARIO_PUBLISHED,
                    PipelineEvent.SCHEMA_VERSION);
    public static final EventCodec<RunCompleted> RUN_COMPLETED =
            new EventCodec<>("run-completed", RunCompleted.class, JsonSchemas.RUN_COMPLETED,
                    RunCompleted.SCHEMA_VERSION);

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"run_id": "a", "run_id": "b"} is ambiguous: reject it rather than keep the last value
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String eventType;
    private final Class<T> type;
    private final String schemaPath;
    private final int schemaVersion;

    private EventCodec(String eventType, Class<T> type, String schemaPath, int schemaVersion) {
        this.eventType = eventType;
        this.type = type;
        this.schemaPath = schemaPath;
        this.schemaVersion = schemaVersion;
    }

    public String eventType() {
        return eventType;
    }

    public Class<T> type() {
        return type;
    }

    /** The only {@code schema_version} this codec writes and reads. */
    public int schemaVersion() {
        return schemaVersion;
    }

    public byte[] encode(T event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + eventType + " event " + event.eventId(), e);
        }
    }

    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(eventType, "the record has no value");
        }
        String json = utf8(bytes);
        JsonNode tree = parse(json);
        if (!tree.isObject()) {
            throw new InvalidEventException(eventType, "expected a JSON object, got " + tree.getNodeType());
        }
        checkSchemaVersion(tree.get("schema_version"));
        List<String> problems = JsonSchemas.validate(schemaPath, json);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(eventType, String.join("; ", problems));
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            Throwable domain = rootCause(e);
            if (domain instanceof InvalidInputException invalid) {
                throw new InvalidEventException(eventType, invalid.getMessage(), invalid);
            }
            throw new InvalidEventException(eventType, located(e), e);
        }
    }

    /**
     * Jackson's message prefixed with the JSON path of the offending value, e.g.
     * {@code seed: Numeric value (99999999999999999999) out of range of long (...)}.
     */
    private static String located(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return e.getOriginalMessage();
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? e.getOriginalMessage() : path + ": " + e.getOriginalMessage();
    }

    private String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(eventType, "the value is not UTF-8 text", e);
        }
    }

    private JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            throw new InvalidEventException(eventType, "not valid JSON: " + detail, e);
        }
    }

    private void checkSchemaVersion(JsonNode version) {
        if (version == null || version.isNull()) {
            throw new InvalidEventException(eventType, "schema_version is missing");
        }
        if (!version.isIntegralNumber()) {
            throw new InvalidEventException(eventType, "schema_version must be an integer, got " + version);
        }
        if (!version.canConvertToInt()) {
            // asInt() would wrap around: 4294967297 would read as version 1
            throw new InvalidEventException(eventType, "schema_version " + version
                    + " is not supported (this build reads version " + schemaVersion + ")");
        }
        if (version.intValue() != schemaVersion) {
            throw new UnsupportedSchemaVersionException(eventType, version.intValue(), schemaVersion);
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
