package io.scenarioops.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.RefusedEventException;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.StoredTable;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.model.ScenarioSpec;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.Manifest;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.storage.Sha256;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tables of a plan too large for an event, written by the solver at the scenario's artifact
 * keys: written again for the same request, never over a scenario published for another answer.
 * Against a real S3 server.
 */
@PipelineTest(EmbeddedStack.Component.OBJECT_STORE)
class TableOffloadTest {
    private static final String RUN_CREATED_AT = "2026-11-26T07:59:00.000000+00:00";
    private static final ScenarioSolver SOLVER = new ScenarioSolver(
            Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC), new BaselineFiles(key -> Optional.empty()));

    private ObjectStore store;
    private TableOffload offload;
    private ScenarioRequested request;
    private String prefix;

    @BeforeEach
    void publishAnLpScenario(StackSlice slice) {
        store = slice.objectStore();
        offload = new TableOffload(store);
        request = lpRequest("run-" + EventIds.random().substring(0, 8), RUN_CREATED_AT,
                EventIds.derived("requested", "offload"), new Knobs(1.1, 1.0, 1.0));
        prefix = ObjectLayout.scenarioPrefix(request.dt(), request.runId(), request.scenarioId());
        ScenarioSolved stored = offload.store(SOLVER.solve(request));
        announce(stored);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ScenarioRequested lpRequest(String runId, String runCreatedAt, String eventId, Knobs knobs) {
        ScenarioHeader header = new ScenarioHeader(PipelineEvent.SCHEMA_VERSION, eventId, runId, "2026-11-26",
                runCreatedAt, 3, runCreatedAt, "lp_offloaded");
        return new ScenarioRequested(header, 7, knobs, "offloaded tables", "lp-v1", ScenarioInputs.SEED);
    }

    /** The spec and manifest the publisher writes once the tables are in place (only what the guard reads matters). */
    private void announce(ScenarioSolved stored) {
        byte[] spec = SeedJson.write(new ScenarioSpec(stored.scenarioId(), stored.runCreatedAtUtc(), stored.knobs(),
                stored.notes(), "lp-v1", stored.inputs()));
        store.put(prefix + ObjectLayout.SCENARIO_SPEC, spec, ObjectStore.JSON);
        List<Manifest.Artifact> artifacts = new ArrayList<>();
        artifacts.add(new Manifest.Artifact(ObjectLayout.SCENARIO_SPEC, prefix + ObjectLayout.SCENARIO_SPEC,
                spec.length, Sha256.hex(spec)));
        stored.storedTables().forEach(t -> artifacts.add(new Manifest.Artifact(ObjectLayout.tableArtifact(t.table()),
                prefix + ObjectLayout.tableArtifact(t.table()), t.size(), t.sha256())));
        store.put(prefix + ObjectLayout.MANIFEST, SeedJson.write(new Manifest(Manifest.VERSION, stored.runId(),
                stored.dt(), stored.scenarioId(), stored.seed(), stored.knobs(), stored.lineage().requestEventId(),
                stored.eventId(), stored.generator(), stored.solver(), stored.inputs(), artifacts)), ObjectStore.JSON);
    }

    private Map<String, String> tables() {
        Map<String, String> shaByKey = new TreeMap<>();
        store.list(prefix + "outputs/").forEach(key -> shaByKey.put(key, Sha256.hex(store.get(key).orElseThrow())));
        return shaByKey;
    }

    @Test
    void theSameRequestSolvedAgainWritesTheSameTables() {
        Map<String, String> before = tables();

        ScenarioSolved again = offload.store(SOLVER.solve(request));

        assertEquals(3, before.size(), before.toString());
        assertEquals(before, tables());
        assertEquals(before.values().stream().sorted().toList(),
                again.storedTables().stream().map(StoredTable::sha256).sorted().toList());
    }

    @Test
    void anotherAnswerForThePublishedScenarioWritesNoTable() {
        Map<String, String> before = tables();
        // the request's event id with other knobs, and another request of the same run time
        ScenarioSolved sameRequest = SOLVER.solve(lpRequest(request.runId(), RUN_CREATED_AT, request.eventId(),
                new Knobs(3.0, 1.0, 1.0)));
        ScenarioSolved otherRequest = SOLVER.solve(lpRequest(request.runId(), RUN_CREATED_AT,
                EventIds.derived("requested", "forged"), new Knobs(3.0, 1.0, 1.0)));

        RefusedEventException refusedSame = assertThrows(RefusedEventException.class, () -> offload.store(sameRequest));
        RefusedEventException refusedOther = assertThrows(RefusedEventException.class,
                () -> offload.store(otherRequest));

        String published = "scenario " + request.key() + " was published for request " + request.eventId();
        String production = prefix + ObjectLayout.FACT_PRODUCTION;
        assertTrue(refusedSame.getMessage().startsWith(published + "; solved event " + sameRequest.eventId()
                + " answers the same request but would replace " + ObjectLayout.FACT_PRODUCTION + " (sha256 "
                + before.get(production) + ") with sha256 "), refusedSame.getMessage());
        assertTrue(refusedSame.getMessage().endsWith(": the same request always publishes the same bytes (a new"
                + " solver or generator version gives others: request the run again with run --run-id)"),
                refusedSame.getMessage());
        assertEquals(published + ", made at " + RUN_CREATED_AT + "; solved event " + otherRequest.eventId()
                + " answers request " + otherRequest.lineage().requestEventId() + ", made at " + RUN_CREATED_AT
                + ", which is not a later request of the run", refusedOther.getMessage());
        assertEquals(before, tables());
    }
}
