package io.scenarioops.events.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.regex.RegularExpressionFactory;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.LpSolveResult;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.PlanningParameters;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.json.SeedJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The tables' schemas compiled to plain checks, held against the full validator. */
class SimpleSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RegularExpressionFactory PATTERNS = SchemaRegistryConfig.getInstance()
            .getRegularExpressionFactory();

    /** Each table schema with the artifact the publisher writes for it (seed 7, toy and lp-v1), solved once. */
    private static final Map<String, JsonNode> TABLES = solvedTables();

    private static Map<String, JsonNode> solvedTables() {
        LpSolveResult lp = (LpSolveResult) ScenarioModel.run(BaselineGenerator.generate(7), Knobs.NEUTRAL,
                LpSolver.INSTANCE, PlanningParameters.DEFAULTS).result();
        return Map.of(
                JsonSchemas.FACT_PRODUCTION, tree(SeedJson.write(ScenarioModel.run(7, Knobs.NEUTRAL).result()
                        .factProduction())),
                JsonSchemas.LP_FACT_PRODUCTION, tree(SeedJson.write(lp.factProduction())),
                JsonSchemas.FACT_DELIVERY, tree(SeedJson.write(lp.factDelivery())),
                JsonSchemas.FACT_INVENTORY, tree(SeedJson.write(lp.factInventory())));
    }

    /** The tables, each a copy of its own, so that a test may change them. */
    static Map<String, JsonNode> tables() {
        Map<String, JsonNode> copies = new HashMap<>();
        TABLES.forEach((schema, rows) -> copies.put(schema, rows.deepCopy()));
        return copies;
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree the validator's own reader makes of a table's text, which is what the checks read. */
    private static tools.jackson.databind.JsonNode asValidatorReadsIt(JsonNode rows) {
        return tools.jackson.databind.json.JsonMapper.shared().readTree(rows.toString());
    }

    private static Predicate<tools.jackson.databind.JsonNode> check(String schema) {
        return SimpleSchema.compile(schema, PATTERNS).orElseThrow(() -> new AssertionError(schema + " did not compile"));
    }

    @Test
    void theTablesCompileAndTheEventsWithAlternativesDoNot() {
        tables().keySet().forEach(SimpleSchemaTest::check);
        assertTrue(SimpleSchema.compile(JsonSchemas.SCENARIO_SOLVED, PATTERNS).isEmpty(), "anyOf and oneOf are not simple");
        assertTrue(SimpleSchema.compile(JsonSchemas.KPI_TOTAL, PATTERNS).isEmpty(), "minimum is not simple");
    }

    @Test
    void theRealTablesAreAccepted() {
        tables().forEach((schema, rows) -> {
            assertTrue(rows.size() > 0, schema);
            assertEquals(List.of(), JsonSchemas.validateInFull(schema, rows), schema);
            assertTrue(check(schema).test(asValidatorReadsIt(rows)), schema);
        });
    }

    @Test
    void anIntegerWrittenWithAFractionIsLeftToTheFullValidator() {
        ArrayNode rows = (ArrayNode) tables().get(JsonSchemas.FACT_INVENTORY).deepCopy();
        ((ObjectNode) rows.get(0)).put("period", 1.0);
        assertFalse(check(JsonSchemas.FACT_INVENTORY).test(asValidatorReadsIt(rows)));
        assertEquals(List.of(), JsonSchemas.validateInFull(JsonSchemas.FACT_INVENTORY, rows));
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.FACT_INVENTORY, rows.toString()));
    }

    @Test
    void aLineBreakAtTheEndOfAnIdentifierIsRefused() {
        for (String lineBreak : List.of("\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029")) {
            ArrayNode rows = (ArrayNode) tables().get(JsonSchemas.LP_FACT_PRODUCTION).deepCopy();
            ((ObjectNode) rows.get(0)).put("line", "L1" + lineBreak);
            assertFalse(check(JsonSchemas.LP_FACT_PRODUCTION).test(asValidatorReadsIt(rows)), lineBreak);
            List<String> problems = JsonSchemas.validateInFull(JsonSchemas.LP_FACT_PRODUCTION, rows);
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).startsWith("/0/line: does not match the regex pattern"), problems::toString);
            assertEquals(problems, JsonSchemas.validate(JsonSchemas.LP_FACT_PRODUCTION, rows.toString()));
        }
    }

    /** Text can hold a number no double holds; a tree built in code cannot, so this is the text's own case. */
    @Test
    void aNumberBeyondADoubleIsLeftToTheValidator() {
        String rows = tables().get(JsonSchemas.FACT_INVENTORY).toString();
        for (String huge : List.of("1e400", "-1e400", "1e9999999999")) {
            String text = rows.replaceFirst("\"holding_cost\":[-0-9.eE]+", "\"holding_cost\":" + huge);
            List<String> problems = JsonSchemas.validate(JsonSchemas.FACT_INVENTORY, text);
            assertEquals(List.of("/0/holding_cost: unknown found, number expected"), problems, huge);
        }
    }

    /** The validator's reader refuses a 1,002-character number that another reader might count as 1,000. */
    @Test
    void aNumberTooLongForTheValidatorsReaderIsNotJson() {
        String rows = tables().get(JsonSchemas.FACT_INVENTORY).toString();
        for (String longNumber : List.of("0." + "0".repeat(1000), "-0." + "0".repeat(1000), "0e" + "0".repeat(1000))) {
            String text = rows.replaceFirst("\"holding_cost\":[-0-9.eE]+", "\"holding_cost\":" + longNumber);
            List<String> problems = JsonSchemas.validate(JsonSchemas.FACT_INVENTORY, text);
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).startsWith("not one JSON document: Number value length"), problems::toString);
        }
    }

    @Test
    void aDuplicateNameIsReadAsTheValidatorReadsIt() {
        String rows = tables().get(JsonSchemas.FACT_INVENTORY).toString();
        String lastWins = rows.replaceFirst("\"period\":0", "\"period\":\"x\",\"period\":0");
        String lastBad = rows.replaceFirst("\"period\":0", "\"period\":0,\"period\":\"x\"");
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.FACT_INVENTORY, lastWins));
        assertEquals(List.of("/0/period: string found, integer expected"),
                JsonSchemas.validate(JsonSchemas.FACT_INVENTORY, lastBad));
    }

    @Test
    void oneRowTooManyIsRefused() {
        ArrayNode rows = JSON.createArrayNode();
        JsonNode row = tables().get(JsonSchemas.FACT_INVENTORY).get(0);
        for (int i = 0; i <= 520; i++) {
            rows.add(row);
        }
        assertFalse(check(JsonSchemas.FACT_INVENTORY).test(asValidatorReadsIt(rows)));
        rows.remove(0);
        assertTrue(check(JsonSchemas.FACT_INVENTORY).test(asValidatorReadsIt(rows)));
    }

    /**
     * Thousands of randomly damaged tables: whatever the check accepts, the full validator accepts
     * too, and a table's text gets the full validator's problems. The damage is of every kind a
     * hostile producer could send, in nested rows as well.
     */
    @Test
    void neverAcceptsWhatTheFullValidatorRefuses() {
        Random random = new Random(20261203L);
        int refused = 0;
        int acceptedDamaged = 0;
        for (Map.Entry<String, JsonNode> table : tables().entrySet()) {
            Predicate<tools.jackson.databind.JsonNode> check = check(table.getKey());
            for (int i = 0; i < 400; i++) {
                JsonNode damaged = TableDamage.damaged(table.getValue(), random);
                List<String> problems = JsonSchemas.validateInFull(table.getKey(), damaged);
                assertEquals(problems, JsonSchemas.validate(table.getKey(), damaged.toString()), table::getKey);
                if (check.test(asValidatorReadsIt(damaged))) {
                    acceptedDamaged++;
                    assertEquals(List.of(), problems, () -> table.getKey() + ": the check accepted a table the validator refuses");
                } else {
                    refused++;
                }
            }
        }
        assertTrue(refused > 800, "refused " + refused);
        assertTrue(acceptedDamaged > 100, "accepted " + acceptedDamaged + " harmless changes");
    }
}
