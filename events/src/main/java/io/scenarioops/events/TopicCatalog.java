package io.scenarioops.events;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The pipeline's topics: names (with the deployment's optional prefix), partition counts and the
 * codec of each value. Scenario topics have {@value #SCENARIO_TOPIC_PARTITIONS} partitions so that
 * up to that many solver instances share the work.
 */
public final class TopicCatalog {
    public static final int SCENARIO_TOPIC_PARTITIONS = 12;
    public static final int RUN_TOPIC_PARTITIONS = 3;
    public static final int DEAD_LETTER_PARTITIONS = 3;

    /** A topic whose values are events of one type. */
    public record EventTopic<T extends PipelineEvent>(String name, int partitions, EventCodec<T> codec) {
    }

    private final EventTopic<ScenarioRequested> scenarioRequested;
    private final EventTopic<ScenarioSolved> scenarioSolved;
    private final EventTopic<ScenarioPublished> scenarioPublished;
    private final EventTopic<RunCompleted> runCompleted;
    private final String prefix;
    private final String deadLetter;
    private final String qcRunInputs;

    public TopicCatalog(String prefix) {
        String p = prefix == null ? "" : prefix;
        this.prefix = p;
        scenarioRequested = new EventTopic<>(p + "scenario-requested", SCENARIO_TOPIC_PARTITIONS,
                EventCodec.SCENARIO_REQUESTED);
        scenarioSolved = new EventTopic<>(p + "scenario-solved", SCENARIO_TOPIC_PARTITIONS,
                EventCodec.SCENARIO_SOLVED);
        scenarioPublished = new EventTopic<>(p + "scenario-published", SCENARIO_TOPIC_PARTITIONS,
                EventCodec.SCENARIO_PUBLISHED);
        runCompleted = new EventTopic<>(p + "run-completed", RUN_TOPIC_PARTITIONS, EventCodec.RUN_COMPLETED);
        deadLetter = p + "scenario-dlq";
        qcRunInputs = p + "scenarioops-qc-run-inputs";
    }

    /** The deployment's prefix; consumer groups and the QC application id carry it too. */
    public String prefix() {
        return prefix;
    }

    public EventTopic<ScenarioRequested> scenarioRequested() {
        return scenarioRequested;
    }

    public EventTopic<ScenarioSolved> scenarioSolved() {
        return scenarioSolved;
    }

    public EventTopic<ScenarioPublished> scenarioPublished() {
        return scenarioPublished;
    }

    public EventTopic<RunCompleted> runCompleted() {
        return runCompleted;
    }

    /** Values are the original bytes; {@link DeadLetters} headers say where they came from and why. */
    public String deadLetter() {
        return deadLetter;
    }

    /**
     * QC's own topic between its checks and its runs' aggregation: requests and checked scenarios
     * keyed by run id, JSON only QC reads. Named under QC's application id, whose ACLs cover it.
     */
    public String qcRunInputs() {
        return qcRunInputs;
    }

    public List<NewTopic> newTopics(short replicationFactor) {
        return List.of(
                new NewTopic(scenarioRequested.name(), scenarioRequested.partitions(), replicationFactor),
                new NewTopic(scenarioSolved.name(), scenarioSolved.partitions(), replicationFactor),
                new NewTopic(scenarioPublished.name(), scenarioPublished.partitions(), replicationFactor),
                new NewTopic(runCompleted.name(), runCompleted.partitions(), replicationFactor),
                new NewTopic(deadLetter, DEAD_LETTER_PARTITIONS, replicationFactor),
                new NewTopic(qcRunInputs, SCENARIO_TOPIC_PARTITIONS, replicationFactor));
    }
}
