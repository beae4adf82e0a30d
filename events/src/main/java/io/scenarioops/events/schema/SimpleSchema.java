package io.scenarioops.events.schema;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON Schema written only with the keywords the project's tables use, compiled to a plain
 * check of the validator's own trees (Jackson 3): {@code type} (one name), {@code properties},
 * {@code required}, {@code additionalProperties: false}, {@code items} (one schema),
 * {@code minItems}, {@code maxItems}, {@code pattern}, {@code minLength}, {@code maxLength} and
 * {@code $ref} to another schema file, besides annotations. A schema with any other keyword does
 * not compile.
 *
 * <p>The check may refuse a value the full validator would accept (a {@code 1.0} for an
 * integer), never the other way round: it decides when the full validator can be skipped, and a
 * refused value goes to the full validator, which names the problem.
 */
final class SimpleSchema {
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$comment");

    private final RegularExpressionFactory patterns;
    private final Map<String, Predicate<JsonNode>> compiled = new HashMap<>();
    private final Set<String> compiling = new HashSet<>();

    private SimpleSchema(RegularExpressionFactory patterns) {
        this.patterns = patterns;
    }

    /**
     * The check for the schema at a classpath path; empty when the schema uses other keywords.
     *
     * @param patterns the full validator's own: its dialect of {@code pattern} (a {@code $} ends
     *     the text, as in ECMA-262, not before a final line break as in Java) is the one to follow
     */
    static Optional<Predicate<JsonNode>> compile(String schemaPath, RegularExpressionFactory patterns) {
        try {
            return Optional.of(new SimpleSchema(patterns).file(schemaPath));
        } catch (NotSimple e) {
            return Optional.empty();
        }
    }

    private Predicate<JsonNode> file(String schemaPath) {
        Predicate<JsonNode> done = compiled.get(schemaPath);
        if (done != null) {
            return done;
        }
        if (!compiling.add(schemaPath)) {
            throw new NotSimple(); // a schema that refers back to itself
        }
        Predicate<JsonNode> check = schema(read(schemaPath), schemaPath);
        compiling.remove(schemaPath);
        compiled.put(schemaPath, check);
        return check;
    }

    private Predicate<JsonNode> schema(JsonNode schema, String schemaPath) {
        if (!schema.isObject()) {
            throw new NotSimple();
        }
        List<Predicate<JsonNode>> checks = new ArrayList<>();
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        JsonNode required = schema.get("required");
        if (properties != null || additional != null || required != null) {
            checks.add(object(properties, additional, required, schemaPath));
        }
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            JsonNode value = keyword.getValue();
            switch (keyword.getKey()) {
                case "properties", "additionalProperties", "required" -> { }
                case "type" -> checks.add(type(value));
                case "items" -> {
                    Predicate<JsonNode> item = schema(value, schemaPath);
                    checks.add(node -> !node.isArray() || everyElement(node, item));
                }
                case "minItems" -> {
                    int min = count(value);
                    checks.add(node -> !node.isArray() || node.size() >= min);
                }
                case "maxItems" -> {
                    int max = count(value);
                    checks.add(node -> !node.isArray() || node.size() <= max);
                }
                case "pattern" -> {
                    RegularExpression pattern = patterns.getRegularExpression(text(value));
                    checks.add(node -> !node.isString() || pattern.matches(node.stringValue()));
                }
                case "minLength" -> {
                    int min = count(value);
                    checks.add(node -> !node.isString() || codePoints(node) >= min);
                }
                case "maxLength" -> {
                    int max = count(value);
                    checks.add(node -> !node.isString() || codePoints(node) <= max);
                }
                case "$ref" -> checks.add(file(resolve(schemaPath, text(value))));
                default -> {
                    if (!ANNOTATIONS.contains(keyword.getKey())) {
                        throw new NotSimple();
                    }
                }
            }
        }
        return node -> {
            for (Predicate<JsonNode> check : checks) {
                if (!check.test(node)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** {@code properties}, {@code required} and {@code additionalProperties} in one pass over the fields. */
    private Predicate<JsonNode> object(JsonNode properties, JsonNode additional, JsonNode required, String schemaPath) {
        Map<String, Predicate<JsonNode>> known = new HashMap<>();
        if (properties != null) {
            if (!properties.isObject()) {
                throw new NotSimple();
            }
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                known.put(property.getKey(), schema(property.getValue(), schemaPath));
            }
        }
        boolean closed;
        if (additional == null || additional.isBoolean()) {
            closed = additional != null && !additional.booleanValue();
        } else {
            throw new NotSimple();
        }
        Set<String> mustHave = new HashSet<>();
        if (required != null) {
            if (!required.isArray()) {
                throw new NotSimple();
            }
            required.forEach(name -> mustHave.add(text(name)));
        }
        return node -> {
            if (!node.isObject()) {
                return true;
            }
            int present = 0;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                Predicate<JsonNode> check = known.get(field.getKey());
                if (check == null ? closed : !check.test(field.getValue())) {
                    return false;
                }
                if (mustHave.contains(field.getKey())) {
                    present++;
                }
            }
            return present == mustHave.size();
        };
    }

    private static Predicate<JsonNode> type(JsonNode name) {
        return switch (text(name)) {
            case "object" -> JsonNode::isObject;
            case "array" -> JsonNode::isArray;
            case "string" -> JsonNode::isString;
            case "number" -> SimpleSchema::isFiniteNumber;
            // 1.0 is an integer to JSON Schema too; refusing it only sends it to the full validator
            case "integer" -> JsonNode::isIntegralNumber;
            case "boolean" -> JsonNode::isBoolean;
            case "null" -> JsonNode::isNull;
            default -> throw new NotSimple();
        };
    }

    /** The validator reads 1e400 (infinite as a double) as no number at all. */
    private static boolean isFiniteNumber(JsonNode node) {
        if (!node.isNumber()) {
            return false;
        }
        if (!node.isFloatingPointNumber()) {
            return true;
        }
        try {
            return Double.isFinite(node.doubleValue());
        } catch (JacksonException notADouble) {
            return false;
        }
    }

    private static boolean everyElement(JsonNode array, Predicate<JsonNode> check) {
        for (JsonNode element : array) {
            if (!check.test(element)) {
                return false;
            }
        }
        return true;
    }

    /** Lengths in JSON Schema count code points, as the full validator does. */
    private static int codePoints(JsonNode text) {
        String value = text.stringValue();
        return value.codePointCount(0, value.length());
    }

    private static int count(JsonNode value) {
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt() || value.intValue() < 0) {
            throw new NotSimple();
        }
        return value.intValue();
    }

    private static String text(JsonNode value) {
        if (!value.isString()) {
            throw new NotSimple();
        }
        return value.stringValue();
    }

    /** A reference to another schema file, relative to this one's directory; fragments are not simple. */
    private static String resolve(String schemaPath, String reference) {
        if (reference.contains("#")) {
            throw new NotSimple();
        }
        return URI.create("/" + schemaPath).resolve(reference).getPath().substring(1);
    }

    private static JsonNode read(String schemaPath) {
        try (InputStream in = SimpleSchema.class.getClassLoader().getResourceAsStream(schemaPath)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema on the classpath at " + schemaPath);
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + schemaPath, e);
        } catch (JacksonException e) {
            throw new IllegalStateException("the schema " + schemaPath + " is not JSON", e);
        }
    }

    /** The schema uses something this check does not do; the full validator alone applies. */
    private static final class NotSimple extends RuntimeException {
        NotSimple() {
            super(null, null, false, false);
        }
    }
}
