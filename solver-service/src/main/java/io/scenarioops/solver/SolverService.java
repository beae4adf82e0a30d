package io.scenarioops.solver;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TransactionalStage;
import io.scenarioops.kafka.metrics.Telemetry;
import io.scenarioops.kafka.service.ReadinessCheck;
import io.scenarioops.kafka.service.Service;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectStore;
import java.time.Clock;
import java.util.List;

/**
 * The solver service: a member of consumer group {@value #GROUP_ID} (after the topic prefix); more instances with the same
 * group share the scenario partitions. It reads planners' baseline files from the object store, by the reference a
 * request carries, and writes there the tables of a scenario too large to travel in its event.
 */
public final class SolverService implements Service {
    public static final String GROUP_ID = "scenarioops-solver";

    private final ObjectStore store;
    private final TransactionalStage stage;

    /** The process's only solver, its meters unread. */
    public SolverService(KafkaSettings kafka, ObjectStoreSettings objectStore) {
        this(kafka, objectStore, Telemetry.unregistered());
    }

    /** The process's only solver. */
    public SolverService(KafkaSettings kafka, ObjectStoreSettings objectStore, Telemetry telemetry) {
        this(kafka, objectStore, options(new TopicCatalog(kafka.topicPrefix())), telemetry);
    }

    /** Solver {@code instanceIndex} of several in this process, its meters unread. */
    public SolverService(KafkaSettings kafka, ObjectStoreSettings objectStore, int instanceIndex) {
        this(kafka, objectStore, instanceIndex, Telemetry.unregistered());
    }

    /** Solver {@code instanceIndex} of several in this process; their meters add up under one service tag. */
    public SolverService(KafkaSettings kafka, ObjectStoreSettings objectStore, int instanceIndex,
            Telemetry telemetry) {
        this(kafka, objectStore, options(new TopicCatalog(kafka.topicPrefix())).withInstanceIndex(instanceIndex),
                telemetry);
    }

    private SolverService(KafkaSettings kafka, ObjectStoreSettings objectStore, TransactionalStage.Options options,
            Telemetry telemetry) {
        TopicCatalog topics = new TopicCatalog(kafka.topicPrefix());
        this.store = new ObjectStore(objectStore);
        this.stage = new TransactionalStage(kafka, options,
                new SolverHandler(topics, new ScenarioSolver(Clock.systemUTC(), new BaselineFiles(store::get)),
                        new TableOffload(store)),
                telemetry);
    }

    static TransactionalStage.Options options(TopicCatalog topics) {
        return TransactionalStage.Options.defaults(ScenarioSolver.STAGE, topics.prefix() + GROUP_ID,
                topics.scenarioRequested().name(), topics.deadLetter());
    }

    @Override
    public String name() {
        return stage.name();
    }

    @Override
    public void start() {
        stage.start();
    }

    @Override
    public void stop() {
        stage.stop();
        store.close();
    }

    /** The stage's checks, and the object store the baseline files are read from and large tables written to. */
    @Override
    public List<ReadinessCheck> readinessChecks() {
        return stage.readinessChecksWith(new ReadinessCheck(ReadinessCheck.OBJECT_STORE, store::verifyReachable));
    }

    /** Whether the service is consuming: started and not stopped, by a call or by a failure. */
    public boolean isRunning() {
        return stage.isRunning();
    }

    @Override
    public Throwable awaitTermination() throws InterruptedException {
        return stage.awaitTermination();
    }
}
