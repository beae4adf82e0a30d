package io.scenarioops.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.StoredTable;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import io.scenarioops.testharness.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Solved events that arrive straight on the topic naming tables the solver never wrote: the
 * publisher dead-letters each with the reason, announces its scenario as failed so that the run
 * still completes, writes no manifest for it, and publishes its neighbours.
 */
@PipelineTest({EmbeddedStack.Component.KAFKA, EmbeddedStack.Component.OBJECT_STORE})
class StoredTablesOnTheTopicTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ScenarioSolver SOLVER = new ScenarioSolver(
            Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC), new BaselineFiles(key -> Optional.empty()));

    @Test
    void aSolvedEventNamingTablesThatAreNotThereIsDeadLetteredAndItsScenarioFails(StackSlice slice) throws Exception {
        TopicCatalog topics = slice.topics();
        ScenarioSolved good = solved("good", 1.0);
        ScenarioSolved missing = solved("missing_tables", 1.05);
        ScenarioSolved lying = solved("wrong_size", 1.1);
        List<StoredTable> honest = ScenarioArtifactsTest.storedTables(lying);
        List<StoredTable> oneByteShort = new ArrayList<>(honest);
        StoredTable delivery = honest.get(1);
        oneByteShort.set(1, new StoredTable(delivery.table(), delivery.size() - 1, delivery.sha256()));
        String lyingPrefix = ObjectLayout.scenarioPrefix(lying.dt(), lying.runId(), lying.scenarioId());
        try (ObjectStore store = slice.objectStore()) {
            // the wrong-size scenario's tables are in the store, at their true sizes
            lying.inlineTables().forEach((table, rows) -> store.put(lyingPrefix + ObjectLayout.tableArtifact(table),
                    SeedJson.write(rows), ObjectStore.JSON));
        }
        List<ScenarioSolved> events = List.of(good, missing.withStoredTables(ScenarioArtifactsTest.storedTables(missing)),
                lying.withStoredTables(oneByteShort));

        PublisherService publisher = new PublisherService(slice.kafka(), slice.config().objectStore());
        publisher.start();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClientProperties.transactionalProducer(
                slice.kafka(), "test-hostile-solver-" + UUID.randomUUID()));
                TopicReader published = slice.reader(topics.scenarioPublished().name());
                TopicReader deadLetters = slice.reader(topics.deadLetter())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (ScenarioSolved event : events) {
                producer.send(new ProducerRecord<>(topics.scenarioSolved().name(),
                        event.key().getBytes(StandardCharsets.UTF_8), topics.scenarioSolved().codec().encode(event)));
            }
            producer.commitTransaction();

            assertTrue(published.pollUntil(r -> r.keys().size() == 3, WAIT), "published: " + published.keys());
            assertTrue(deadLetters.pollUntil(r -> r.records().size() == 2, WAIT), deadLetters.describe());

            ScenarioPublished goodAnswer = answer(topics, published, good);
            assertFalse(goodAnswer.failed(), "the neighbour is published");
            ScenarioPublished missingAnswer = answer(topics, published, missing);
            assertEquals("publisher", missingAnswer.failure().stage());
            assertTrue(missingAnswer.failure().reason().contains("stored_tables: no object at "
                    + ObjectLayout.scenarioPrefix(missing.dt(), missing.runId(), missing.scenarioId())
                    + "outputs/fact_production.json"), missingAnswer.failure().reason());
            ScenarioPublished lyingAnswer = answer(topics, published, lying);
            assertTrue(lyingAnswer.failure().reason().contains("stored_tables: the object at " + lyingPrefix
                    + "outputs/fact_delivery.json has " + delivery.size() + " bytes, not the " + (delivery.size() - 1)),
                    lyingAnswer.failure().reason());

            assertEquals(List.of(missing.key(), lying.key()), deadLetters.records().stream()
                    .map(r -> new String(r.key(), StandardCharsets.UTF_8)).sorted().toList());
            for (ConsumerRecord<byte[], byte[]> deadLetter : deadLetters.records()) {
                assertEquals("publisher", DeadLetters.header(deadLetter.headers(), DeadLetters.STAGE));
                assertTrue(DeadLetters.header(deadLetter.headers(), DeadLetters.REASON).contains("stored_tables: "));
            }
        } finally {
            publisher.stop();
        }
        try (ObjectStore store = slice.objectStore()) {
            for (ScenarioSolved refused : List.of(missing, lying)) {
                assertEquals(Optional.empty(), store.get(ObjectLayout.manifestKey(refused.dt(), refused.runId(),
                        refused.scenarioId())), refused.scenarioId() + " has no manifest");
            }
            assertTrue(store.get(ObjectLayout.manifestKey(good.dt(), good.runId(), good.scenarioId())).isPresent());
        }
    }

    private static ScenarioSolved solved(String scenarioId, double demand) {
        return SOLVER.solve(ScenarioArtifactsTest.lpRequest("run-hostile-tables", scenarioId, new Knobs(demand, 1, 1),
                "", 3));
    }

    private static ScenarioPublished answer(TopicCatalog topics, TopicReader published, ScenarioSolved solved) {
        return published.records().stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(solved.key()))
                .map(r -> topics.scenarioPublished().codec().decode(r.value()))
                .findFirst().orElseThrow();
    }
}
