package io.scenarioops.publisher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.storage.Sha256;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A solved event whose tables the solver wrote to the store: the publisher announces it only once
 * those objects are there at the sizes the event names, and its manifest is the one an event
 * carrying the tables inline gives. Against a real S3 server.
 */
@PipelineTest(EmbeddedStack.Component.OBJECT_STORE)
class StoredTablesPublishTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
    private static final ScenarioSolver SOLVER = new ScenarioSolver(CLOCK, new BaselineFiles(key -> Optional.empty()));

    @Test
    void storedTablesArePublishedOnlyWhenInPlaceAndTheManifestIsTheInlineOne(StackSlice slice) {
        ScenarioSolved inline = SOLVER.solve(ScenarioArtifactsTest.lpRequest("run-stored", "lp_stored", Knobs.NEUTRAL,
                "stored tables", 1));
        String prefix = ObjectLayout.scenarioPrefix(inline.dt(), inline.runId(), inline.scenarioId());
        Map<String, byte[]> tables = new LinkedHashMap<>();
        inline.inlineTables().forEach((table, rows) -> tables.put(prefix + ObjectLayout.tableArtifact(table),
                SeedJson.write(rows)));
        ScenarioSolved offloaded = inline.withStoredTables(ScenarioArtifactsTest.storedTables(inline));
        String inventoryKey = prefix + ObjectLayout.FACT_INVENTORY;
        String manifestKey = prefix + ObjectLayout.MANIFEST;
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try (ObjectStore store = slice.objectStore()) {
            ScenarioPublisher publisher = new ScenarioPublisher(store, writers, CLOCK);
            tables.forEach((key, content) -> {
                if (!key.equals(inventoryKey)) {
                    store.put(key, content, ObjectStore.JSON);
                }
            });

            InvalidInputException missing = assertThrows(InvalidInputException.class, () -> publisher.publish(offloaded));
            assertEquals("stored_tables: no object at " + inventoryKey + ", which the solved event says the solver wrote",
                    missing.getMessage());
            assertEquals(Optional.empty(), store.get(manifestKey), "no manifest announces a missing table");

            byte[] inventory = tables.get(inventoryKey);
            store.put(inventoryKey, Arrays.copyOf(inventory, inventory.length - 1), ObjectStore.JSON);
            InvalidInputException truncated = assertThrows(InvalidInputException.class,
                    () -> publisher.publish(offloaded));
            assertEquals("stored_tables: the object at " + inventoryKey + " has " + (inventory.length - 1)
                    + " bytes, not the " + inventory.length + " the solved event names", truncated.getMessage());
            assertEquals(Optional.empty(), store.get(manifestKey), "no manifest announces a truncated table");

            store.put(inventoryKey, inventory, ObjectStore.JSON);
            ScenarioPublished published = publisher.publish(offloaded);
            byte[] manifest = store.get(manifestKey).orElseThrow();
            assertEquals(Sha256.hex(manifest), published.manifestSha256());
            assertArrayEquals(ScenarioArtifacts.render(inline).manifest().content(), manifest,
                    "the manifest of stored tables is the manifest of the same tables inline");
            tables.forEach((key, content) -> assertArrayEquals(content, store.get(key).orElseThrow(), key));
        } finally {
            writers.shutdownNow();
        }
    }
}
