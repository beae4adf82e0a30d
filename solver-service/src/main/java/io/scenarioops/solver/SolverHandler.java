package io.scenarioops.solver;

import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.events.TopicCatalog.EventTopic;
import io.scenarioops.kafka.TransactionalStage.RecordHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Kafka side of the solver: {@code scenario-requested} in, {@code scenario-solved} out, same key. */
final class SolverHandler implements RecordHandler {
    private final EventTopic<ScenarioRequested> input;
    private final EventTopic<ScenarioSolved> output;
    private final ScenarioSolver solver;

    SolverHandler(TopicCatalog topics, ScenarioSolver solver) {
        this.input = topics.scenarioRequested();
        this.output = topics.scenarioSolved();
        this.solver = solver;
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) {
        return List.of(solvedRecord(solver.solve(input.codec().decode(record.key(), record.value()))));
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> onPermanentFailure(ConsumerRecord<byte[], byte[]> record,
            Exception error) {
        try {
            ScenarioRequested request = input.codec().decode(record.key(), record.value());
            return List.of(solvedRecord(solver.failed(request, DeadLetters.describe(error))));
        } catch (InvalidEventException unreadable) {
            return List.of();
        }
    }

    private ProducerRecord<byte[], byte[]> solvedRecord(ScenarioSolved solved) {
        return new ProducerRecord<>(output.name(), solved.key().getBytes(StandardCharsets.UTF_8),
                output.codec().encode(solved));
    }
}
