package io.scenarioops.solver;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TransactionalStage;
import io.scenarioops.kafka.service.Service;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectStore;
import java.time.Clock;

/**
 * The solver service: a member of consumer group {@value #GROUP_ID} (after the topic prefix); more instances with the same
 * group share the scenario partitions. It reads planners' baseline files from the object store, by the reference a
 * request carries.
 */
public final class SolverService implements Service {
    public static final String GROUP_ID = "scenarioops-solver";

    private final ObjectStore store;
    private final TransactionalStage stage;

    /** The process's only solver. */
    public SolverService(KafkaSettings kafka, ObjectStoreSettings objectStore) {
        this(kafka, objectStore, options(new TopicCatalog(kafka.topicPrefix())));
    }

    /** Solver {@code instanceIndex} of several in this process. */
    public SolverService(KafkaSettings kafka, ObjectStoreSettings objectStore, int instanceIndex) {
        this(kafka, objectStore, options(new TopicCatalog(kafka.topicPrefix())).withInstanceIndex(instanceIndex));
    }

    private SolverService(KafkaSettings kafka, ObjectStoreSettings objectStore, TransactionalStage.Options options) {
        TopicCatalog topics = new TopicCatalog(kafka.topicPrefix());
        this.store = new ObjectStore(objectStore);
        this.stage = new TransactionalStage(kafka, options,
                new SolverHandler(topics, new ScenarioSolver(Clock.systemUTC(), new BaselineFiles(store::get))));
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

    /** Whether the service is consuming: started and not stopped, by a call or by a failure. */
    public boolean isRunning() {
        return stage.isRunning();
    }

    @Override
    public Throwable awaitTermination() throws InterruptedException {
        return stage.awaitTermination();
    }
}
