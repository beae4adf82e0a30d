package io.scenarioops.publisher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.events.EventCodec;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.StoredTable;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.model.ToySolver;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.Manifest;
import io.scenarioops.storage.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a solved scenario becomes in the object store, without any server. */
class ScenarioArtifactsTest {
    static final String RUN_ID = "run-artifacts";
    static final String DT = "2026-11-26";
    static final String RUN_CREATED_AT = "2026-11-26T07:59:00.000000+00:00";
    static final String SCENARIO_ID = "demand_up_10";
    static final String NOTES = "Demand +10%";
    static final String PREFIX = "runs/dt=" + DT + "/run_id=" + RUN_ID + "/scenario_id=" + SCENARIO_ID + "/";
    static final List<String> ARTIFACT_NAMES = List.of(
            "inputs/scenario_spec.json",
            "inputs/baseline_summary.json",
            "outputs/fact_production.json",
            "outputs/kpi_total.json",
            "outputs/kpi_cost_breakdown.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScenarioSolver SOLVER =
            new ScenarioSolver(Clock.fixed(Instant.parse("2026-11-26T08:00:00.123456Z"), ZoneOffset.UTC), new BaselineFiles(key -> Optional.empty()));

    private final ScenarioRequested request = request(RUN_ID, SCENARIO_ID, new Knobs(1.1, 1.0, 1.0), NOTES, 3);
    private final ScenarioSolved solved = SOLVER.solve(request);

    static ScenarioRequested request(String runId, String scenarioId, Knobs knobs, String notes, int scenarioCount) {
        ScenarioHeader header = new ScenarioHeader(PipelineEvent.SCHEMA_VERSION,
                EventIds.derived("requested", runId + "/" + scenarioId), runId, DT, "2026-11-26T07:59:30.000000+00:00",
                scenarioCount, RUN_CREATED_AT, scenarioId);
        return new ScenarioRequested(header, 7, knobs, notes);
    }

    /** {@link #request} choosing lp-v1 on the seed's instance. */
    static ScenarioRequested lpRequest(String runId, String scenarioId, Knobs knobs, String notes, int scenarioCount) {
        ScenarioRequested toy = request(runId, scenarioId, knobs, notes, scenarioCount);
        return new ScenarioRequested(toy.header(), toy.seed(), knobs, notes, "lp-v1", ScenarioInputs.SEED);
    }

    /** The tables of {@code solved} as the solver names them once it has written their artifacts. */
    static List<StoredTable> storedTables(ScenarioSolved solved) {
        List<StoredTable> stored = new ArrayList<>();
        solved.inlineTables().forEach((table, rows) -> {
            byte[] content = SeedJson.write(rows);
            stored.add(new StoredTable(table, content.length, Sha256.hex(content)));
        });
        return stored;
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void keysAreTheSeedLayoutBelowTheScenarioPrefixPlusTheManifest() {
        ScenarioArtifacts.Rendered rendered = ScenarioArtifacts.render(solved);

        assertEquals(PREFIX, rendered.scenarioPrefix());
        assertEquals(ARTIFACT_NAMES, rendered.artifacts().stream().map(ScenarioArtifacts.Artifact::name).toList());
        assertEquals(ARTIFACT_NAMES.stream().map(name -> PREFIX + name).toList(),
                rendered.artifacts().stream().map(ScenarioArtifacts.Artifact::key).toList());
        assertEquals("manifest.json", rendered.manifest().name());
        assertEquals(PREFIX + "manifest.json", rendered.manifest().key());
    }

    @Test
    void renderingIsDeterministicAlsoAfterAKafkaRoundTrip() {
        ScenarioArtifacts.Rendered first = ScenarioArtifacts.render(solved);
        ScenarioArtifacts.Rendered second = ScenarioArtifacts.render(solved);
        // What a re-delivered record renders: the event as the publisher decodes it from the topic.
        ScenarioSolved redelivered = EventCodec.SCENARIO_SOLVED.decode(EventCodec.SCENARIO_SOLVED.encode(solved));
        ScenarioArtifacts.Rendered third = ScenarioArtifacts.render(redelivered);
        // The same request solved again later: only occurred_at_utc differs, which no artifact holds.
        ScenarioSolved solvedLater = new ScenarioSolver(
                Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC), new BaselineFiles(key -> Optional.empty())).solve(request);
        ScenarioArtifacts.Rendered fourth = ScenarioArtifacts.render(solvedLater);

        for (ScenarioArtifacts.Rendered other : List.of(second, third, fourth)) {
            assertEquals(bytesByKey(first), bytesByKey(other));
            for (int i = 0; i < first.artifacts().size(); i++) {
                assertArrayEquals(first.artifacts().get(i).content(), other.artifacts().get(i).content(),
                        first.artifacts().get(i).name());
            }
            assertArrayEquals(first.manifest().content(), other.manifest().content(), "manifest.json");
        }
    }

    @Test
    void manifestListsEveryArtifactWithItsSizeAndHashAndTheLineage() throws Exception {
        ScenarioArtifacts.Rendered rendered = ScenarioArtifacts.render(solved);
        JsonNode manifest = JSON.readTree(rendered.manifest().content());

        assertEquals(1, manifest.get("manifest_version").asInt());
        assertEquals(RUN_ID, manifest.get("run_id").asText());
        assertEquals(DT, manifest.get("dt").asText());
        assertEquals(SCENARIO_ID, manifest.get("scenario_id").asText());
        assertEquals(7, manifest.get("seed").asLong());
        assertEquals(1.1, manifest.get("knobs").get("demand_scale").doubleValue());
        assertEquals(1.0, manifest.get("knobs").get("variable_cost_scale").doubleValue());
        assertEquals(1.0, manifest.get("knobs").get("logistics_cost_scale").doubleValue());
        assertEquals(request.eventId(), manifest.get("request_event_id").asText());
        assertEquals(solved.eventId(), manifest.get("solved_event_id").asText());
        assertEquals(EventIds.derived("solver", request.eventId()), manifest.get("solved_event_id").asText());
        assertEquals(BaselineGenerator.COMPONENT.name(), manifest.get("generator").get("name").asText());
        assertEquals(BaselineGenerator.COMPONENT.version(), manifest.get("generator").get("version").asText());
        assertEquals("seed-baseline", manifest.get("generator").get("name").asText());
        assertEquals(ToySolver.COMPONENT.name(), manifest.get("solver").get("name").asText());
        assertEquals(ToySolver.COMPONENT.version(), manifest.get("solver").get("version").asText());
        assertEquals("toy-v1", manifest.get("solver").get("name").asText());

        JsonNode entries = manifest.get("artifacts");
        assertEquals(5, entries.size());
        for (int i = 0; i < 5; i++) {
            ScenarioArtifacts.Artifact artifact = rendered.artifacts().get(i);
            JsonNode entry = entries.get(i);
            assertEquals(ARTIFACT_NAMES.get(i), entry.get("name").asText());
            assertEquals(PREFIX + ARTIFACT_NAMES.get(i), entry.get("key").asText());
            assertEquals(artifact.content().length, entry.get("size").asLong(), artifact.name());
            assertEquals(sha256(artifact.content()), entry.get("sha256").asText(), artifact.name());
            assertTrue(entry.get("sha256").asText().matches("[0-9a-f]{64}"), entry.get("sha256").asText());
        }
        // Publish-time values would break byte-identical re-publishing.
        assertFalse(new String(rendered.manifest().content(), StandardCharsets.UTF_8).contains(solved.occurredAtUtc()));
    }

    @Test
    void scenarioSpecIsTheSeedsFileByteForByte() {
        ScenarioArtifacts.Artifact spec = ScenarioArtifacts.render(solved).artifacts().get(0);

        assertEquals("inputs/scenario_spec.json", spec.name());
        assertEquals("""
                {
                  "created_at_utc": "2026-11-26T07:59:00.000000+00:00",
                  "knobs": {
                    "demand_scale": 1.1,
                    "logistics_cost_scale": 1.0,
                    "variable_cost_scale": 1.0
                  },
                  "notes": "Demand +10%",
                  "scenario_id": "demand_up_10"
                }""", new String(spec.content(), StandardCharsets.UTF_8));
    }

    @Test
    void outputsHoldTheSolversValues() throws Exception {
        ScenarioArtifacts.Rendered rendered = ScenarioArtifacts.render(solved);
        JsonNode kpiTotal = JSON.readTree(rendered.artifacts().get(3).content());
        assertEquals(solved.kpiTotal().totalCost(), kpiTotal.get("total_cost").doubleValue());
        assertEquals(solved.kpiTotal().chosenSite(), kpiTotal.get("chosen_site").asText());
        assertEquals(solved.kpiTotal().totalDemand(), kpiTotal.get("total_demand").doubleValue());
        assertEquals(solved.kpiTotal().totalCapacity(), kpiTotal.get("total_capacity").doubleValue());
        assertEquals(solved.kpiTotal().capacityUtilization(), kpiTotal.get("capacity_utilization").doubleValue());

        JsonNode facts = JSON.readTree(rendered.artifacts().get(2).content());
        assertTrue(facts.isArray());
        assertEquals(solved.factProduction().size(), facts.size());
        assertTrue(facts.size() > 0);
    }

    @Test
    void jsonIsTwoSpaceIndentedWithSortedKeysAndNoTrailingNewline() throws Exception {
        ScenarioArtifacts.Rendered rendered = ScenarioArtifacts.render(solved);
        String kpiTotal = new String(rendered.artifacts().get(3).content(), StandardCharsets.UTF_8);
        assertTrue(kpiTotal.startsWith("{\n  \"capacity_utilization\": "), kpiTotal);
        assertEquals(List.of("capacity_utilization", "chosen_site", "total_capacity", "total_cost", "total_demand"),
                fieldNames(JSON.readTree(kpiTotal)));

        List<ScenarioArtifacts.Artifact> all = new ArrayList<>(rendered.artifacts());
        all.add(rendered.manifest());
        for (ScenarioArtifacts.Artifact artifact : all) {
            String text = new String(artifact.content(), StandardCharsets.UTF_8);
            assertIndentedByTwo(artifact.name(), text);
            assertKeysSorted(artifact.name(), JSON.readTree(text));
            assertFalse(text.endsWith("\n"), artifact.name() + " ends with a newline");
            assertTrue(text.chars().allMatch(c -> c < 0x80), artifact.name() + " is ASCII (ensure_ascii)");
        }
    }

    @Test
    void failedScenarioIsRefusedNamingTheStage() {
        ScenarioSolved failed = SOLVER.failed(request, "infeasible model");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScenarioArtifacts.render(failed));
        assertTrue(e.getMessage().contains("solver"), e.getMessage());
        assertTrue(e.getMessage().contains(RUN_ID + "/" + SCENARIO_ID), e.getMessage());
    }

    @Test
    void tablesTheSolverStoredAreListedAsTheEventNamesThemAndTheManifestIsUnchanged() throws Exception {
        ScenarioSolved inline = SOLVER.solve(lpRequest(RUN_ID, SCENARIO_ID, Knobs.NEUTRAL, NOTES, 3));
        ScenarioSolved offloaded = inline.withStoredTables(storedTables(inline));

        ScenarioArtifacts.Rendered all = ScenarioArtifacts.render(inline);
        ScenarioArtifacts.Rendered rest = ScenarioArtifacts.render(offloaded);

        List<String> tables = List.of("outputs/fact_production.json", "outputs/fact_delivery.json",
                "outputs/fact_inventory.json");
        assertEquals(List.of("inputs/scenario_spec.json", "inputs/baseline_summary.json", "outputs/kpi_total.json",
                "outputs/kpi_cost_breakdown.json"), rest.artifacts().stream().map(ScenarioArtifacts.Artifact::name).toList());
        assertEquals(tables, rest.storedBySolver().stream().map(Manifest.Artifact::name).toList());
        assertEquals(tables.stream().map(name -> PREFIX + name).toList(),
                rest.storedBySolver().stream().map(Manifest.Artifact::key).toList());
        for (Manifest.Artifact table : rest.storedBySolver()) {
            ScenarioArtifacts.Artifact rendered = all.artifacts().stream()
                    .filter(a -> a.name().equals(table.name())).findFirst().orElseThrow();
            assertEquals(rendered.content().length, table.size(), table.name());
            assertEquals(sha256(rendered.content()), table.sha256(), table.name());
        }
        assertArrayEquals(all.manifest().content(), rest.manifest().content(),
                "the manifest is the same whichever way the tables travelled");
        assertEquals(List.of(), all.storedBySolver());
    }

    @Test
    void differentKnobsGiveDifferentOutputs() {
        ScenarioSolved neutral = SOLVER.solve(request(RUN_ID, SCENARIO_ID, Knobs.NEUTRAL, NOTES, 3));
        assertNotEquals(sha(ScenarioArtifacts.render(neutral).artifacts().get(3).content()),
                sha(ScenarioArtifacts.render(solved).artifacts().get(3).content()));
    }

    private static String sha(byte[] content) {
        try {
            return sha256(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> bytesByKey(ScenarioArtifacts.Rendered rendered) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ScenarioArtifacts.Artifact a : rendered.artifacts()) {
            out.put(a.key(), sha(a.content()));
        }
        out.put(rendered.manifest().key(), sha(rendered.manifest().content()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every object's keys in sorted order, at every depth. */
    private static void assertKeysSorted(String file, JsonNode node) {
        if (node.isObject()) {
            List<String> names = fieldNames(node);
            assertEquals(names.stream().sorted().toList(), names, file + ": keys not sorted");
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                assertKeysSorted(file, it.next());
            }
        } else if (node.isArray()) {
            node.forEach(child -> assertKeysSorted(file, child));
        }
    }

    /** One value per line, indented by two spaces per level of nesting, as json.dumps(indent=2) does. */
    private static void assertIndentedByTwo(String file, String text) {
        int depth = 0;
        String[] lines = text.split("\n", -1);
        assertTrue(lines.length > 1, file + " is pretty-printed");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("}") || trimmed.startsWith("]")) {
                depth--;
            }
            assertEquals(2 * depth, line.length() - trimmed.length(), file + " line " + (i + 1) + ": " + line);
            if (trimmed.endsWith("{") || trimmed.endsWith("[")) {
                depth++;
            }
        }
        assertEquals(0, depth, file + " is balanced");
    }
}
