package io.scenarioops.solver;

import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.StoredTable;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.storage.BucketCheck;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.storage.PublicationGuard;
import io.scenarioops.storage.Sha256;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a large solved scenario out of Kafka's records: its tables are written to the object store
 * as the very artifacts the publisher would write for them (same keys, same bytes) and the event
 * lists them instead. A re-delivered request rewrites the same bytes at the same keys, so a retry
 * or a solve whose transaction aborted leaves nothing wrong behind.
 */
final class TableOffload {
    /**
     * The largest solved event sent with its tables inline. Half of Kafka's 1 MiB record limit: the
     * event's other fields (notes, up to 1,000 characters) never push an offloaded event over it,
     * and lp-v1 on 100 orders x 10 periods (267 KB) still travels inline.
     */
    static final int MAX_INLINE_EVENT_BYTES = 512 * 1024;

    private final ObjectStore store;
    private final BucketCheck bucket;
    private final PublicationGuard guard;

    TableOffload(ObjectStore store) {
        this.store = store;
        this.bucket = new BucketCheck(store);
        this.guard = new PublicationGuard(store, Clock.systemUTC());
    }

    /**
     * Writes {@code solved}'s tables to their artifacts' keys; the event that names them instead.
     * Tables of a scenario published for another answer are not overwritten ({@link PublicationGuard}).
     */
    ScenarioSolved store(ScenarioSolved solved) {
        bucket.ensure();
        String prefix = ObjectLayout.scenarioPrefix(solved.dt(), solved.runId(), solved.scenarioId());
        // rendered again only if the scenario is published: a large plan's tables are not all held at once
        guard.requireTablesReplaceable(new PublicationGuard.Answer(solved.key(), prefix,
                "solved event " + solved.eventId(), solved.lineage().requestEventId(), solved.runCreatedAtUtc()),
                () -> {
                    Map<String, String> sha256ByName = new LinkedHashMap<>();
                    solved.inlineTables().forEach((table, rows) -> sha256ByName.put(ObjectLayout.tableArtifact(table),
                            Sha256.hex(SeedJson.write(rows))));
                    return sha256ByName;
                });
        List<StoredTable> stored = new ArrayList<>();
        for (Map.Entry<String, List<?>> table : solved.inlineTables().entrySet()) {
            byte[] content = SeedJson.write(table.getValue());
            store.put(prefix + ObjectLayout.tableArtifact(table.getKey()), content, ObjectStore.JSON);
            stored.add(new StoredTable(table.getKey(), content.length, Sha256.hex(content)));
        }
        return solved.withStoredTables(stored);
    }
}
