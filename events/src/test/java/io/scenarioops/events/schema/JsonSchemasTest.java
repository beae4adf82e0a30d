package io.scenarioops.events.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.ScenarioOutcome;
import io.scenarioops.model.SolveResult;
import io.scenarioops.model.ScenarioSpec;
import io.scenarioops.testsupport.GoldenFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The model schemas against the real seed-7 baseline artifacts as the publisher writes them. */
class JsonSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScenarioOutcome<SolveResult> BASELINE = ScenarioModel.run(7, Knobs.NEUTRAL);
    private static final ScenarioSpec SPEC =
            new ScenarioSpec("baseline", "2024-05-01T09:00:00.000000+00:00", Knobs.NEUTRAL, "No changes");

    private static JsonNode baselineGolden() {
        return GoldenFiles.defaultRunByScenario().get("baseline");
    }

    private static String artifact(Object value) {
        return new String(SeedJson.write(value), StandardCharsets.UTF_8);
    }

    private static String scenarioSpec() {
        return artifact(SPEC);
    }

    private static String baselineSummary() {
        return artifact(BASELINE.baselineSummary());
    }

    private static String factProduction() {
        return artifact(BASELINE.result().factProduction());
    }

    private static String kpiTotal() {
        return artifact(BASELINE.result().kpiTotal());
    }

    private static String kpiCostBreakdown() {
        return artifact(BASELINE.result().kpiCostBreakdown());
    }

    private static <N extends JsonNode> String mutated(String json, Class<N> type, Consumer<N> change) {
        try {
            N node = type.cast(JSON.readTree(json));
            change.accept(node);
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mutatedObject(String json, Consumer<ObjectNode> change) {
        return mutated(json, ObjectNode.class, change);
    }

    /** Asserts that validation fails and that one of the (at most five) messages names every fragment. */
    private static List<String> assertRejected(String schema, String json, String... fragments) {
        List<String> problems = JsonSchemas.validate(schema, json);
        assertFalse(problems.isEmpty(), "expected " + schema + " to reject the document");
        assertTrue(problems.size() <= 5, problems::toString);
        boolean named = problems.stream().anyMatch(p -> List.of(fragments).stream().allMatch(p::contains));
        assertTrue(named, () -> "no problem mentions " + List.of(fragments) + ": " + problems);
        return problems;
    }

    // ---------------------------------------------------------------- the real artifacts pass

    @Test
    void scenarioSpecAcceptsTheRealArtifact() {
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.SCENARIO_SPEC, scenarioSpec()));
    }

    @Test
    void baselineSummaryAcceptsTheRealArtifact() {
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.BASELINE_SUMMARY, baselineSummary()));
    }

    @Test
    void baselineSummaryAcceptsTheSeedsReferenceFile() {
        String reference = new String(GoldenFiles.bytes(GoldenFiles.BASELINE_SUMMARY), StandardCharsets.UTF_8);
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.BASELINE_SUMMARY, reference));
    }

    @Test
    void factProductionAcceptsTheRealArtifact() {
        String json = factProduction();
        assertEquals(baselineGolden().get("fact_production_rows").intValue(), readTree(json).size());
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.FACT_PRODUCTION, json));
    }

    @Test
    void factProductionAcceptsAnArtifactWithOvertimeRows() {
        ScenarioOutcome<SolveResult> demandUp = ScenarioModel.run(7, new Knobs(1.1, 1.0, 1.0));
        assertEquals(GoldenFiles.defaultRunByScenario().get("demand_up_10").get("overtime_rows").intValue(),
                demandUp.result().overtimeRows());
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.FACT_PRODUCTION,
                artifact(demandUp.result().factProduction())));
    }

    @Test
    void kpiTotalAcceptsTheRealArtifact() {
        String json = kpiTotal();
        assertEquals(baselineGolden().get("kpi_total").get("total_cost").doubleValue(),
                readTree(json).get("total_cost").doubleValue());
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.KPI_TOTAL, json));
    }

    @Test
    void kpiCostBreakdownAcceptsTheRealArtifact() {
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.KPI_COST_BREAKDOWN, kpiCostBreakdown()));
    }

    // ---------------------------------------------------------------- mutations are rejected, naming the location

    @Test
    void kpiTotalRejectsAKpiAsAString() {
        String json = mutatedObject(kpiTotal(), n -> n.put("total_cost", n.get("total_cost").asText()));
        List<String> problems = assertRejected(JsonSchemas.KPI_TOTAL, json, "total_cost", "string", "number");
        assertEquals(1, problems.size(), problems::toString);
    }

    @Test
    void kpiTotalRejectsAMissingField() {
        String json = mutatedObject(kpiTotal(), n -> n.remove("chosen_site"));
        assertRejected(JsonSchemas.KPI_TOTAL, json, "chosen_site");
    }

    @Test
    void kpiTotalRejectsAnExtraField() {
        String json = mutatedObject(kpiTotal(), n -> n.put("total_profit", 1.0));
        assertRejected(JsonSchemas.KPI_TOTAL, json, "total_profit");
    }

    @Test
    void kpiCostBreakdownRejectsAKpiAsAString() {
        String json = mutatedObject(kpiCostBreakdown(), n -> n.put("overtime_cost", "0.0"));
        assertRejected(JsonSchemas.KPI_COST_BREAKDOWN, json, "overtime_cost", "string");
    }

    @Test
    void kpiCostBreakdownRejectsAMissingField() {
        String json = mutatedObject(kpiCostBreakdown(), n -> n.remove("inbound_logistics_cost"));
        assertRejected(JsonSchemas.KPI_COST_BREAKDOWN, json, "inbound_logistics_cost");
    }

    @Test
    void factProductionRejectsARowWithAnExtraField() {
        String json = mutated(factProduction(), ArrayNode.class, rows -> ((ObjectNode) rows.get(5)).put("shift", "night"));
        assertRejected(JsonSchemas.FACT_PRODUCTION, json, "shift", "5");
    }

    @Test
    void factProductionRejectsARowWithAMissingField() {
        String json = mutated(factProduction(), ArrayNode.class, rows -> ((ObjectNode) rows.get(0)).remove("regular_qty"));
        assertRejected(JsonSchemas.FACT_PRODUCTION, json, "regular_qty");
    }

    @Test
    void factProductionRejectsAQuantityAsAString() {
        String json = mutated(factProduction(), ArrayNode.class,
                rows -> ((ObjectNode) rows.get(2)).put("quantity", "12.5"));
        assertRejected(JsonSchemas.FACT_PRODUCTION, json, "quantity", "2");
    }

    @Test
    void factProductionRejectsAnObjectInsteadOfAnArray() {
        assertRejected(JsonSchemas.FACT_PRODUCTION, kpiTotal(), "array");
    }

    @Test
    void baselineSummaryRejectsAMissingField() {
        String json = mutatedObject(baselineSummary(), n -> n.remove("total_demand_by_period"));
        assertRejected(JsonSchemas.BASELINE_SUMMARY, json, "total_demand_by_period");
    }

    @Test
    void baselineSummaryRejectsANonNumericPeriodKey() {
        String json = mutatedObject(baselineSummary(),
                n -> ((ObjectNode) n.get("total_capacity_by_period")).put("p1", 10.0));
        assertRejected(JsonSchemas.BASELINE_SUMMARY, json, "total_capacity_by_period", "p1");
    }

    @Test
    void baselineSummaryRejectsACapacityAsAString() {
        String json = mutatedObject(baselineSummary(), n -> {
            ObjectNode byLine = (ObjectNode) n.get("capacity_by_line");
            String line = byLine.fieldNames().next();
            ((ObjectNode) byLine.get(line)).put("1", "lots");
        });
        assertRejected(JsonSchemas.BASELINE_SUMMARY, json, "capacity_by_line", "string");
    }

    @Test
    void scenarioSpecRejectsAMissingField() {
        String json = mutatedObject(scenarioSpec(), n -> n.remove("created_at_utc"));
        assertRejected(JsonSchemas.SCENARIO_SPEC, json, "created_at_utc");
    }

    @Test
    void scenarioSpecRejectsAKnobOutOfRange() {
        String json = mutatedObject(scenarioSpec(), n -> ((ObjectNode) n.get("knobs")).put("demand_scale", 101));
        assertRejected(JsonSchemas.SCENARIO_SPEC, json, "demand_scale", "100");
    }

    @Test
    void scenarioSpecRejectsAnUnsafeScenarioId() {
        assertRejected(JsonSchemas.SCENARIO_SPEC, mutatedObject(scenarioSpec(), n -> n.put("scenario_id", "a/b")),
                "scenario_id");
        assertRejected(JsonSchemas.SCENARIO_SPEC, mutatedObject(scenarioSpec(), n -> n.put("scenario_id", "..")),
                "scenario_id");
    }

    // ---------------------------------------------------------------- the validator itself

    @Test
    void messagesArePrefixedWithTheInstanceLocationOnce() {
        String json = mutatedObject(kpiTotal(), n -> n.put("total_cost", "x"));
        // networknt 3.x reports instance locations as JSON pointers
        assertEquals(List.of("/total_cost: string found, number expected"),
                JsonSchemas.validate(JsonSchemas.KPI_TOTAL, json));
    }

    @Test
    void problemsWithTheDocumentItselfHaveNoLocationPrefix() {
        String json = mutatedObject(kpiTotal(), n -> n.remove("total_cost"));
        assertEquals(List.of("required property 'total_cost' not found"),
                JsonSchemas.validate(JsonSchemas.KPI_TOTAL, json));
    }

    @Test
    void nestedProblemsNameTheFullPath() {
        String json = mutatedObject(scenarioSpec(), n -> ((ObjectNode) n.get("knobs")).put("demand_scale", -1));
        assertEquals(List.of("/knobs/demand_scale: must have a minimum value of 0"),
                JsonSchemas.validate(JsonSchemas.SCENARIO_SPEC, json));
    }

    @Test
    void aBadEnvelopeFieldIsNotBuriedUnderUnevaluatedPropertyNoise() {
        // a failing allOf drops its annotations, so the validator also calls every envelope field
        // "not evaluated"; only the real problem is reported
        String json = eventWith(n -> n.put("run_id", "run 1"));
        assertEquals(List.of("/run_id: does not match the regex pattern ^(?!\\.\\.?$)[A-Za-z0-9_.-]{1,64}$"),
                JsonSchemas.validate(JsonSchemas.SCENARIO_REQUESTED, json));
        assertEquals(List.of("required property 'event_id' not found"),
                JsonSchemas.validate(JsonSchemas.SCENARIO_REQUESTED, eventWith(n -> n.remove("event_id"))));
    }

    @Test
    void anUnknownPropertyAloneIsReported() {
        assertEquals(List.of("property 'priority' is not evaluated and the schema does not allow unevaluated properties"),
                JsonSchemas.validate(JsonSchemas.SCENARIO_REQUESTED, eventWith(n -> n.put("priority", "high"))));
    }

    @Test
    void aBadFieldInsideANullableObjectIsNotReportedAsTheWrongAlternative() {
        // kpi_total is {"anyOf": [{"type": "null"}, {"$ref": "kpi_total"}]}; "object found, null expected" is noise
        String solved = requestedAsSolved(n -> ((ObjectNode) n.get("kpi_total")).put("total_cost", "x"));
        assertEquals(List.of("/kpi_total/total_cost: string found, number expected"),
                JsonSchemas.validate(JsonSchemas.SCENARIO_SOLVED, solved));
    }

    @Test
    void aTypeMismatchOfTheWholeValueIsStillReported() {
        String solved = requestedAsSolved(n -> n.put("kpi_total", "x"));
        List<String> problems = JsonSchemas.validate(JsonSchemas.SCENARIO_SOLVED, solved);
        assertTrue(problems.contains("/kpi_total: string found, null expected"), problems::toString);
        assertTrue(problems.contains("/kpi_total: string found, object expected"), problems::toString);
    }

    /** A valid scenario-requested event (as the codec writes it) with one change. */
    private static String eventWith(Consumer<ObjectNode> change) {
        ObjectNode event = JSON.createObjectNode()
                .put("schema_version", 1)
                .put("event_id", "0f8fad5b-d9cb-469f-a165-70867728950e")
                .put("run_id", "run-1")
                .put("dt", "2024-05-01")
                .put("occurred_at_utc", "2024-05-01T09:00:00.100000+00:00")
                .put("scenario_count", 3)
                .put("run_created_at_utc", "2024-05-01T09:00:00.000000+00:00")
                .put("scenario_id", "baseline")
                .put("seed", 7)
                .put("notes", "No changes");
        event.set("knobs", readTree(artifact(Knobs.NEUTRAL)));
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.SCENARIO_REQUESTED, event.toString()));
        change.accept(event);
        return event.toString();
    }

    /** A valid lp-v1 scenario-solved event: the seed-7 event with lp-v1's three tables instead of the toy rows. */
    private static ObjectNode lpSolved() {
        Map<String, JsonNode> tables = SimpleSchemaTest.tables();
        return (ObjectNode) readTree(requestedAsSolved(n -> {
            n.putNull("fact_production");
            n.putObject("lp_plan")
                    .<ObjectNode>set("fact_production", tables.get(JsonSchemas.LP_FACT_PRODUCTION))
                    .<ObjectNode>set("fact_delivery", tables.get(JsonSchemas.FACT_DELIVERY))
                    .set("fact_inventory", tables.get(JsonSchemas.FACT_INVENTORY));
        }));
    }

    /** A valid scenario-solved event carrying the real seed-7 baseline artifacts, with one change. */
    private static String requestedAsSolved(Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) readTree(eventWith(n -> { }));
        event.put("request_event_id", "0f8fad5b-d9cb-469f-a165-70867728950e")
                .put("requested_at_utc", "2024-05-01T09:00:00.100000+00:00");
        event.set("generator", JSON.createObjectNode().put("name", "seed-baseline-generator").put("version", "1.0.0"));
        event.set("solver", JSON.createObjectNode().put("name", "toy-solver").put("version", "1.0.0"));
        event.set("baseline_summary", readTree(baselineSummary()));
        event.set("fact_production", readTree(factProduction()));
        event.set("kpi_total", readTree(kpiTotal()));
        event.set("kpi_cost_breakdown", readTree(kpiCostBreakdown()));
        event.putNull("failure");
        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.SCENARIO_SOLVED, event.toString()));
        change.accept(event);
        return event.toString();
    }

    // ---------------------------------------------------------------- a solved event's tables: the shortcut

    /**
     * The validator reads a valid table of a parsed solved event as an empty array: every damaged
     * event, toy or lp-v1, gets the same problems as when the validator reads all of it.
     */
    @Test
    void damagedTablesOfASolvedEventGetTheProblemsOfAFullValidation() {
        ObjectNode toy = (ObjectNode) readTree(requestedAsSolved(n -> { }));
        ObjectNode lp = lpSolved();
        for (ObjectNode valid : List.of(toy, lp)) {
            assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.SCENARIO_SOLVED, valid.toString()));
            assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.SCENARIO_SOLVED, valid));
        }
        List<JsonPointer> locations = List.of(JsonPointer.compile("/fact_production"),
                JsonPointer.compile("/lp_plan/fact_production"), JsonPointer.compile("/lp_plan/fact_delivery"),
                JsonPointer.compile("/lp_plan/fact_inventory"));
        Random random = new Random(20261203L);
        int rejected = 0;
        for (int i = 0; i < 600; i++) {
            ObjectNode event = (i % 2 == 0 ? toy : lp).deepCopy();
            JsonPointer location = i % 2 == 0 ? locations.get(0) : locations.get(1 + random.nextInt(3));
            ((ObjectNode) event.at(location.head()))
                    .set(location.last().getMatchingProperty(), TableDamage.damaged(event.at(location), random));
            List<String> full = JsonSchemas.validateInFull(JsonSchemas.SCENARIO_SOLVED, event);
            assertEquals(full, JsonSchemas.validate(JsonSchemas.SCENARIO_SOLVED, event), location::toString);
            assertEquals(full, JsonSchemas.validate(JsonSchemas.SCENARIO_SOLVED, event.toString()), location::toString);
            rejected += full.isEmpty() ? 0 : 1;
        }
        assertTrue(rejected > 300, "rejected " + rejected);
    }

    /** A tree built in code may put one array at two places; only the place that was checked is left out. */
    @Test
    void oneArrayAtTwoTableLocationsIsCheckedAtEach() {
        ObjectNode event = lpSolved();
        ((ObjectNode) event.get("lp_plan")).set("fact_delivery", event.get("lp_plan").get("fact_production"));
        List<String> problems = JsonSchemas.validate(JsonSchemas.SCENARIO_SOLVED, event);
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).startsWith("/lp_plan/fact_delivery/0: "), problems::toString);
        assertEquals(JsonSchemas.validateInFull(JsonSchemas.SCENARIO_SOLVED, event), problems);
    }

    @Test
    void atMostFiveProblemsAreReported() {
        String json = mutated(factProduction(), ArrayNode.class, rows -> {
            for (int i = 0; i < 20; i++) {
                ((ObjectNode) rows.get(i)).put("quantity", "many");
            }
        });
        assertEquals(5, JsonSchemas.validate(JsonSchemas.FACT_PRODUCTION, json).size());
    }

    @Test
    void textThatIsNotOneJsonDocumentIsAProblemWithTheParsersReason() {
        List<String> garbage = JsonSchemas.validate(JsonSchemas.KPI_TOTAL, "{not json");
        assertEquals(1, garbage.size(), garbage::toString);
        assertTrue(garbage.get(0).startsWith("not one JSON document: Unexpected character ('n'"), garbage::toString);
        List<String> trailing = JsonSchemas.validate(JsonSchemas.KPI_TOTAL, "{} {}");
        assertEquals(1, trailing.size(), trailing::toString);
        assertTrue(trailing.get(0).startsWith("not one JSON document: "), trailing::toString);
    }

    @Test
    void validationIsThreadSafe() throws Exception {
        String valid = factProduction();
        String invalid = mutated(valid, ArrayNode.class, rows -> ((ObjectNode) rows.get(1)).remove("line"));
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        assertEquals(List.of(), JsonSchemas.validate(JsonSchemas.FACT_PRODUCTION, valid));
                        assertFalse(JsonSchemas.validate(JsonSchemas.FACT_PRODUCTION, invalid).isEmpty());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
