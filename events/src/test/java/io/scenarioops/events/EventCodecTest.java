package io.scenarioops.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ProductionRow;
import io.scenarioops.model.ScenarioOutcome;
import io.scenarioops.events.schema.JsonSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---------------------------------------------------------------- helpers

    private static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The encoded sample with one change applied to its JSON tree. */
    private static byte[] mutated(byte[] encoded, Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) tree(encoded);
        change.accept(node);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] requestedWith(Consumer<ObjectNode> change) {
        return mutated(EventCodec.SCENARIO_REQUESTED.encode(SampleEvents.requested()), change);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Asserts that decoding throws exactly {@code expected} (never a NullPointerException or
     * another runtime exception), that the message carries the event type, and that the reason
     * contains every fragment.
     */
    private static <E extends InvalidEventException> E rejected(Class<E> expected, Executable decode,
            String... fragments) {
        Throwable thrown = assertThrows(Throwable.class, decode);
        assertSame(expected, thrown.getClass(), () -> "expected " + expected.getSimpleName() + " but got " + thrown);
        E e = expected.cast(thrown);
        assertNotNull(e.reason(), "reason");
        for (String fragment : fragments) {
            assertTrue(e.reason().contains(fragment),
                    () -> "reason should mention '" + fragment + "': " + e.reason());
        }
        assertTrue(e.getMessage().contains(e.reason()), e::getMessage);
        return e;
    }

    private static InvalidEventException rejectedRequest(byte[] bytes, String... fragments) {
        InvalidEventException e = rejected(InvalidEventException.class,
                () -> EventCodec.SCENARIO_REQUESTED.decode(bytes), fragments);
        assertTrue(e.getMessage().startsWith("invalid scenario-requested event: "), e.getMessage());
        return e;
    }

    // ---------------------------------------------------------------- round trips

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("scenario-requested", EventCodec.SCENARIO_REQUESTED, SampleEvents.requested(),
                        JsonSchemas.SCENARIO_REQUESTED),
                Arguments.of("scenario-solved", EventCodec.SCENARIO_SOLVED, SampleEvents.solved(),
                        JsonSchemas.SCENARIO_SOLVED),
                Arguments.of("scenario-solved (failed)", EventCodec.SCENARIO_SOLVED, SampleEvents.solvedFailed(),
                        JsonSchemas.SCENARIO_SOLVED),
                Arguments.of("scenario-published", EventCodec.SCENARIO_PUBLISHED, SampleEvents.published(),
                        JsonSchemas.SCENARIO_PUBLISHED),
                Arguments.of("scenario-published (failed)", EventCodec.SCENARIO_PUBLISHED,
                        SampleEvents.publishedFailed(), JsonSchemas.SCENARIO_PUBLISHED),
                Arguments.of("run-completed", EventCodec.RUN_COMPLETED, SampleEvents.runCompleted(),
                        JsonSchemas.RUN_COMPLETED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    <T extends PipelineEvent> void encodeThenDecodeGivesAnEqualEvent(String name, EventCodec<T> codec, T event,
            String schema) {
        byte[] bytes = codec.encode(event);
        T decoded = codec.decode(bytes);
        assertEquals(event, decoded);
        assertEquals(event.key(), decoded.key());
        // encoding is deterministic, so a re-delivered event re-encodes to the same bytes
        assertEquals(new String(bytes, StandardCharsets.UTF_8),
                new String(codec.encode(decoded), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    <T extends PipelineEvent> void everyEncodedSampleMatchesItsSchema(String name, EventCodec<T> codec, T event,
            String schema) {
        String json = new String(codec.encode(event), StandardCharsets.UTF_8);
        assertEquals(List.of(), JsonSchemas.validate(schema, json));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    <T extends PipelineEvent> void everyEventCarriesTheEnvelopeInSnakeCase(String name, EventCodec<T> codec, T event,
            String schema) {
        JsonNode json = tree(codec.encode(event));
        assertEquals(codec.schemaVersion(), json.get("schema_version").intValue());
        assertTrue(json.get("schema_version").isInt());
        assertEquals(event.eventId(), json.get("event_id").textValue());
        assertEquals(SampleEvents.RUN_ID, json.get("run_id").textValue());
        assertEquals(SampleEvents.DT, json.get("dt").textValue());
        assertEquals(event.occurredAtUtc(), json.get("occurred_at_utc").textValue());
        assertEquals(SampleEvents.SCENARIO_COUNT, json.get("scenario_count").intValue());
        // derived accessors are not part of the contract
        assertFalse(json.has("key"), "key must not be serialized");
        assertFalse(json.has("failed"), "failed must not be serialized");
        assertCamelCaseFree(json, "$");
    }

    /** No field name anywhere in the document has an upper-case letter, except map keys (line and period ids). */
    private static void assertCamelCaseFree(JsonNode node, String path) {
        if (node.isObject()) {
            boolean mapOfIds = path.endsWith(".capacity_by_line");
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                if (!mapOfIds) {
                    assertTrue(field.matches("[a-z0-9_]+"), () -> "field " + path + "." + field + " is not snake_case");
                }
                assertCamelCaseFree(node.get(field), path + "." + field);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertCamelCaseFree(node.get(i), path + "[" + i + "]");
            }
        }
    }

    @Test
    void scenarioRequestedJsonHasTheContractsFieldNamesAndValues() {
        JsonNode json = tree(EventCodec.SCENARIO_REQUESTED.encode(SampleEvents.requested()));
        assertEquals(List.of("schema_version", "event_id", "run_id", "dt", "occurred_at_utc", "scenario_count",
                "run_created_at_utc", "scenario_id", "seed", "knobs", "notes"), fieldNames(json));
        assertEquals(SampleEvents.REQUEST_EVENT_ID, json.get("event_id").textValue());
        assertEquals("baseline", json.get("scenario_id").textValue());
        assertEquals(7L, json.get("seed").longValue());
        assertEquals(1.0, json.get("knobs").get("demand_scale").doubleValue());
        assertEquals(1.0, json.get("knobs").get("variable_cost_scale").doubleValue());
        assertEquals(1.0, json.get("knobs").get("logistics_cost_scale").doubleValue());
        assertEquals("No changes", json.get("notes").textValue());
    }

    @Test
    void scenarioSolvedCarriesTheSeedModelsOutputsInline() {
        ScenarioOutcome outcome = SampleEvents.outcome();
        JsonNode json = tree(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved()));

        assertTrue(json.get("failure").isNull());
        assertEquals(SampleEvents.REQUEST_EVENT_ID, json.get("request_event_id").textValue());
        assertEquals("toy-solver", json.get("solver").get("name").textValue());
        assertEquals("1.0.0", json.get("generator").get("version").textValue());

        JsonNode kpi = json.get("kpi_total");
        assertEquals(332961.19, kpi.get("total_cost").doubleValue());
        assertEquals("DE_KA", kpi.get("chosen_site").textValue());
        assertEquals(24493.1, kpi.get("total_capacity").doubleValue());
        assertEquals(23326.7, kpi.get("total_demand").doubleValue());
        assertEquals(0.9524, kpi.get("capacity_utilization").doubleValue());

        JsonNode breakdown = json.get("kpi_cost_breakdown");
        assertEquals(261437.21, breakdown.get("variable_cost").doubleValue());
        assertEquals(0.0, breakdown.get("overtime_cost").doubleValue());
        assertEquals(28581.27, breakdown.get("inbound_logistics_cost").doubleValue());
        assertEquals(42942.71, breakdown.get("outbound_logistics_cost").doubleValue());

        JsonNode rows = json.get("fact_production");
        assertEquals(176, rows.size());
        assertEquals(outcome.result().factProduction().size(), rows.size());
        ProductionRow first = outcome.result().factProduction().get(0);
        JsonNode row = rows.get(0);
        assertEquals(List.of("order", "period", "line", "site", "quantity", "regular_qty", "overtime_qty", "capacity",
                "used_capacity_regular", "unit_var_cost", "unit_in_cost", "unit_out_cost", "overtime_multiplier",
                "cost_variable", "cost_overtime_premium", "cost_inbound", "cost_outbound"), fieldNames(row));
        assertEquals(first.order(), row.get("order").textValue());
        assertEquals(first.period(), row.get("period").intValue());
        assertEquals(first.regularQty(), row.get("regular_qty").doubleValue());
        assertEquals(first.overtimeQty(), row.get("overtime_qty").doubleValue());
        assertEquals(first.usedCapacityRegular(), row.get("used_capacity_regular").doubleValue());
        assertEquals(first.costOvertimePremium(), row.get("cost_overtime_premium").doubleValue());

        JsonNode summary = json.get("baseline_summary");
        assertEquals(outcome.baselineSummary().orders().size(), summary.get("orders").size());
        assertEquals(outcome.baselineSummary().periods().get(0), summary.get("periods").get(0).intValue());
        String line = outcome.baselineSummary().lines().get(0);
        assertEquals(outcome.baselineSummary().capacityByLine().get(line).get("1"),
                summary.get("capacity_by_line").get(line).get("1").doubleValue());
        assertEquals(outcome.baselineSummary().totalDemandByPeriod().get("1"),
                summary.get("total_demand_by_period").get("1").doubleValue());
    }

    @Test
    void failedScenarioSolvedHasNullResultsAndTheFailure() {
        JsonNode json = tree(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solvedFailed()));
        for (String result : List.of("baseline_summary", "fact_production", "kpi_total", "kpi_cost_breakdown")) {
            assertTrue(json.has(result), result + " must be present");
            assertTrue(json.get(result).isNull(), result + " must be null");
        }
        assertEquals("solve", json.get("failure").get("stage").textValue());
        assertTrue(json.get("failure").get("reason").textValue().startsWith("knobs.demand_scale"));

        ScenarioSolved decoded = EventCodec.SCENARIO_SOLVED.decode(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solvedFailed()));
        assertTrue(decoded.failed());
        assertNull(decoded.kpiTotal());
        assertFalse(SampleEvents.solved().failed());
    }

    @Test
    void scenarioPublishedJsonNamesTheManifest() {
        JsonNode json = tree(EventCodec.SCENARIO_PUBLISHED.encode(SampleEvents.published()));
        assertEquals(SampleEvents.SOLVED_EVENT_ID, json.get("solved_event_id").textValue());
        assertEquals(SampleEvents.SOLVED_AT, json.get("solved_at_utc").textValue());
        assertEquals(SampleEvents.ARTIFACT_PREFIX, json.get("artifact_prefix").textValue());
        assertEquals(SampleEvents.MANIFEST_KEY, json.get("manifest_key").textValue());
        assertEquals(SampleEvents.MANIFEST_SHA256, json.get("manifest_sha256").textValue());
        assertTrue(json.get("failure").isNull());

        JsonNode failed = tree(EventCodec.SCENARIO_PUBLISHED.encode(SampleEvents.publishedFailed()));
        assertTrue(failed.get("manifest_key").isNull());
        assertTrue(failed.get("manifest_sha256").isNull());
        assertEquals("solve", failed.get("failure").get("stage").textValue());
    }

    @Test
    void runCompletedJsonCountsVerdictsAndNamesTheFailedScenarios() {
        JsonNode json = tree(EventCodec.RUN_COMPLETED.encode(SampleEvents.runCompleted()));
        assertEquals(2, json.get("schema_version").intValue());
        assertEquals("partial", json.get("status").textValue());
        assertEquals("runs/dt=2024-05-01/run_id=run-2024-05-01_a.1/run_metadata.json",
                json.get("run_metadata_key").textValue());
        assertEquals(2, json.get("passed_count").intValue());
        assertEquals(1, json.get("failed_count").intValue());
        assertEquals("costs_up_10", json.get("failed_scenario_ids").get(0).textValue());
        assertEquals(1, json.get("failed_scenario_ids").size());
    }

    @Test
    void runCompletedReadsOnlyVersionTwo() {
        byte[] v1 = mutated(EventCodec.RUN_COMPLETED.encode(SampleEvents.runCompleted()),
                n -> n.put("schema_version", 1));
        UnsupportedSchemaVersionException e = assertThrows(UnsupportedSchemaVersionException.class,
                () -> EventCodec.RUN_COMPLETED.decode(v1));
        assertEquals("schema_version 1 is not supported (this build reads version 2)", e.reason());
    }

    @Test
    void rejectsRunCompletedWithMoreThanAHundredFailedScenarioIds() {
        byte[] bad = mutated(EventCodec.RUN_COMPLETED.encode(SampleEvents.runCompleted()), n -> {
            var ids = ((ObjectNode) n).putArray("failed_scenario_ids");
            for (int i = 0; i <= RunCompleted.MAX_FAILED_SCENARIO_IDS; i++) {
                ids.add("s" + i);
            }
        });
        rejected(InvalidEventException.class, () -> EventCodec.RUN_COMPLETED.decode(bad), "failed_scenario_ids");
    }

    @Test
    void keysFollowTheTopicCatalog() {
        assertEquals("run-2024-05-01_a.1/baseline", SampleEvents.requested().key());
        assertEquals("run-2024-05-01_a.1/baseline", SampleEvents.solved().key());
        assertEquals("run-2024-05-01_a.1/baseline", SampleEvents.published().key());
        assertEquals("run-2024-05-01_a.1", SampleEvents.runCompleted().key());
    }

    @Test
    void codecsNameTheirEventTypeAndClass() {
        assertEquals("scenario-requested", EventCodec.SCENARIO_REQUESTED.eventType());
        assertEquals("scenario-solved", EventCodec.SCENARIO_SOLVED.eventType());
        assertEquals("scenario-published", EventCodec.SCENARIO_PUBLISHED.eventType());
        assertEquals("run-completed", EventCodec.RUN_COMPLETED.eventType());
        assertEquals(ScenarioSolved.class, EventCodec.SCENARIO_SOLVED.type());
    }

    @Test
    void fieldOrderInTheInputDoesNotMatter() {
        ObjectNode reordered = JSON.createObjectNode();
        JsonNode original = tree(EventCodec.SCENARIO_REQUESTED.encode(SampleEvents.requested()));
        List<String> names = fieldNames(original);
        for (int i = names.size() - 1; i >= 0; i--) {
            reordered.set(names.get(i), original.get(names.get(i)));
        }
        assertEquals(SampleEvents.requested(), EventCodec.SCENARIO_REQUESTED.decode(utf8(reordered.toString())));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---------------------------------------------------------------- rejections


    @Test
    void rejectsEmptyBytes() {
        rejectedRequest(new byte[0], "no value");
    }

    @Test
    void rejectsNullBytes() {
        rejectedRequest(null, "no value");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        InvalidEventException e = rejectedRequest(new byte[] {(byte) 0xC3, (byte) 0x28}, "not UTF-8");
        assertInstanceOf(java.nio.charset.CharacterCodingException.class, e.getCause());
    }

    @Test
    void rejectsTextThatIsNotJson() {
        rejectedRequest(utf8("{not json"), "not valid JSON");
    }

    @Test
    void rejectsWhitespaceOnly() {
        rejectedRequest(utf8("   "), "JSON");
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        rejectedRequest(utf8("[1,2]"), "expected a JSON object", "ARRAY");
    }

    @Test
    void rejectsJsonNull() {
        rejectedRequest(utf8("null"), "expected a JSON object");
    }

    @Test
    void rejectsTrailingGarbageAfterTheObject() {
        byte[] valid = EventCodec.SCENARIO_REQUESTED.encode(SampleEvents.requested());
        rejectedRequest(utf8(new String(valid, StandardCharsets.UTF_8) + " garbage"), "not valid JSON");
        rejectedRequest(utf8(new String(valid, StandardCharsets.UTF_8) + "{}"), "not valid JSON");
    }

    @Test
    void rejectsMissingSchemaVersion() {
        rejectedRequest(requestedWith(n -> n.remove("schema_version")), "schema_version is missing");
    }

    @Test
    void rejectsNullSchemaVersion() {
        rejectedRequest(requestedWith(n -> n.putNull("schema_version")), "schema_version is missing");
    }

    @Test
    void rejectsSchemaVersionThatIsNotAnInteger() {
        rejectedRequest(requestedWith(n -> n.put("schema_version", "1")), "schema_version must be an integer",
                "\"1\"");
        rejectedRequest(requestedWith(n -> n.put("schema_version", 1.5)), "schema_version must be an integer");
    }

    @Test
    void rejectsUnsupportedSchemaVersion() {
        byte[] v2 = requestedWith(n -> n.put("schema_version", 2));
        UnsupportedSchemaVersionException e = rejected(UnsupportedSchemaVersionException.class,
                () -> EventCodec.SCENARIO_REQUESTED.decode(v2), "schema_version 2 is not supported",
                "reads version 1");
        assertEquals(2, e.schemaVersion());
        assertInstanceOf(InvalidEventException.class, e);
    }

    @Test
    void unsupportedSchemaVersionIsCheckedBeforeTheSchema() {
        // a v2 event may well have fields v1 does not know; the version is the reason, not the fields
        byte[] v2 = requestedWith(n -> {
            n.put("schema_version", 2);
            n.put("priority", "high");
            n.remove("notes");
        });
        UnsupportedSchemaVersionException e = rejected(UnsupportedSchemaVersionException.class,
                () -> EventCodec.SCENARIO_REQUESTED.decode(v2), "schema_version 2");
        assertEquals(2, e.schemaVersion());
    }

    @Test
    void hugeSchemaVersionIsNotTruncatedIntoAValidOne() {
        // 2^32 + 1 would read as 1 through int truncation
        byte[] huge = requestedWith(n -> n.put("schema_version", 4294967297L));
        InvalidEventException e = rejectedRequest(huge);
        assertEquals("schema_version 4294967297 is not supported (this build reads version 1)", e.reason());
    }

    @Test
    void schemaViolationReasonsAreOnlyTheRealProblem() {
        assertEquals("/run_id: does not match the regex pattern ^[A-Za-z0-9_.-]{1,64}$",
                rejectedRequest(requestedWith(n -> n.put("run_id", "run 1"))).reason());
        assertEquals("required property 'run_id' not found",
                rejectedRequest(requestedWith(n -> n.remove("run_id"))).reason());
        assertEquals("/scenario_count: string found, integer expected",
                rejectedRequest(requestedWith(n -> n.put("scenario_count", "3"))).reason());
        assertEquals("/knobs/demand_scale: must have a maximum value of 100",
                rejectedRequest(requestedWith(n -> ((ObjectNode) n.get("knobs")).put("demand_scale", 101))).reason());
    }

    @Test
    void rejectsDuplicateKeys() {
        String valid = new String(EventCodec.SCENARIO_REQUESTED.encode(SampleEvents.requested()), StandardCharsets.UTF_8);
        String twoRunIds = valid.replace("\"run_id\":\"" + SampleEvents.RUN_ID + "\"",
                "\"run_id\":\"" + SampleEvents.RUN_ID + "\",\"run_id\":\"other-run\"");
        assertTrue(twoRunIds.contains("other-run"), twoRunIds);
        rejectedRequest(utf8(twoRunIds), "not valid JSON", "Duplicate field 'run_id'");
    }

    @Test
    void rejectsASeedThatDoesNotFitInALong() {
        String valid = new String(EventCodec.SCENARIO_REQUESTED.encode(SampleEvents.requested()), StandardCharsets.UTF_8);
        InvalidEventException e = rejectedRequest(utf8(valid.replace("\"seed\":7", "\"seed\":99999999999999999999")));
        assertTrue(e.reason().startsWith("seed: "), e.reason());
        assertTrue(e.reason().contains("out of range of long"), e.reason());
    }

    @Test
    void rejectsAScenarioCountThatDoesNotFitInAnInt() {
        InvalidEventException e = rejectedRequest(requestedWith(n -> n.put("scenario_count", 99999999999L)));
        assertTrue(e.reason().startsWith("scenario_count: "), e.reason());
    }

    @Test
    void acceptsIntegralNumbersWrittenWithAFraction() {
        // JSON Schema's "integer" includes 7.0; Jackson reads it as 7
        ScenarioRequested decoded = EventCodec.SCENARIO_REQUESTED.decode(requestedWith(n -> {
            n.put("seed", 7.0);
            n.put("scenario_count", 3.0);
        }));
        assertEquals(SampleEvents.requested(), decoded);
    }

    @Test
    void rejectsMissingRequiredField() {
        rejectedRequest(requestedWith(n -> n.remove("run_id")), "run_id");
    }

    @Test
    void rejectsMissingNestedField() {
        rejectedRequest(requestedWith(n -> ((ObjectNode) n.get("knobs")).remove("logistics_cost_scale")),
                "logistics_cost_scale");
    }

    @Test
    void rejectsFieldOfTheWrongType() {
        rejectedRequest(requestedWith(n -> n.put("scenario_count", "3")), "scenario_count");
    }

    @Test
    void rejectsNullForARequiredString() {
        rejectedRequest(requestedWith(n -> n.putNull("notes")), "notes");
    }

    @Test
    void rejectsScenarioCountBelowOne() {
        rejectedRequest(requestedWith(n -> n.put("scenario_count", 0)), "scenario_count");
    }

    @Test
    void rejectsKnobAboveTheRange() {
        rejectedRequest(requestedWith(n -> ((ObjectNode) n.get("knobs")).put("demand_scale", 101)),
                "demand_scale");
    }

    @Test
    void rejectsNegativeKnob() {
        rejectedRequest(requestedWith(n -> ((ObjectNode) n.get("knobs")).put("variable_cost_scale", -0.5)),
                "variable_cost_scale");
    }

    @Test
    void rejectsKnobThatIsAString() {
        rejectedRequest(requestedWith(n -> ((ObjectNode) n.get("knobs")).put("logistics_cost_scale", "1.0")),
                "logistics_cost_scale");
    }

    @Test
    void rejectsScenarioIdWithASlash() {
        rejectedRequest(requestedWith(n -> n.put("scenario_id", "../etc/passwd")), "scenario_id");
        rejectedRequest(requestedWith(n -> n.put("scenario_id", "a/b")), "scenario_id");
    }

    @Test
    void rejectsScenarioIdThatIsTheParentDirectory() {
        rejectedRequest(requestedWith(n -> n.put("scenario_id", "..")), "scenario_id");
        rejectedRequest(requestedWith(n -> n.put("scenario_id", ".")), "scenario_id");
    }

    @Test
    void rejectsScenarioIdThatIsEmptyOrTooLong() {
        rejectedRequest(requestedWith(n -> n.put("scenario_id", "")), "scenario_id");
        rejectedRequest(requestedWith(n -> n.put("scenario_id", "x".repeat(65))), "scenario_id");
    }

    @Test
    void rejectsRunIdWithASpace() {
        rejectedRequest(requestedWith(n -> n.put("run_id", "run 1")), "run_id");
    }

    @Test
    void rejectsUnknownExtraProperty() {
        rejectedRequest(requestedWith(n -> n.put("priority", "high")), "priority");
    }

    @Test
    void rejectsUnknownPropertyInsideKnobs() {
        rejectedRequest(requestedWith(n -> ((ObjectNode) n.get("knobs")).put("labour_scale", 1.0)),
                "labour_scale");
    }

    @Test
    void rejectsEventIdThatIsNotAUuid() {
        rejectedRequest(requestedWith(n -> n.put("event_id", "not-a-uuid")), "event_id");
    }

    @Test
    void rejectsDtThatIsNotADate() {
        rejectedRequest(requestedWith(n -> n.put("dt", "01.05.2024")), "dt");
    }

    @Test
    void rejectsSeedThatIsNotAnInteger() {
        rejectedRequest(requestedWith(n -> n.put("seed", 7.5)), "seed");
    }

    @Test
    void rejectsSolvedWithBothFailureAndResults() {
        byte[] both = mutated(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved()),
                n -> n.set("failure", JSON.valueToTree(SampleEvents.solveFailure())));
        InvalidEventException e = rejected(InvalidEventException.class,
                () -> EventCodec.SCENARIO_SOLVED.decode(both), "one and only one", "/failure: object found, null expected",
                "/kpi_total: object found, null expected");
        assertTrue(e.reason().startsWith("must be valid to one and only one schema, but 0 are valid"), e.reason());
    }

    @Test
    void rejectsSolvedWithNeitherFailureNorResults() {
        byte[] neither = mutated(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solvedFailed()),
                n -> n.putNull("failure"));
        rejected(InvalidEventException.class, () -> EventCodec.SCENARIO_SOLVED.decode(neither), "one and only one",
                "/kpi_total: null found, object expected");
    }

    @Test
    void rejectsSolvedWithAResultMissing() {
        byte[] missing = mutated(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved()),
                n -> n.remove("kpi_total"));
        rejected(InvalidEventException.class, () -> EventCodec.SCENARIO_SOLVED.decode(missing), "kpi_total");
    }

    @Test
    void rejectsSolvedWithAKpiOfTheWrongType() {
        byte[] wrong = mutated(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved()),
                n -> ((ObjectNode) n.get("kpi_total")).put("total_cost", "332961.19"));
        InvalidEventException e = rejected(InvalidEventException.class,
                () -> EventCodec.SCENARIO_SOLVED.decode(wrong));
        assertEquals("/kpi_total/total_cost: string found, number expected", e.reason());
    }

    @Test
    void rejectsSolvedWithAnExtraFieldInAFactRow() {
        byte[] extra = mutated(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved()),
                n -> ((ObjectNode) n.get("fact_production").get(3)).put("shift", "night"));
        rejected(InvalidEventException.class, () -> EventCodec.SCENARIO_SOLVED.decode(extra), "shift");
    }

    @Test
    void rejectsPublishedWithAManifestAndAFailure() {
        byte[] both = mutated(EventCodec.SCENARIO_PUBLISHED.encode(SampleEvents.published()),
                n -> n.set("failure", JSON.valueToTree(SampleEvents.solveFailure())));
        rejected(InvalidEventException.class, () -> EventCodec.SCENARIO_PUBLISHED.decode(both), "one and only one",
                "/manifest_key: string found, null expected");
    }

    @Test
    void rejectsPublishedWithABadSha256() {
        byte[] bad = mutated(EventCodec.SCENARIO_PUBLISHED.encode(SampleEvents.published()),
                n -> n.put("manifest_sha256", "ABC"));
        rejected(InvalidEventException.class, () -> EventCodec.SCENARIO_PUBLISHED.decode(bad), "manifest_sha256");
    }

    @Test
    void rejectsRunCompletedWithAnUnknownStatus() {
        byte[] bad = mutated(EventCodec.RUN_COMPLETED.encode(SampleEvents.runCompleted()),
                n -> n.put("status", "done"));
        rejected(InvalidEventException.class, () -> EventCodec.RUN_COMPLETED.decode(bad), "status");
    }

    @Test
    void rejectsRunCompletedWithANegativeCount() {
        byte[] bad = mutated(EventCodec.RUN_COMPLETED.encode(SampleEvents.runCompleted()),
                n -> n.put("failed_count", -1));
        rejected(InvalidEventException.class, () -> EventCodec.RUN_COMPLETED.decode(bad), "failed_count");
    }

    @Test
    void rejectsAnEventOfAnotherType() {
        byte[] solved = EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved());
        rejectedRequest(solved, "request_event_id");
    }

    @Test
    void reasonsNeverExposeANullPointer() {
        List<byte[]> inputs = List.of(
                utf8("{}"),
                utf8("{\"schema_version\":1}"),
                requestedWith(n -> n.putNull("knobs")),
                requestedWith(n -> n.putNull("scenario_count")),
                requestedWith(n -> n.putNull("seed")),
                requestedWith(n -> n.putNull("run_id")),
                requestedWith(n -> n.set("knobs", JSON.createArrayNode())));
        for (byte[] input : inputs) {
            InvalidEventException e = rejected(InvalidEventException.class,
                    () -> EventCodec.SCENARIO_REQUESTED.decode(input));
            assertFalse(e.reason().isBlank());
            assertFalse(e.reason().contains("NullPointer"), e.reason());
        }
    }

    @Test
    void domainRulesStillHoldForDecodedKnobs() {
        // the schema and Knobs agree on the range: the boundary values decode
        byte[] edge = requestedWith(n -> {
            ObjectNode knobs = (ObjectNode) n.get("knobs");
            knobs.put("demand_scale", 0);
            knobs.put("variable_cost_scale", 100);
            knobs.put("logistics_cost_scale", 1.1);
        });
        assertEquals(new Knobs(0.0, 100.0, 1.1), EventCodec.SCENARIO_REQUESTED.decode(edge).knobs());
    }
}
