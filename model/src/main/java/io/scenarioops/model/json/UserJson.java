package io.scenarioops.model.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scenarioops.model.InvalidInputException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Reads JSON a person wrote (a baseline file, a scenario file, a request body) strictly: one
 * document, no key twice. A complaint is worded for that person: the field being read, the line
 * and column, and what is wrong, without the parser's advice to programmers ("enable
 * `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow") or its source descriptions ("[Source:
 * REDACTED ...; line: 1, column: 1277]").
 */
public final class UserJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a file for a large plant holds hundreds of thousands of numbers: read them correctly
            // rounded with jackson-core's bundled FastDoubleParser instead of the JDK's FloatingDecimal
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");
    /** Jackson's hints at its own settings: a feature to enable, a type bound to, a feature not enabled. */
    private static final Pattern PROGRAMMERS_ADVICE = Pattern.compile(
            ":?\\s*(?:(?:enable|disable|consider enabling) `[^`]+`(?: to allow)?|not allowed as per `[^`]+`)"
                    + "|\\s*\\([^()]*(?:`|Feature ')[^()]*\\)");

    private UserJson() {
    }

    /**
     * The document's tree; a {@link com.fasterxml.jackson.databind.node.MissingNode} for empty
     * content. Invalid JSON is an {@link InvalidInputException} on {@code source}.
     */
    public static JsonNode read(String source, byte[] content) {
        try {
            return MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, "is not valid JSON" + describe(e));
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot be read: " + e.getMessage());
        }
    }

    /** For example {@code " at demand.C01 (line 1, column 30): Duplicate field 'C01'"}. */
    private static String describe(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        what = SOURCE_LOCATION.matcher(what).replaceAll("line $1, column $2");
        what = PROGRAMMERS_ADVICE.matcher(what).replaceAll("").strip();
        StringBuilder where = new StringBuilder();
        String path = e.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : "";
        if (!path.isEmpty()) {
            where.append(" at ").append(path);
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            where.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr())
                    .append(')');
        }
        return where + ": " + what;
    }

    /** The field being read, as error messages name fields elsewhere: {@code demand.C01[3]}. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
