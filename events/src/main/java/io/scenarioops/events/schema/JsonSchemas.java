package io.scenarioops.events.schema;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.serialization.BasicNodeReader;
import com.networknt.schema.serialization.NodeReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The project's JSON Schema documents (under {@code schemas/} on the classpath) and validation
 * against them. Schemas are compiled once and shared; validation is thread-safe.
 */
public final class JsonSchemas {
    public static final String SCENARIO_REQUESTED = "schemas/events/scenario-requested.v1.schema.json";
    public static final String SCENARIO_SOLVED = "schemas/events/scenario-solved.v1.schema.json";
    public static final String SCENARIO_PUBLISHED = "schemas/events/scenario-published.v1.schema.json";
    public static final String RUN_COMPLETED = "schemas/events/run-completed.v2.schema.json";
    public static final String SCENARIO_SPEC = "schemas/model/scenario_spec.schema.json";
    public static final String BASELINE_SUMMARY = "schemas/model/baseline_summary.schema.json";
    public static final String FACT_PRODUCTION = "schemas/model/fact_production.schema.json";
    public static final String KPI_TOTAL = "schemas/model/kpi_total.schema.json";
    public static final String KPI_COST_BREAKDOWN = "schemas/model/kpi_cost_breakdown.schema.json";
    public static final String LP_FACT_PRODUCTION = "schemas/model/lp_fact_production.schema.json";
    public static final String FACT_DELIVERY = "schemas/model/fact_delivery.schema.json";
    public static final String FACT_INVENTORY = "schemas/model/fact_inventory.schema.json";

    private static final int MAX_REPORTED_ERRORS = 5;
    /**
     * The validator's own configuration and text reader, named so that the simple checks read text
     * and patterns exactly as it does (a {@code $} ends the text, as in ECMA-262, not before a final
     * line break as in Java; numbers and nesting within its reader's limits).
     */
    private static final SchemaRegistryConfig CONFIG = SchemaRegistryConfig.getInstance();
    private static final NodeReader READER = BasicNodeReader.getInstance();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(CONFIG).nodeReader(READER));
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();
    /**
     * Where a document of a schema carries tables (JSON Pointer to the array), and each table's own
     * schema. The document's schema must reach that location only through the table's schema and
     * {@code type} keywords, which an empty array satisfies as a valid table does.
     */
    private static final Map<String, Map<JsonPointer, String>> TABLES = Map.of(SCENARIO_SOLVED, Map.of(
            JsonPointer.compile("/fact_production"), FACT_PRODUCTION,
            JsonPointer.compile("/lp_plan/fact_production"), LP_FACT_PRODUCTION,
            JsonPointer.compile("/lp_plan/fact_delivery"), FACT_DELIVERY,
            JsonPointer.compile("/lp_plan/fact_inventory"), FACT_INVENTORY));
    private static final Map<String, Optional<Predicate<JsonNode>>> SIMPLE_CHECKS = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /**
     * Validates a JSON document against the schema at a classpath path. Text that is not one JSON
     * document is a problem like any other, named with the parser's reason.
     *
     * <p>The text is read by the validator's own reader. A document of a schema that
     * {@link SimpleSchema} compiles (a table artifact, say) is then checked with that check; only
     * a document it does not accept goes through the validator, which names the problems.
     *
     * @return readable problems, each naming the offending location; empty when valid
     */
    public static List<String> validate(String schemaPath, String json) {
        JsonNode document;
        try {
            document = READER.readTree(json, InputFormat.JSON);
        } catch (JacksonException notJson) {
            return List.of("not one JSON document: " + notJson.getOriginalMessage());
        }
        if (simpleCheck(schemaPath).filter(check -> check.test(document)).isPresent()) {
            return List.of();
        }
        return problems(schema(schemaPath).validate(document));
    }

    /**
     * Validates a document already parsed: the validator reads Jackson 3 trees, and copying the
     * parsed tree costs a fraction of parsing the text a second time (a solved event has
     * thousands of numbers). The copy has the node types the validator's own parser would give.
     *
     * <p>A table of the document (see {@link #TABLES}) that its schema's {@link SimpleSchema}
     * check accepts is valid, so the validator reads an empty array in its place: it would
     * otherwise spend most of its time on the table's rows. A table the check refuses stays, and
     * the validator names its problems.
     */
    public static List<String> validate(String schemaPath, com.fasterxml.jackson.databind.JsonNode document) {
        JsonNode copy = TreeCopy.of(document);
        TABLES.getOrDefault(schemaPath, Map.of()).forEach((location, tableSchema) -> {
            JsonNode table = copy.at(location);
            if (table.isArray() && simpleCheck(tableSchema).filter(check -> check.test(table)).isPresent()) {
                ((ObjectNode) copy.at(location.head())).putArray(location.last().getMatchingProperty());
            }
        });
        return problems(schema(schemaPath).validate(copy));
    }

    /** The validator's verdict alone, without the simple checks: what they are held against. */
    static List<String> validateInFull(String schemaPath, com.fasterxml.jackson.databind.JsonNode document) {
        return problems(schema(schemaPath).validate(TreeCopy.of(document)));
    }

    private static Optional<Predicate<JsonNode>> simpleCheck(String schemaPath) {
        return SIMPLE_CHECKS.computeIfAbsent(schemaPath,
                path -> SimpleSchema.compile(path, CONFIG.getRegularExpressionFactory()));
    }

    private static Schema schema(String schemaPath) {
        return COMPILED.computeIfAbsent(schemaPath,
                path -> REGISTRY.getSchema(SchemaLocation.of("classpath:" + path)));
    }

    private static List<String> problems(List<Error> errors) {
        return errors.stream()
                .filter(error -> !isConsequence(error, errors))
                .limit(MAX_REPORTED_ERRORS)
                .map(JsonSchemas::describe)
                .toList();
    }

    /**
     * Whether an error only follows from another one and would bury the real problem:
     * <ul>
     * <li>{@code unevaluatedProperties} errors on an object that has other errors. A subschema that
     * fails (say the envelope in {@code allOf}, because {@code run_id} is malformed) drops its
     * annotations, as the specification demands, so every property it declares is then reported
     * as "not evaluated" on top of the real problem.</li>
     * <li>A {@code type} error from one branch of {@code anyOf}/{@code oneOf} when there are errors
     * inside the same value: {@code {"anyOf": [{"type": "null"}, {"$ref": ...}]}} reports
     * "object found, null expected" for an object that merely has a bad field.</li>
     * </ul>
     */
    private static boolean isConsequence(Error error, List<Error> all) {
        String keyword = error.getKeyword();
        String location = error.getInstanceLocation().toString();
        if ("unevaluatedProperties".equals(keyword)) {
            return all.stream().anyMatch(other -> !"unevaluatedProperties".equals(other.getKeyword())
                    && isAtOrBelow(other.getInstanceLocation().toString(), location));
        }
        if ("type".equals(keyword) && isInsideAlternative(error)) {
            return all.stream().anyMatch(other -> other != error
                    && isStrictlyBelow(other.getInstanceLocation().toString(), location));
        }
        return false;
    }

    private static boolean isInsideAlternative(Error error) {
        String path = error.getEvaluationPath().toString();
        return path.contains("/anyOf/") || path.contains("/oneOf/");
    }

    private static boolean isAtOrBelow(String location, String ancestor) {
        return location.equals(ancestor) || isStrictlyBelow(location, ancestor);
    }

    private static boolean isStrictlyBelow(String location, String ancestor) {
        return location.startsWith(ancestor + "/") && location.length() > ancestor.length() + 1;
    }

    /** {@code /knobs/demand_scale: must have a maximum value of 100}; errors on the document itself have no prefix. */
    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        String message = error.getMessage();
        return location.isEmpty() || message.startsWith(location) ? message : location + ": " + message;
    }
}
