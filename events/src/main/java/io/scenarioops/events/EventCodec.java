package io.scenarioops.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.PrintableText;
import io.scenarioops.events.schema.JsonSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes one event type as UTF-8 JSON. Reading checks, in order: the value is at most
 * {@link #MAX_VALUE_BYTES}, the bytes are UTF-8 JSON, {@code schema_version} is one this build
 * reads, the rules every event obeys hold (printable strings, bounded sizes, finite numbers, real
 * dates and timestamps: {@link EventTree}), the document matches the event's JSON Schema, the
 * values satisfy the domain rules, and, given the record key, the key is the event's own. Every
 * failure is an {@link InvalidEventException} whose reason names the field. Nothing that decodes
 * can make a later stage fail: a stage decodes before any side effect.
 *
 * <p>Writing refuses, with an {@link InvalidEventException} naming the field, a number that reading
 * would refuse (not finite, or 2^63 or more in magnitude): a stage that computes such a value from
 * valid input (a baseline with huge demand) then fails that scenario instead of sending an event
 * that the next stage could only dead-letter, which would leave the run incomplete.
 */
public final class EventCodec<T extends PipelineEvent> {
    /**
     * The largest value read: Kafka's default record limit (1 MiB). A legitimate scenario-solved,
     * the largest scenario event, is about 71 KB; checked before the bytes are parsed.
     */
    public static final int MAX_VALUE_BYTES = 1 << 20;

    private static final String SCENARIO_KEY = "<run_id>/<scenario_id>";
    private static final String RUN_KEY = "<run_id>";

    public static final EventCodec<ScenarioRequested> SCENARIO_REQUESTED = new EventCodec<>("scenario-requested",
            ScenarioRequested.class, JsonSchemas.SCENARIO_REQUESTED, SCENARIO_KEY, PipelineEvent.SCHEMA_VERSION);
    public static final EventCodec<ScenarioSolved> SCENARIO_SOLVED = new EventCodec<>("scenario-solved",
            ScenarioSolved.class, JsonSchemas.SCENARIO_SOLVED, SCENARIO_KEY, PipelineEvent.SCHEMA_VERSION);
    public static final EventCodec<ScenarioPublished> SCENARIO_PUBLISHED = new EventCodec<>("scenario-published",
            ScenarioPublished.class, JsonSchemas.SCENARIO_PUBLISHED, SCENARIO_KEY, PipelineEvent.SCHEMA_VERSION);
    public static final EventCodec<RunCompleted> RUN_COMPLETED = new EventCodec<>("run-completed",
            RunCompleted.class, JsonSchemas.RUN_COMPLETED, RUN_KEY, RunCompleted.SCHEMA_VERSION);

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"run_id": "a", "run_id": "b"} is ambiguous: reject it rather than keep the last value
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // a solved event carries thousands of numbers: jackson-core's bundled FastDoubleParser
            // reads them correctly rounded, without the JDK's allocating FloatingDecimal
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .addModule(new SimpleModule("event-numbers")
                    .addSerializer(Double.class, new InRangeDoubleSerializer())
                    .addSerializer(Double.TYPE, new InRangeDoubleSerializer()))
            .build();

    private final String eventType;
    private final Class<T> type;
    private final String schemaPath;
    private final String keyLayout;
    private final int schemaVersion;

    private EventCodec(String eventType, Class<T> type, String schemaPath, String keyLayout, int schemaVersion) {
        this.eventType = eventType;
        this.type = type;
        this.schemaPath = schemaPath;
        this.keyLayout = keyLayout;
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

    /** @throws InvalidEventException for a number reading would refuse, naming its field */
    public byte[] encode(T event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (NumberOutOfRangeException e) {
            throw new InvalidEventException(eventType, e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + eventType + " event " + event.eventId(), e);
        }
    }

    /**
     * The event encoded, if that takes at most {@code maxBytes}; empty otherwise. Writing stops
     * soon after the limit is passed, so a caller that would not send a large event does not pay
     * for encoding all of it (a 500 x 52 lp-v1 plan inline is 6.8 MB).
     */
    public Optional<byte[]> encodeWithin(T event, int maxBytes) {
        BoundedBytes out = new BoundedBytes(maxBytes);
        try {
            MAPPER.writeValue(out, event);
        } catch (NumberOutOfRangeException e) {
            throw new InvalidEventException(eventType, e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (out.exceeded) {
                return Optional.empty();
            }
            if (e instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw new IllegalStateException("cannot serialize " + eventType + " event " + event.eventId(), e);
        }
        return Optional.of(out.toByteArray());
    }

    /** Writes a double as Jackson does, unless reading would refuse it ({@link EventTree}). */
    private static final class InRangeDoubleSerializer extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        InRangeDoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (!EventTree.isInRange(value)) {
                throw new NumberOutOfRangeException(gen, jsonPath(gen.getOutputContext()) + ": " + value
                        + " is out of range: an event's numbers are finite and smaller than 2^63 in magnitude");
            }
            gen.writeNumber(value);
        }

        /**
         * Where the value being written goes, as the event's JSON names it ({@code
         * fact_production[3].cost_overtime_premium}); Jackson's own path would name Java
         * properties, among them the unwrapped ones that the JSON does not have.
         */
        private static String jsonPath(JsonStreamContext innermost) {
            StringBuilder path = new StringBuilder();
            for (JsonStreamContext context = innermost; context != null && !context.inRoot();
                    context = context.getParent()) {
                if (context.inArray()) {
                    // an array's index counts the entries written, the value on its way is not one yet
                    int index = context == innermost ? context.getEntryCount() : context.getCurrentIndex();
                    path.insert(0, "[" + index + "]");
                } else {
                    path.insert(0, (context.getParent().inRoot() ? "" : ".") + context.getCurrentName());
                }
            }
            return path.isEmpty() ? "(event)" : path.toString();
        }
    }

    /** A number {@link InRangeDoubleSerializer} refused; its message names the field. */
    private static final class NumberOutOfRangeException extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        NumberOutOfRangeException(JsonGenerator gen, String message) {
            super(gen, message);
        }
    }

    /** Bytes up to a limit: past it, a write fails and says so. */
    private static final class BoundedBytes extends ByteArrayOutputStream {
        private final int maxBytes;
        private boolean exceeded;

        BoundedBytes(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            requireRoom(length);
            super.write(bytes, offset, length);
        }

        @Override
        public void write(int b) {
            requireRoom(1);
            super.write(b);
        }

        private void requireRoom(int length) {
            if (size() + length > maxBytes) {
                exceeded = true;
                throw new UncheckedIOException(new IOException("over " + maxBytes + " bytes"));
            }
        }
    }

    /**
     * Decodes a consumed record: the value as {@link #decode(byte[])} does, and the key, which
     * must be the event's own ({@code <run_id>/<scenario_id>}, or {@code <run_id>} for
     * run-completed) so that a record cannot land in another scenario's partition and state.
     */
    public T decode(byte[] key, byte[] value) {
        return decode(key == null ? null : utf8(key, "key: the record key is not UTF-8 text"), value);
    }

    /** {@link #decode(byte[], byte[])} for a key already read as text. */
    public T decode(String key, byte[] value) {
        T event = decode(value);
        if (!event.key().equals(key)) {
            String given = key == null ? "the record has no key" : "the record key " + PrintableText.quote(key);
            throw new InvalidEventException(eventType, "key: " + given + ", expected " + keyLayout + " of the event, "
                    + PrintableText.quote(event.key()));
        }
        return event;
    }

    /** Decodes a value without its record key: for values that do not come from a consumed record. */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(eventType, "the record has no value");
        }
        if (bytes.length > MAX_VALUE_BYTES) {
            throw new InvalidEventException(eventType, "the value has " + bytes.length + " bytes, more than the "
                    + MAX_VALUE_BYTES + " an event may have");
        }
        String json = utf8(bytes, "the value is not UTF-8 text");
        JsonNode tree = parse(json);
        if (!tree.isObject()) {
            throw new InvalidEventException(eventType, "expected a JSON object, got " + tree.getNodeType());
        }
        checkSchemaVersion(tree.get("schema_version"));
        EventTree.check(eventType, tree);
        List<String> problems = JsonSchemas.validate(schemaPath, tree);
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

    private String utf8(byte[] bytes, String problem) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(eventType, problem, e);
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
