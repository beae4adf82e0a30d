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
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka side of the solver: {@code scenario-requested} in, {@code scenario-solved} out, same key;
 * a solved event too large for a record sends its tables through the object store.
 */
final class SolverHandler implements RecordHandler {
    private final EventTopic<ScenarioRequested> input;
    private final EventTopic<ScenarioSolved> output;
    private final ScenarioSolver solver;
    private final TableOffload tables;

    SolverHandler(TopicCatalog topics, ScenarioSolver solver, TableOffload tables) {
        this.input = topics.scenarioRequested();
        this.output = topics.scenarioSolved();
        this.solver = solver;
        this.tables = tables;
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) {
        ScenarioSolved solved = solver.solve(input.codec().decode(record.key(), record.value()));
        Optional<byte[]> inline = output.codec().encodeWithin(solved, TableOffload.MAX_INLINE_EVENT_BYTES);
        if (inline.isPresent()) {
            return List.of(solvedRecord(solved, inline.get()));
        }
        ScenarioSolved withStoredTables = tables.store(solved);
        return List.of(solvedRecord(withStoredTables, output.codec().encode(withStoredTables)));
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> onPermanentFailure(ConsumerRecord<byte[], byte[]> record,
            Exception error) {
        try {
            ScenarioRequested request = input.codec().decode(record.key(), record.value());
            ScenarioSolved failed = solver.failed(request, DeadLetters.describe(error));
            return List.of(solvedRecord(failed, output.codec().encode(failed)));
        } catch (InvalidEventException unreadable) {
            return List.of();
        }
    }

    private ProducerRecord<byte[], byte[]> solvedRecord(ScenarioSolved solved, byte[] value) {
        return new ProducerRecord<>(output.name(), solved.key().getBytes(StandardCharsets.UTF_8), value);
    }
}
