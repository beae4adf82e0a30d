package io.scenarioops.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.ProductionRow;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.ScenarioOutcome;
import io.scenarioops.model.SolveResult;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.events.schema.JsonSchemas;
import io.scenarioops.testsupport.GoldenFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Random;
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
    <T extends PipelineEvent> void encodingWithinALimitGivesTheSameBytesOrNothing(String name, EventCodec<T> codec,
            T event, String schema) {
        byte[] whole = codec.encode(event);
        assertArrayEquals(whole, codec.encodeWithin(event, whole.length).orElseThrow());
        assertArrayEquals(whole, codec.encodeWithin(event, whole.length + 1).orElseThrow());
        assertEquals(Optional.empty(), codec.encodeWithin(event, whole.length - 1));
        assertEquals(Optional.empty(), codec.encodeWithin(event, 1));
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

    /** The same field names with the same values; numbers compare as doubles, whatever their JSON spelling. */
    private static void assertSameValues(JsonNode expected, JsonNode actual) {
        assertEquals(fieldNames(expected).stream().sorted().toList(), fieldNames(actual).stream().sorted().toList());
        for (String field : fieldNames(expected)) {
            JsonNode want = expected.get(field);
            JsonNode got = actual.get(field);
            if (want.isNumber()) {
                assertTrue(got.isNumber(), () -> field + " is not a number: " + got);
                assertEquals(want.doubleValue(), got.doubleValue(), field);
            } else {
                assertEquals(want, got, field);
            }
        }
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
        ScenarioOutcome<SolveResult> outcome = SampleEvents.outcome();
        JsonNode json = tree(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved()));

        assertTrue(json.get("failure").isNull());
        assertEquals(SampleEvents.REQUEST_EVENT_ID, json.get("request_event_id").textValue());
        assertEquals("toy-solver", json.get("solver").get("name").textValue());
        assertEquals("1.0.0", json.get("generator").get("version").textValue());

        JsonNode golden = GoldenFiles.defaultRunByScenario().get(SampleEvents.SCENARIO_ID);
        assertSameValues(golden.get("kpi_total"), json.get("kpi_total"));
        assertSameValues(golden.get("kpi_cost_breakdown"), json.get("kpi_cost_breakdown"));

        JsonNode rows = json.get("fact_production");
        assertEquals(golden.get("fact_production_rows").intValue(), rows.size());
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

    /** A solved event with {@code kpi_total.total_cost} and row 3's overtime premium replaced. */
    private static ScenarioSolved solvedWith(double totalCost, double row3OvertimePremium) {
        ScenarioSolved s = SampleEvents.solved();
        KpiTotal k = s.kpiTotal();
        List<ProductionRow> rows = new java.util.ArrayList<>(s.factProduction());
        ProductionRow r = rows.get(3);
        rows.set(3, new ProductionRow(r.order(), r.period(), r.line(), r.site(), r.quantity(), r.regularQty(),
                r.overtimeQty(), r.capacity(), r.usedCapacityRegular(), r.unitVarCost(), r.unitInCost(),
                r.unitOutCost(), r.overtimeMultiplier(), r.costVariable(), row3OvertimePremium, r.costInbound(),
                r.costOutbound()));
        return new ScenarioSolved(s.header(), s.seed(), s.knobs(), s.notes(), s.lineage(), s.generator(), s.solver(),
                s.inputs(), s.baselineSummary(), rows, new KpiTotal(totalCost, k.chosenSite(), k.totalCapacity(),
                        k.totalDemand(), k.capacityUtilization()), s.kpiCostBreakdown(), s.lpPlan(), s.storedTables(),
                s.failure());
    }

    @Test
    void refusesToWriteANumberThatReadingWouldRefuseAndNamesItsField() {
        double fine = SampleEvents.solved().kpiTotal().totalCost();
        double premium = SampleEvents.solved().factProduction().get(3).costOvertimePremium();
        for (double outOfRange : new double[] {0x1p63, -1e300, Double.NaN, Double.POSITIVE_INFINITY}) {
            String reason = outOfRange + " is out of range: an event's numbers are finite and smaller than 2^63"
                    + " in magnitude";
            ScenarioSolved total = solvedWith(outOfRange, premium);
            assertEquals("kpi_total.total_cost: " + reason, assertThrows(InvalidEventException.class,
                    () -> EventCodec.SCENARIO_SOLVED.encode(total)).reason());
            ScenarioSolved row = solvedWith(fine, outOfRange);
            assertEquals("fact_production[3].cost_overtime_premium: " + reason, assertThrows(
                    InvalidEventException.class, () -> EventCodec.SCENARIO_SOLVED.encodeWithin(row, 1 << 20)).reason());
        }
        // the largest magnitude reading accepts is written, and read back unchanged
        ScenarioSolved largest = solvedWith(-Math.nextDown(0x1p63), Math.nextDown(0x1p63));
        ScenarioSolved read = EventCodec.SCENARIO_SOLVED.decode(EventCodec.SCENARIO_SOLVED.encode(largest));
        assertEquals(-Math.nextDown(0x1p63), read.kpiTotal().totalCost(), 0.0);
        assertEquals(Math.nextDown(0x1p63), read.factProduction().get(3).costOvertimePremium(), 0.0);
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
        assertEquals("/run_id: does not match the regex pattern ^(?!\\.\\.?$)[A-Za-z0-9_.-]{1,64}$",
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
        assertEquals("seed: number out of range",
                rejectedRequest(utf8(valid.replace("\"seed\":7", "\"seed\":99999999999999999999"))).reason());
    }

    @Test
    void rejectsAScenarioCountThatDoesNotFitInAnInt() {
        assertEquals("/scenario_count: must have a maximum value of 10000",
                rejectedRequest(requestedWith(n -> n.put("scenario_count", 99999999999L))).reason());
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
                n -> ((ObjectNode) n.get("kpi_total")).put("total_cost", n.get("kpi_total").get("total_cost").asText()));
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
        // the first difference found: a solved event's solver is a name and version, a request's only a name
        rejectedRequest(solved, "/solver");
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

    // ---------------------------------------------------------------- the boundary: hostile values

    private static byte[] solvedWith(Consumer<ObjectNode> change) {
        return mutated(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved()), change);
    }

    private static InvalidEventException rejectedSolved(byte[] bytes, String... fragments) {
        return rejected(InvalidEventException.class, () -> EventCodec.SCENARIO_SOLVED.decode(bytes), fragments);
    }

    @Test
    void rejectsDatesThatAreNotOnTheCalendar() {
        assertEquals("dt: expected a calendar date YYYY-MM-DD, got \"2026-02-30\"",
                rejectedRequest(requestedWith(n -> n.put("dt", "2026-02-30"))).reason());
        assertEquals("dt: expected a calendar date YYYY-MM-DD, got \"2025-02-29\"",
                rejectedRequest(requestedWith(n -> n.put("dt", "2025-02-29"))).reason());
        assertEquals("dt: expected a calendar date YYYY-MM-DD, got \"2024-13-01\"",
                rejectedRequest(requestedWith(n -> n.put("dt", "2024-13-01"))).reason());
    }

    @Test
    void acceptsTheLeapDayOfALeapYear() {
        assertEquals("2024-02-29", EventCodec.SCENARIO_REQUESTED.decode(requestedWith(n -> n.put("dt", "2024-02-29"))).dt());
    }

    @Test
    void rejectsATimestampThatIsAWord() {
        assertEquals("occurred_at_utc: expected an RFC 3339 timestamp with an offset"
                        + " (e.g. 2024-05-01T09:00:00.000000+00:00), got \"yesterday\"",
                rejectedRequest(requestedWith(n -> n.put("occurred_at_utc", "yesterday"))).reason());
    }

    @Test
    void rejectsTimestampsWithoutAnOffsetOrOffTheCalendar() {
        rejectedRequest(requestedWith(n -> n.put("run_created_at_utc", "2024-05-01T09:00:00")),
                "run_created_at_utc: expected an RFC 3339 timestamp");
        rejectedRequest(requestedWith(n -> n.put("run_created_at_utc", "2024-05-01T09:00Z")), "run_created_at_utc");
        rejectedRequest(requestedWith(n -> n.put("occurred_at_utc", "2024-02-30T09:00:00Z")), "occurred_at_utc");
        rejectedRequest(requestedWith(n -> n.put("occurred_at_utc", "2024-05-01T24:00:00Z")), "occurred_at_utc");
        rejectedRequest(requestedWith(n -> n.put("occurred_at_utc", "2024-05-01 09:00:00+00:00")), "occurred_at_utc");
        rejectedSolved(solvedWith(n -> n.put("requested_at_utc", "1714554000")), "requested_at_utc");
    }

    @Test
    void acceptsEveryRfc3339OffsetAndPrecisionAndTheRunStoreReadsThem() {
        for (String timestamp : List.of("2024-05-01T09:00:00Z", "2024-05-01T09:00:00.5+05:30",
                "2024-05-01T09:00:00.123456789-08:00", SampleEvents.REQUESTED_AT)) {
            ScenarioRequested decoded = EventCodec.SCENARIO_REQUESTED.decode(
                    requestedWith(n -> n.put("occurred_at_utc", timestamp)));
            assertEquals(timestamp, decoded.occurredAtUtc());
            assertNotNull(Timestamps.parseUtc(decoded.occurredAtUtc()));
        }
    }

    @Test
    void rejectsANulCharacterInTheNotes() {
        assertEquals("notes: control character U+0000 at index 3",
                rejectedRequest(requestedWith(n -> n.put("notes", "abc\u0000def"))).reason());
    }

    @Test
    void rejectsALineSeparatorAtTheEndOfAnIdentifierInATable() {
        // a Java regex $ would match before it; the schema's pattern, read as JSON Schema reads it, does not
        InvalidEventException e = rejectedSolved(solvedWith(n -> ((ObjectNode) n.get("fact_production").get(0))
                .put("order", "O001\u2028")));
        assertEquals("/fact_production/0/order: does not match the regex pattern ^(?!\\.\\.?$)[A-Za-z0-9_.-]{1,64}$",
                e.reason());
    }

    @Test
    void rejectsAControlCharacterInANestedString() {
        assertEquals("fact_production[3].order: control character U+001B at index 1",
                rejectedSolved(solvedWith(n -> ((ObjectNode) n.get("fact_production").get(3))
                        .put("order", "O\u001b[31m"))).reason());
        byte[] failed = mutated(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solvedFailed()),
                n -> ((ObjectNode) n.get("failure")).put("reason", "line one\nline two"));
        assertEquals("failure.reason: control character U+000A at index 8", rejectedSolved(failed).reason());
        assertEquals("baseline_summary.capacity_by_line field name: control character U+007F at index 2",
                rejectedSolved(solvedWith(n -> ((ObjectNode) n.get("baseline_summary").get("capacity_by_line"))
                        .set("L9\u007f", JSON.createObjectNode()))).reason());
    }

    @Test
    void rejectsALoneSurrogate() {
        assertEquals("notes: lone surrogate U+D800 at index 2",
                rejectedRequest(requestedWith(n -> n.put("notes", "ok\ud800"))).reason());
        assertEquals("\ud83d\ude00", EventCodec.SCENARIO_REQUESTED.decode(
                requestedWith(n -> n.put("notes", "\ud83d\ude00"))).notes(), "a surrogate pair is one character");
    }

    @Test
    void rejectsNotesLongerThanTheProducerAllows() {
        String longest = "n".repeat(ScenarioDefinition.MAX_NOTES_LENGTH);
        assertEquals(longest, EventCodec.SCENARIO_REQUESTED.decode(requestedWith(n -> n.put("notes", longest))).notes());
        rejectedRequest(requestedWith(n -> n.put("notes", longest + "n")), "/notes", "1000");
    }

    @Test
    void rejectsIdsLongerThan64Characters() {
        rejectedRequest(requestedWith(n -> n.put("run_id", "r".repeat(65))), "/run_id");
        rejectedRequest(requestedWith(n -> n.put("scenario_id", "s".repeat(65))), "/scenario_id");
        assertEquals("r".repeat(64),
                EventCodec.SCENARIO_REQUESTED.decode(requestedWith(n -> n.put("run_id", "r".repeat(64)))).runId());
    }

    @Test
    void theTableCapsCoverTheLargestInstanceAPipelineRunTakes() {
        int orderPeriods = ScenarioInputs.MAX_ORDER_PERIODS_IN_PIPELINE;
        // lp-v1: one delivery row per order and period
        assertEquals(orderPeriods, maxItems(JsonSchemas.FACT_DELIVERY));
        // toy-v1: the generator's 3 lines plus one overtime row for each order and period
        assertEquals(4 * orderPeriods, maxItems(JsonSchemas.FACT_PRODUCTION));
        ScenarioOutcome<SolveResult> extreme = ScenarioModel.run(SampleEvents.SEED, new Knobs(100.0, 100.0, 100.0));
        int seedOrderPeriods = InstanceSize.SEED.orders() * InstanceSize.SEED.periods();
        assertTrue(extreme.result().factProduction().size() <= 4 * seedOrderPeriods,
                extreme.result().factProduction().size() + " rows");
    }

    private static int maxItems(String schemaPath) {
        return tree(readResource(schemaPath)).get("maxItems").intValue();
    }

    @Test
    void aSolvedEventCanNameTheTablesTheSolverStoredInsteadOfCarryingThem() {
        ScenarioSolved stored = SampleEvents.solved().withStoredTables(List.of(new StoredTable("fact_production", 123,
                "ab".repeat(32))));
        byte[] encoded = EventCodec.SCENARIO_SOLVED.encode(stored);
        JsonNode json = tree(encoded);
        assertTrue(json.get("fact_production").isNull());
        assertFalse(json.has("lp_plan"));
        assertEquals("{\"table\":\"fact_production\",\"size\":123,\"sha256\":\"" + "ab".repeat(32) + "\"}",
                json.get("stored_tables").get(0).toString());
        ScenarioSolved decoded = EventCodec.SCENARIO_SOLVED.decode(encoded);
        assertEquals(stored, decoded);
        assertEquals(Map.of(), decoded.inlineTables());
        // an event with its tables inline says nothing of stored tables
        assertFalse(tree(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved())).has("stored_tables"));
    }

    @Test
    void rejectsStoredTablesThatAreNotExactlyTheSolversOwn() {
        byte[] stored = EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved().withStoredTables(
                List.of(new StoredTable("fact_production", 123, "ab".repeat(32)))));
        assertEquals("stored_tables: toy-solver writes the tables [fact_production], in that order; got [fact_delivery]",
                rejectedSolved(mutated(stored, n -> ((ObjectNode) n.get("stored_tables").get(0))
                        .put("table", "fact_delivery"))).reason());
        rejectedSolved(mutated(stored, n -> ((ObjectNode) n.get("stored_tables").get(0)).put("table", "../x")),
                "/stored_tables/0/table");
        rejectedSolved(mutated(stored, n -> ((ObjectNode) n.get("stored_tables").get(0)).put("sha256", "AB")),
                "/stored_tables/0/sha256");
        rejectedSolved(mutated(stored, n -> ((ObjectNode) n.get("stored_tables").get(0)).put("size", -1)),
                "/stored_tables/0/size");
        rejectedSolved(mutated(stored, n -> n.set("stored_tables", JSON.createArrayNode())), "/stored_tables");
        // never both the rows and a stored table, and never on a failed scenario
        JsonNode rows = tree(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved())).get("fact_production");
        rejectedSolved(mutated(stored, n -> n.set("fact_production", rows)), "one and only one");
        JsonNode storedTables = tree(stored).get("stored_tables");
        rejectedSolved(mutated(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solvedFailed()),
                n -> n.set("stored_tables", storedTables)), "one and only one");
    }

    @Test
    void rejectsAnArrayOverTheCapEveryEventObeys() {
        byte[] huge = mutated(EventCodec.RUN_COMPLETED.encode(SampleEvents.runCompleted()), n -> {
            ArrayNode scenarios = JSON.createArrayNode();
            for (int i = 0; i <= EventTree.MAX_ENTRIES; i++) {
                scenarios.add(0);
            }
            n.set("scenarios", scenarios);
        });
        InvalidEventException e = rejected(InvalidEventException.class, () -> EventCodec.RUN_COMPLETED.decode(huge));
        assertEquals("scenarios: 10001 entries, more than the 10000 allowed", e.reason());
    }

    @Test
    void rejectsAStringOverTheCapEveryEventObeys() {
        byte[] failed = mutated(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solvedFailed()),
                n -> ((ObjectNode) n.get("failure")).put("reason", "x".repeat(EventTree.MAX_STRING_CHARS + 1)));
        assertEquals("failure.reason: 4001 characters, more than the 4000 allowed", rejectedSolved(failed).reason());
    }

    @Test
    void aFailureReasonIsMadePrintableAndShortSoTheNextStageAcceptsIt() {
        StageFailure failure = new StageFailure("solver", "first line\nsecond\u0000" + "x".repeat(5000));
        assertEquals(StageFailure.MAX_REASON_CHARS, failure.reason().length());
        assertTrue(failure.reason().startsWith("first line second x"), failure.reason());
        ScenarioSolved solved = ScenarioSolved.failed(SampleEvents.requested(),
                SampleEvents.solvedFailed().header(), SampleEvents.GENERATOR, SampleEvents.SOLVER, failure);
        assertEquals(solved, EventCodec.SCENARIO_SOLVED.decode(EventCodec.SCENARIO_SOLVED.encode(solved)));
    }

    @Test
    void rejectsANumberBeyondTheRangeOfALongOrADouble() {
        String valid = new String(EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved()), StandardCharsets.UTF_8);
        String total = "\"total_cost\":" + tree(utf8(valid)).get("kpi_total").get("total_cost").asText();
        assertTrue(valid.contains(total), valid);
        assertEquals("kpi_total.total_cost: number out of range",
                rejectedSolved(utf8(valid.replace(total, "\"total_cost\":1e400"))).reason());
        assertEquals("kpi_total.total_cost: number out of range",
                rejectedSolved(utf8(valid.replace(total, "\"total_cost\":1" + "0".repeat(400)))).reason());
        assertEquals("scenario_count: number out of range",
                rejectedRequest(requestedWith(n -> n.put("scenario_count", 1e19))).reason());
        assertEquals(Long.MIN_VALUE,
                EventCodec.SCENARIO_REQUESTED.decode(requestedWith(n -> n.put("seed", Long.MIN_VALUE))).seed());
    }

    @Test
    void rejectsAValueLargerThanARecordBeforeParsingIt() {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(twoMegabytes, (byte) '[');
        assertEquals("the value has 2097152 bytes, more than the 1048576 an event may have",
                rejectedRequest(twoMegabytes).reason());
    }

    @Test
    void decodesARecordWhoseKeyIsTheEventsOwn() {
        assertEquals(SampleEvents.requested(), EventCodec.SCENARIO_REQUESTED.decode(
                utf8(SampleEvents.requested().key()), EventCodec.SCENARIO_REQUESTED.encode(SampleEvents.requested())));
        assertEquals(SampleEvents.runCompleted(), EventCodec.RUN_COMPLETED.decode(
                SampleEvents.RUN_ID, EventCodec.RUN_COMPLETED.encode(SampleEvents.runCompleted())));
    }

    @Test
    void rejectsAKeyWithAnotherRunId() {
        byte[] value = EventCodec.SCENARIO_PUBLISHED.encode(SampleEvents.published());
        InvalidEventException e = rejected(InvalidEventException.class,
                () -> EventCodec.SCENARIO_PUBLISHED.decode(utf8("other-run/baseline"), value));
        assertEquals("key: the record key \"other-run/baseline\", expected <run_id>/<scenario_id> of the event, \""
                + SampleEvents.RUN_ID + "/baseline\"", e.reason());
        InvalidEventException run = rejected(InvalidEventException.class, () -> EventCodec.RUN_COMPLETED.decode(
                "other-run", EventCodec.RUN_COMPLETED.encode(SampleEvents.runCompleted())));
        assertEquals("key: the record key \"other-run\", expected <run_id> of the event, \"" + SampleEvents.RUN_ID
                + "\"", run.reason());
    }

    @Test
    void rejectsAKeyWithAnotherScenarioId() {
        byte[] value = EventCodec.SCENARIO_SOLVED.encode(SampleEvents.solved());
        rejected(InvalidEventException.class, () -> EventCodec.SCENARIO_SOLVED.decode(
                utf8(SampleEvents.RUN_ID + "/demand_up_10"), value), "key: the record key \"" + SampleEvents.RUN_ID
                + "/demand_up_10\"", "<run_id>/<scenario_id>");
    }

    @Test
    void rejectsARecordWithoutAKeyOrWithAKeyThatIsNotText() {
        byte[] value = EventCodec.SCENARIO_REQUESTED.encode(SampleEvents.requested());
        rejected(InvalidEventException.class, () -> EventCodec.SCENARIO_REQUESTED.decode((byte[]) null, value),
                "key: the record has no key");
        rejected(InvalidEventException.class, () -> EventCodec.SCENARIO_REQUESTED.decode(
                new byte[] {(byte) 0xC3, (byte) 0x28}, value), "key: the record key is not UTF-8 text");
    }

    // ---------------------------------------------------------------- the boundary: random damage

    /**
     * A few thousand seeded mutations of valid events: whatever the damage, decoding either gives
     * an event that survives another round trip unchanged, or an {@link InvalidEventException};
     * never another exception that would stop a stage.
     */
    @Test
    void randomlyDamagedEventsDecodeToSoundEventsOrAreRejected() {
        List<Sample<?>> samples = List.of(
                new Sample<>(EventCodec.SCENARIO_REQUESTED, SampleEvents.requested()),
                new Sample<>(EventCodec.SCENARIO_SOLVED, SampleEvents.solved()),
                new Sample<>(EventCodec.SCENARIO_SOLVED, SampleEvents.solvedFailed()),
                new Sample<>(EventCodec.SCENARIO_PUBLISHED, SampleEvents.published()),
                new Sample<>(EventCodec.SCENARIO_PUBLISHED, SampleEvents.publishedFailed()),
                new Sample<>(EventCodec.RUN_COMPLETED, SampleEvents.runCompleted()));
        Random random = new Random(20240501L);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < 3000; i++) {
            Sample<?> sample = samples.get(random.nextInt(samples.size()));
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            byte[] damaged = mutation.apply(sample.encoded(), random);
            try {
                sample.decodeAndRoundTrip(damaged);
                decoded++;
            } catch (InvalidEventException expected) {
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("mutation " + i + " (" + mutation + ") of " + sample.codec().eventType()
                        + " threw " + e + " for " + new String(damaged, StandardCharsets.UTF_8), e);
            }
        }
        // the mutations both break events and leave some intact, or the test would prove little
        assertTrue(rejected > 1000, "rejected " + rejected);
        assertTrue(decoded > 20, "decoded " + decoded);
    }

    private record Sample<T extends PipelineEvent>(EventCodec<T> codec, T event) {
        byte[] encoded() {
            return codec.encode(event);
        }

        void decodeAndRoundTrip(byte[] damaged) {
            T decoded = codec.decode(damaged);
            assertEquals(decoded, codec.decode(decoded.key(), codec.encode(decoded)));
        }
    }

    private enum Mutation {
        FLIP_BYTES {
            @Override
            byte[] apply(byte[] valid, Random random) {
                byte[] bytes = valid.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return bytes;
            }
        },
        TRUNCATE {
            @Override
            byte[] apply(byte[] valid, Random random) {
                return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            }
        },
        REPLACE_A_VALUE {
            @Override
            byte[] apply(byte[] valid, Random random) {
                JsonNode root = tree(valid);
                Slot slot = randomSlot(root, random);
                slot.set(randomValue(random, 2));
                return bytes(root);
            }
        },
        INSERT_A_CONTROL_CHARACTER {
            @Override
            byte[] apply(byte[] valid, Random random) {
                JsonNode root = tree(valid);
                List<Slot> strings = slots(root).stream().filter(s -> s.value().isTextual()).toList();
                Slot slot = strings.get(random.nextInt(strings.size()));
                String text = slot.value().textValue();
                int at = random.nextInt(text.length() + 1);
                char control = random.nextBoolean() ? (char) random.nextInt(0x20) : '\u007f';
                slot.set(JSON.getNodeFactory().textNode(text.substring(0, at) + control + text.substring(at)));
                return bytes(root);
            }
        };

        abstract byte[] apply(byte[] valid, Random random);
    }

    /** A place in a document that holds a value: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static List<Slot> slots(JsonNode root) {
        List<Slot> slots = new java.util.ArrayList<>();
        collectSlots(root, slots);
        return slots;
    }

    private static void collectSlots(JsonNode node, List<Slot> slots) {
        if (node.isObject()) {
            for (String field : fieldNames(node)) {
                slots.add(new Slot(node, field, -1));
                collectSlots(node.get(field), slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i));
                collectSlots(node.get(i), slots);
            }
        }
    }

    /** Mostly a top-level field, so that damage is not always buried in fact_production. */
    private static Slot randomSlot(JsonNode root, Random random) {
        if (random.nextBoolean()) {
            List<String> names = fieldNames(root);
            return new Slot(root, names.get(random.nextInt(names.size())), -1);
        }
        List<Slot> all = slots(root);
        return all.get(random.nextInt(all.size()));
    }

    private static JsonNode randomValue(Random random, int depth) {
        var nodes = JSON.getNodeFactory();
        switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0: return nodes.nullNode();
            case 1: return nodes.booleanNode(random.nextBoolean());
            case 2: return nodes.numberNode(random.nextInt());
            case 3: return nodes.numberNode(random.nextLong());
            case 4: return nodes.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 10));
            case 5: return nodes.textNode(randomText(random));
            case 6: return nodes.numberNode(new java.math.BigInteger(1 + random.nextInt(400), random));
            case 7: {
                ArrayNode array = nodes.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                return array;
            }
            default: {
                ObjectNode object = nodes.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomText(random), randomValue(random, depth - 1));
                }
                return object;
            }
        }
    }

    private static String randomText(Random random) {
        String[] plausible = {"", "baseline", "2024-02-29", "2024-05-01T09:00:00Z", "yesterday", "..", "a/b",
                SampleEvents.REQUEST_EVENT_ID, "x".repeat(65)};
        if (random.nextBoolean()) {
            return plausible[random.nextInt(plausible.length)];
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append((char) random.nextInt(random.nextBoolean() ? 0x80 : 0x10000));
        }
        return text.toString();
    }

    private static byte[] bytes(JsonNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readResource(String path) {
        try (var in = EventCodecTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
