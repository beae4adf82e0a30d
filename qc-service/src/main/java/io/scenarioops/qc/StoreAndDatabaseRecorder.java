package io.scenarioops.qc;

import io.scenarioops.kafka.Failures;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.report.RunReportData;
import io.scenarioops.report.RunReportHtml;
import io.scenarioops.runstore.CheckRecord;
import io.scenarioops.runstore.RunRecord;
import io.scenarioops.runstore.RunWriter;
import io.scenarioops.runstore.ScenarioRecord;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records QC results as rows in PostgreSQL (upserts) and, per completed run, {@code run_metadata.json}
 * and the run's {@code report.html} in the bucket.
 */
public final class StoreAndDatabaseRecorder implements QcRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(StoreAndDatabaseRecorder.class);

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

    /**
     * Writes {@code run_metadata.json}, then {@code report.html} rendered from the same records (its
     * scenario entries are the report's own type, so nothing is parsed again), then completes the
     * run's row. A store outage propagates and QC retries the whole step; both writes are idempotent.
     */
    @Override
    public String runCompleted(RunMetadata metadata) {
        String key = ObjectLayout.runMetadataKey(metadata.dt(), metadata.runId());
        store.put(key, SeedJson.write(metadata), ObjectStore.JSON);
        report(metadata, key).ifPresent(html -> putReport(metadata, html));
        runs.completeRun(new RunRecord(metadata.runId(), metadata.dt(), metadata.createdAtUtc(),
                metadata.scenarioCount(), metadata.status(), key, metadata.completedAtUtc()));
        return key;
    }

    /**
     * An outage is retried with the whole step, like the other writes; a refusal of this one object
     * would be refused again on every retry, and must not keep a run whose results are written from
     * completing.
     */
    private void putReport(RunMetadata metadata, byte[] html) {
        String reportKey = ObjectLayout.runReportKey(metadata.dt(), metadata.runId());
        try {
            store.put(reportKey, html, ObjectStore.HTML);
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            LOG.error("could not write {}; the run completes without it (`scenarioops report RUN_ID` renders it)",
                    reportKey, e);
        }
    }

    /**
     * The report's bytes, or empty if it cannot be rendered. Rendering is a pure function of the
     * metadata: a failure is a bug that a retry would repeat, so it must not hold up the run, whose
     * results are all in run_metadata.json; {@code scenarioops report} renders it again once fixed.
     */
    private static Optional<byte[]> report(RunMetadata metadata, String metadataKey) {
        try {
            return Optional.of(RunReportHtml.render(new RunReportData(metadata.runId(), metadata.dt(),
                    metadata.createdAtUtc(), metadata.completedAtUtc(), metadata.status(), metadata.scenarioCount(),
                    metadata.scenarios(), metadata.scenarioResults(), metadata.solverComparison(), metadataKey))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.error("could not render the report of {}; the run completes without report.html "
                    + "(its results are all in run_metadata.json; `scenarioops report RUN_ID` renders it)",
                    metadataKey, e);
            return Optional.empty();
        }
    }
}
