package io.scenarioops.solver;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TransactionalStage;
import io.scenarioops.kafka.service.Service;
import java.time.Clock;

/**
 * The solver service: a member of consumer group {@value #GROUP_ID} (after the topic prefix); more instances with the same
 * group share the scenario partitions.
 */
public final class SolverService implements Service {
    public static final String GROUP_ID = "scenarioops-solver";

    private final TransactionalStage stage;

    public SolverService(KafkaSettings kafka) {
        TopicCatalog topics = new TopicCatalog(kafka.topicPrefix());
        this.stage = new TransactionalStage(kafka, options(topics),
                new SolverHandler(topics, new ScenarioSolver(Clock.systemUTC())));
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
    }

    @Override
    public Throwable awaitTermination() throws InterruptedException {
        return stage.awaitTermination();
    }
}
