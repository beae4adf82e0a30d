package io.scenarioops.qc;

import io.scenarioops.model.json.SeedJson;
import io.scenarioops.runstore.CheckRecord;
import io.scenarioops.runstore.RunRecord;
import io.scenarioops.runstore.RunWriter;
import io.scenarioops.runstore.ScenarioRecord;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;

/** Records QC results as rows in PostgreSQL (upserts) and run metadata in the bucket. */
public final class StoreAndDatabaseRecorder implements QcRecorder {
    private final ObjectStore store;
    private final RunWriter runs;

    public StoreAndDatabaseRecorder(ObjectStore store, RunWriter runs) {
        this.store = store;
        this.runs = runs;
    }

    @Override
    public void scenarioChecked(ScenarioQcResult r) {
        runs.recordScenario(new ScenarioRecord(r.runId(), r.dt(), r.runCreatedAtUtc(), r.scenarioCount(),
                        r.scenarioId(), r.seed(), r.knobs(), r.notes(), r.kpiTotal(), r.kpiCostBreakdown(), r.verdict(),
                        r.failedChecks(), r.artifactPrefix(), r.requestedAtUtc(), r.solvedAtUtc(), r.publishedAtUtc(),
                        r.checkedAtUtc(), r.solver()),
                r.checks().stream().map(c -> new CheckRecord(c.name(), c.passed(), c.detail())).toList());
    }

    @Override
    public String runCompleted(RunMetadata metadata) {
        String key = ObjectLayout.runMetadataKey(metadata.dt(), metadata.runId());
        store.put(key, SeedJson.write(metadata), ObjectStore.JSON);
        runs.completeRun(new RunRecord(metadata.runId(), metadata.dt(), metadata.createdAtUtc(),
                metadata.scenarioCount(), metadata.status(), key, metadata.completedAtUtc()));
        return key;
    }
}
