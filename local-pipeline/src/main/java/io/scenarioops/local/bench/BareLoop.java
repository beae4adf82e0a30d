package io.scenarioops.local.bench;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.publisher.ScenarioPublisher;
import io.scenarioops.qc.QualityGate;
import io.scenarioops.qc.ScenarioQcResult;
import io.scenarioops.qc.StoreAndDatabaseRecorder;
import io.scenarioops.runstore.RunDatabase;
import io.scenarioops.runstore.RunWriter;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The pipeline's work without Kafka: for each scenario the solver's solve, the publisher's
 * artifact bytes and writes to the same object store, QC's read-back and checks, and QC's
 * PostgreSQL upserts, by the same classes the services use, on a thread pool as wide as the
 * publisher's. What the pipeline does beyond this (events, transactions, the hops between
 * stages) is its overhead.
 */
final class BareLoop implements AutoCloseable {
    /** As many scenarios at once as the publisher works on. */
    private static final int WORKERS = 8;
    private static final int WRITERS = WORKERS * 5;

    private final ObjectStore store;
    private final RunDatabase database;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, BenchThreads.daemon("bare-loop"));
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, BenchThreads.daemon("bare-loop-writer"));
    private final ScenarioSolver solver;
    private final ScenarioPublisher publisher;
    private final StoreAndDatabaseRecorder recorder;

    BareLoop(ScenarioOpsConfig config) {
        this.store = new ObjectStore(config.objectStore());
        this.database = RunDatabase.openAndMigrate(config.postgres());
        this.solver = new ScenarioSolver(Clock.systemUTC(), new BaselineFiles(store::get));
        this.publisher = new ScenarioPublisher(store, writers, Clock.systemUTC());
        this.recorder = new StoreAndDatabaseRecorder(store, new RunWriter(database));
    }

    /** Seconds to solve, publish, check and record every scenario of the plan; fails unless all pass. */
    double secondsFor(RunPlan plan) {
        long start = System.nanoTime();
        List<Future<ScenarioQcResult>> results = new ArrayList<>();
        for (ScenarioRequested request : plan.events()) {
            results.add(workers.submit(() -> solvePublishCheck(request)));
        }
        for (Future<ScenarioQcResult> result : results) {
            ScenarioQcResult checked = BenchThreads.await(result, "bare loop");
            if (!checked.verdict().equals(ScenarioQcResult.PASSED)) {
                throw new IllegalStateException("bare loop: scenario " + checked.scenarioId() + " failed "
                        + checked.failedChecks());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private ScenarioQcResult solvePublishCheck(ScenarioRequested request) {
        ScenarioSolved solved = solver.solve(request);
        ScenarioPublished published = publisher.publish(solved);
        QualityGate.Inspection inspection = QualityGate.inspect(published, store::get);
        ScenarioQcResult result = ScenarioQcResult.of(published, inspection,
                Timestamps.utc(Clock.systemUTC().instant()));
        recorder.scenarioChecked(result);
        return result;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        writers.shutdownNow();
        database.close();
        store.close();
    }
}
