package io.scenarioops.console;

import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.runstore.RunRecord;
import io.scenarioops.runstore.RunStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The runs the console shows: those recorded in PostgreSQL (by QC, from any producer), plus the
 * ones this console published that QC has not recorded yet (status {@value #STATUS_REQUESTED}),
 * so that a run is listed from the moment it is requested.
 */
final class RunCatalog {
    static final String STATUS_REQUESTED = "requested";
    /** Requests QC never records (e.g. every scenario dead-lettered) must not pile up in memory. */
    private static final int MAX_REQUESTED = 1_000;

    private final RunStoreAccess runStore;
    private final RunPublisher publisher;
    private final Supplier<ObjectStoreSettings> objectStore;
    private final Map<String, RunRecord> requested = new LinkedHashMap<>();

    RunCatalog(RunStoreAccess runStore, RunPublisher publisher, Supplier<ObjectStoreSettings> objectStore) {
        this.runStore = runStore;
        this.publisher = publisher;
        this.objectStore = objectStore;
    }

    /** Publishes the run (all its events in one transaction) and lists it as requested. */
    void publish(RunPlan plan) {
        publisher.publish(plan, objectStore);
        synchronized (requested) {
            requested.put(plan.runId(), new RunRecord(plan.runId(), plan.dt(), plan.createdAtUtc(),
                    plan.scenarios().size(), STATUS_REQUESTED, null, null));
            if (requested.size() > MAX_REQUESTED) {
                requested.remove(requested.keySet().iterator().next());
            }
        }
    }

    /** At most {@code limit} runs, newest first. */
    List<RunRecord> recent(int limit) {
        List<RunRecord> recorded = runStore.queries().recentRuns(limit);
        List<RunRecord> runs = new ArrayList<>(recorded);
        synchronized (requested) {
            recorded.forEach(run -> requested.remove(run.runId()));
            runs.addAll(requested.values());
        }
        runs.sort(Comparator.comparing(RunRecord::createdAtUtc).reversed().thenComparing(RunRecord::runId));
        return runs.size() > limit ? runs.subList(0, limit) : runs;
    }

    /** The run and the scenarios QC has recorded so far; a requested run has none yet. */
    Optional<RunStatus> find(String runId) {
        Optional<RunStatus> recorded = runStore.queries().findRun(runId);
        synchronized (requested) {
            if (recorded.isPresent()) {
                requested.remove(runId);
                return recorded;
            }
            return Optional.ofNullable(requested.get(runId)).map(run -> new RunStatus(run, List.of()));
        }
    }

    /** How many of the run's scenarios QC has checked. */
    int checked(String runId) {
        return runStore.queries().countScenarios(runId);
    }
}
