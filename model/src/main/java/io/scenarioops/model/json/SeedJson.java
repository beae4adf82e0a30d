package io.scenarioops.model.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes JSON byte for byte as the seed's {@code json.dumps(obj, indent=2, sort_keys=True)} did:
 * two-space indentation, {@code "key": value} with {@code ","} at line ends, {@code []} and
 * {@code {}} for empty containers, keys sorted, floats as Python's {@code repr} (see
 * {@link PythonFloats}), no trailing newline. Record components and bean properties are named in
 * snake_case, which gives the seed's field names.
 *
 * <p>Strings escape {@code "}, {@code \}, and control characters the way Python does
 * ({@code \n}, {@code \t}, ..., else lowercase {@code \u001f}). Non-ASCII characters are
 * escaped as the seed's default {@code ensure_ascii=True} did: {@code \u00e9}, and a character
 * outside the BMP as its lowercase surrogate pair, so free text such as scenario notes gives the
 * same bytes as the seed.
 */
public final class SeedJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .addModule(new SimpleModule("python-floats")
                    .addSerializer(Double.class, new PythonFloatSerializer())
                    .addSerializer(Double.TYPE, new PythonFloatSerializer())
                    .addSerializer(double[].class, new PythonFloatArraySerializer()))
            .build();

    private static final ObjectWriter WRITER = MAPPER.writer(pythonIndent());

    private SeedJson() {
    }

    /** The value as the seed's UTF-8 JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + typeName(value) + " as JSON: " + e.getMessage(), e);
        }
    }

    /** The value as the seed's JSON text. */
    public static String writeString(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + typeName(value) + " as JSON: " + e.getMessage(), e);
        }
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    private static DefaultPrettyPrinter pythonIndent() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.NONE)
                .withArrayValueSpacing(Separators.Spacing.NONE)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    private static final class PythonFloatSerializer extends StdSerializer<Double> {

        private static final long serialVersionUID = 1L;

        PythonFloatSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(PythonFloats.repr(value));
        }
    }

    private static final class PythonFloatArraySerializer extends StdSerializer<double[]> {

        private static final long serialVersionUID = 1L;

        PythonFloatArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double value : values) {
                gen.writeNumber(PythonFloats.repr(value));
            }
            gen.writeEndArray();
        }
    }
}
