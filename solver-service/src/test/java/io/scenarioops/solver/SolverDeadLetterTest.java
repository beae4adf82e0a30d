package io.scenarioops.solver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.EventCodec;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.UnsupportedSchemaVersionException;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TransactionalStage;
import io.scenarioops.kafka.TopicSnapshot;
import io.scenarioops.kafka.TransactionalStage.RecordHandler;
import io.scenarioops.core.TransientException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.BaselineRef;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.storage.Sha256;
import io.scenarioops.testsupport.GoldenFiles;
import java.util.Set;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.ScenarioOutcome;
import io.scenarioops.model.SolveResult;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.testharness.Barriers;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The solver's failure handling against a real broker: bad input goes to {@code scenario-dlq} with
 * its original bytes and the reason, unexpected errors are retried a bounded number of times and
 * then dead-lettered with a failed stand-in downstream, transient errors are waited out; the other
 * scenarios are solved exactly once throughout.
 *
 * <p>Every test gets its own topic prefix (and so its own topics) on the shared broker, so tests
 * never see each other's records.
 */
@PipelineTest({EmbeddedStack.Component.KAFKA, EmbeddedStack.Component.OBJECT_STORE})
class SolverDeadLetterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The producer's default {@code max.request.size}, which the stage's producer does not change. */
    private static final int MAX_REQUEST_SIZE = 1024 * 1024;

    private KafkaSettings kafka;
    private TopicCatalog topics;
    private ObjectStore store;

    @BeforeEach
    void ownTopics(StackSlice slice) {
        kafka = slice.kafka();
        topics = slice.topics();
        store = slice.objectStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---------------------------------------------------------------------------------------------
    // 1. Poison records among good ones
    // ---------------------------------------------------------------------------------------------

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonAndTheGoodOnesAreSolvedOnce() throws Exception {
        String runId = "run-poison";
        ScenarioRequested good1 = request(runId, "good_1", 7, new Knobs(1.1, 1.0, 1.0));
        ScenarioRequested good2 = request(runId, "good_2", 11, new Knobs(1.0, 1.1, 1.1));

        byte[] notJson = "this is {not JSON at all".getBytes(StandardCharsets.UTF_8);
        ObjectNode v2 = tree(request(runId, "future_version", 7, Knobs.NEUTRAL));
        v2.put("schema_version", 2);
        ScenarioRequested traversal = request(runId, "../etc", 7, Knobs.NEUTRAL);
        ObjectNode tooMuchDemand = tree(request(runId, "demand_101", 7, Knobs.NEUTRAL));
        ((ObjectNode) tooMuchDemand.get("knobs")).put("demand_scale", 101);

        RecordHeaders traced = new RecordHeaders();
        traced.add("trace-id", "abc-123".getBytes(StandardCharsets.UTF_8));

        List<ProducerRecord<byte[], byte[]>> batch = List.of(
                requested(good1),
                new ProducerRecord<>(requestedTopic(), null, utf8(runId + "/not_json"), notJson, traced),
                raw(runId + "/future_version", JSON.writeValueAsBytes(v2)),
                requested(traversal),
                raw(runId + "/demand_101", JSON.writeValueAsBytes(tooMuchDemand)),
                raw(runId + "/null_value", null),
                requested(good2));
        List<RecordMetadata> positions = produceInOneTransaction(batch);

        // What each poison record must be dead-lettered with: a fragment of the reason, the error class.
        Map<String, String[]> expectedDeadLetters = Map.of(
                runId + "/not_json", new String[] {"not valid JSON", InvalidEventException.class.getName()},
                runId + "/future_version", new String[] {"schema_version 2 is not supported",
                        UnsupportedSchemaVersionException.class.getName()},
                runId + "/../etc", new String[] {"scenario_id", InvalidEventException.class.getName()},
                runId + "/demand_101", new String[] {"demand_scale", InvalidEventException.class.getName()},
                // A null value is not skipped as a tombstone: it is refused like any other bad input.
                runId + "/null_value", new String[] {"the record has no value", InvalidEventException.class.getName()});

        TransactionalStage solver = new TransactionalStage(kafka, SolverService.options(topics), realHandler());
        solver.start();
        try {
            List<ConsumerRecord<byte[], byte[]>> solved = readCommitted(topics.scenarioSolved().name());
            assertSolvedExactlyOnce(solved, List.of(good1, good2));

            List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted(topics.deadLetter());
            assertEquals(5, deadLetters.size(), "dead letters: " + keysOf(deadLetters));
            Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> dead : deadLetters) {
                assertNull(byKey.put(new String(dead.key(), StandardCharsets.UTF_8), dead),
                        "each poison record is dead-lettered once");
            }
            assertEquals(expectedDeadLetters.keySet(), byKey.keySet());
            for (int i = 0; i < batch.size(); i++) {
                ProducerRecord<byte[], byte[]> original = batch.get(i);
                String key = new String(original.key(), StandardCharsets.UTF_8);
                String[] expected = expectedDeadLetters.get(key);
                if (expected == null) {
                    continue; // a good one
                }
                ConsumerRecord<byte[], byte[]> dead = byKey.get(key);
                assertDeadLetter(dead, original, positions.get(i), expected[0], expected[1]);
            }
            assertEquals("abc-123", DeadLetters.header(byKey.get(runId + "/not_json").headers(), "trace-id"),
                    "the original headers travel with the dead letter");
            assertNull(byKey.get(runId + "/null_value").value(), "the null value is dead-lettered as it came: null");

            await().untilAsserted(() -> assertTrue(solver.recordsDeadLettered() == 5 && solver.recordsCommitted() == 7,
                    "dead-lettered " + solver.recordsDeadLettered() + ", committed " + solver.recordsCommitted()));

            // The solver is still there and solves what comes next.
            assertTrue(solver.isRunning(), "the solver keeps running after poison records");
            ScenarioRequested later = request(runId, "later", 7, new Knobs(0.9, 1.0, 1.2));
            produceInOneTransaction(List.of(requested(later)));
            List<ConsumerRecord<byte[], byte[]>> solvedAfter = readCommitted(topics.scenarioSolved().name());
            assertSolvedExactlyOnce(solvedAfter, List.of(good1, good2, later));
            await().untilAsserted(() -> assertEquals(8, solver.recordsCommitted(), "records committed"));
            assertEquals(5, solver.recordsDeadLettered());
            assertEquals(5, readCommitted(topics.deadLetter()).size(), "no new dead letters");
            assertTrue(solver.isRunning());
        } finally {
            solver.stop();
        }
        assertNull(solver.awaitTermination(), "the solver stopped cleanly");
    }

    // ---------------------------------------------------------------------------------------------
    // 1b. Hostile lp-v1 requests: bad planning values and bad baseline references
    // ---------------------------------------------------------------------------------------------

    @Test
    void hostileLpRequestsAreDeadLetteredWithAClearReasonAndNothingIsLost() throws Exception {
        String runId = "run-lp-hostile";
        byte[] example = GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE);
        BaselineRef exampleRef = BaselineRef.of(Sha256.hex(example));
        BaselineRef altered = BaselineRef.of("ab".repeat(32));
        // the bucket as this solver sees it: the example at its address, other content at another file's address
        Map<String, byte[]> bucket = Map.of(exampleRef.key(), example, altered.key(), example);
        SolverHandler handler = new SolverHandler(topics, new ScenarioSolver(Clock.systemUTC(),
                new BaselineFiles(key -> Optional.ofNullable(bucket.get(key)))), new TableOffload(store));

        ScenarioRequested good = lpRequest(runId, "good_lp", new ScenarioInputs(null, exampleRef, null));
        ObjectNode negative = tree(lpRequest(runId, "negative_share", ScenarioInputs.SEED));
        negative.putObject("planning").put("overtime_multiplier", 1.8).put("overtime_share", -1)
                .put("holding_cost", 0.5).put("unmet_penalty", 1000).put("site_share", 0.5);
        ObjectNode nan = tree(lpRequest(runId, "nan_cost", ScenarioInputs.SEED));
        nan.putObject("planning").put("overtime_multiplier", 1.8).put("overtime_share", 0.25)
                .put("holding_cost", "NaN").put("unmet_penalty", 1000).put("site_share", 0.5);
        ObjectNode foreignKey = tree(lpRequest(runId, "foreign_key", new ScenarioInputs(null, exampleRef, null)));
        ((ObjectNode) foreignKey.get("baseline")).put("key", "runs/dt=2026-11-26/run_id=other/run_metadata.json");
        ScenarioRequested missing = lpRequest(runId, "missing_file",
                new ScenarioInputs(null, BaselineRef.of("0".repeat(64)), null));
        ScenarioRequested mismatch = lpRequest(runId, "altered_file", new ScenarioInputs(null, altered, null));

        List<ProducerRecord<byte[], byte[]>> batch = List.of(
                requested(good),
                raw(runId + "/negative_share", JSON.writeValueAsBytes(negative)),
                raw(runId + "/nan_cost", JSON.writeValueAsBytes(nan)),
                raw(runId + "/foreign_key", JSON.writeValueAsBytes(foreignKey)),
                requested(missing),
                requested(mismatch));
        List<RecordMetadata> positions = produceInOneTransaction(batch);
        Map<String, String[]> expectedDeadLetters = Map.of(
                runId + "/negative_share", new String[] {"/planning/overtime_share: must have a minimum value of 0",
                        InvalidEventException.class.getName()},
                runId + "/nan_cost", new String[] {"/planning/holding_cost", InvalidEventException.class.getName()},
                runId + "/foreign_key", new String[] {"/baseline/key", InvalidEventException.class.getName()},
                runId + "/missing_file", new String[] {"baseline.key: no baseline file at " + missing.inputs().baseline().key(),
                        InvalidInputException.class.getName()},
                runId + "/altered_file", new String[] {"baseline.sha256: the file at " + altered.key() + " has sha256 "
                        + exampleRef.sha256() + ", not the " + altered.sha256(), InvalidInputException.class.getName()});

        TransactionalStage solver = new TransactionalStage(kafka, SolverService.options(topics), handler);
        solver.start();
        try {
            List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted(topics.deadLetter());
            assertEquals(expectedDeadLetters.keySet(), Set.copyOf(keysOf(deadLetters)));
            for (int i = 0; i < batch.size(); i++) {
                String key = new String(batch.get(i).key(), StandardCharsets.UTF_8);
                String[] expected = expectedDeadLetters.get(key);
                if (expected != null) {
                    ConsumerRecord<byte[], byte[]> dead = deadLetters.stream()
                            .filter(d -> new String(d.key(), StandardCharsets.UTF_8).equals(key)).findFirst().orElseThrow();
                    assertDeadLetter(dead, batch.get(i), positions.get(i), expected[0], expected[1]);
                }
            }
            // the readable requests are answered: the good one solved, the two bad references as failed scenarios
            Map<String, ScenarioSolved> solved = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : readCommitted(topics.scenarioSolved().name())) {
                ScenarioSolved event = topics.scenarioSolved().codec().decode(record.value());
                assertNull(solved.put(event.scenarioId(), event), "solved once: " + event.scenarioId());
            }
            assertEquals(Set.of("good_lp", "missing_file", "altered_file"), solved.keySet());
            assertEquals(25258.9, solved.get("good_lp").kpiTotal().totalCost(), 0.0);
            assertTrue(solved.get("missing_file").failed());
            assertTrue(solved.get("altered_file").failure().reason().contains("baseline.sha256"),
                    solved.get("altered_file").failure().reason());
            assertTrue(solver.isRunning());
        } finally {
            solver.stop();
        }
        assertNull(solver.awaitTermination(), "the solver stopped cleanly");
    }

    private static ScenarioRequested lpRequest(String runId, String scenarioId, ScenarioInputs inputs) {
        ScenarioRequested toy = request(runId, scenarioId, 7, Knobs.NEUTRAL);
        return new ScenarioRequested(toy.header(), toy.seed(), toy.knobs(), toy.notes(), "lp-v1", inputs);
    }

    // ---------------------------------------------------------------------------------------------
    // 2. An unexpected error for one scenario
    // ---------------------------------------------------------------------------------------------

    @Test
    void anUnexpectedErrorIsRetriedThenDeadLetteredWithAFailedStandInWhileTheOthersAreSolved() throws Exception {
        String runId = "run-unexpected";
        List<ScenarioRequested> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(request(runId, "s" + i, 7, new Knobs(0.8 + i / 10.0, 1.0, 1.0)));
        }
        ScenarioRequested doomed = requests.get(3);
        String doomedKey = doomed.key();
        String message = "solver exploded on " + doomed.scenarioId();

        int maxAttempts = 3;
        TransactionalStage.Options options = fastOptions(maxAttempts);
        SolverHandler real = realHandler();
        AtomicInteger doomedCalls = new AtomicInteger();
        AtomicInteger permanentFailures = new AtomicInteger();
        RecordHandler throwing = new RecordHandler() {
            @Override
            public List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) {
                if (doomedKey.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                    doomedCalls.incrementAndGet();
                    throw new IllegalStateException(message);
                }
                return real.handle(record);
            }

            @Override
            public List<ProducerRecord<byte[], byte[]>> onPermanentFailure(ConsumerRecord<byte[], byte[]> record,
                    Exception error) {
                permanentFailures.incrementAndGet();
                return real.onPermanentFailure(record, error);
            }
        };

        List<RecordMetadata> positions = produceInOneTransaction(requests.stream().map(this::requested).toList());
        TransactionalStage solver = new TransactionalStage(kafka, options, throwing);
        solver.start();
        try {
            List<ConsumerRecord<byte[], byte[]>> solved = readCommitted(topics.scenarioSolved().name());
            assertEquals(6, solved.size(), "five solved and one stand-in: " + keysOf(solved));
            Map<String, ScenarioSolved> byKey = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : solved) {
                ScenarioSolved event = topics.scenarioSolved().codec().decode(record.value());
                assertEquals(event.key(), new String(record.key(), StandardCharsets.UTF_8));
                assertNull(byKey.put(event.key(), event), "solved once: " + event.key());
            }
            for (ScenarioRequested request : requests) {
                ScenarioSolved event = byKey.get(request.key());
                assertNotNull(event, "an event for " + request.key());
                if (request == doomed) {
                    assertTrue(event.failed(), "the doomed scenario has a failed stand-in");
                    assertEquals("solver", event.failure().stage());
                    assertEquals(message, event.failure().reason());
                    assertNull(event.kpiTotal());
                    assertNull(event.kpiCostBreakdown());
                    assertNull(event.factProduction());
                    assertNull(event.baselineSummary());
                    assertEquals(EventIds.derived(ScenarioSolver.STAGE, request.eventId()), event.eventId());
                    assertEquals(request.eventId(), event.lineage().requestEventId());
                    assertEquals(request.scenarioCount(), event.scenarioCount(), "QC still knows the run's size");
                    assertEquals(request.knobs(), event.knobs());
                } else {
                    assertSolvedCorrectly(event, request);
                }
            }

            List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted(topics.deadLetter());
            assertEquals(1, deadLetters.size(), "dead letters: " + keysOf(deadLetters));
            int doomedIndex = requests.indexOf(doomed);
            assertDeadLetter(deadLetters.get(0), requested(doomed), positions.get(doomedIndex), message,
                    IllegalStateException.class.getName());
            assertEquals(message, DeadLetters.header(deadLetters.get(0).headers(), DeadLetters.REASON));

            assertEquals(maxAttempts, doomedCalls.get(), "attempts at the doomed scenario");
            assertEquals(1, permanentFailures.get(), "onPermanentFailure calls");
            await().untilAsserted(() -> assertTrue(solver.recordsDeadLettered() == 1 && solver.recordsCommitted() == 6,
                    "dead-lettered " + solver.recordsDeadLettered() + ", committed " + solver.recordsCommitted()));
            assertTrue(solver.isRunning(), "the solver keeps running");
        } finally {
            solver.stop();
        }
        assertNull(solver.awaitTermination(), "the solver stopped cleanly");
    }

    // ---------------------------------------------------------------------------------------------
    // 3. A transient failure
    // ---------------------------------------------------------------------------------------------

    @Test
    void aTransientFailureIsWaitedOutAndNothingIsDeadLettered() throws Exception {
        String runId = "run-transient";
        List<ScenarioRequested> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(request(runId, "s" + i, 11, new Knobs(1.0, 0.9 + i / 10.0, 1.0)));
        }
        int failingCalls = 3;
        SolverHandler real = realHandler();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger thrown = new AtomicInteger();
        AtomicInteger permanentFailures = new AtomicInteger();
        RecordHandler flaky = new RecordHandler() {
            @Override
            public List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) {
                if (calls.incrementAndGet() <= failingCalls) {
                    thrown.incrementAndGet();
                    throw new TransientException("store down", new IOException("connection refused"));
                }
                return real.handle(record);
            }

            @Override
            public List<ProducerRecord<byte[], byte[]>> onPermanentFailure(ConsumerRecord<byte[], byte[]> record,
                    Exception error) {
                permanentFailures.incrementAndGet();
                return real.onPermanentFailure(record, error);
            }
        };

        produceInOneTransaction(requests.stream().map(this::requested).toList());
        // Fewer attempts for unexpected errors than transient failures in a row: a transient
        // failure counted as an unexpected one would be dead-lettered.
        TransactionalStage solver = new TransactionalStage(kafka, fastOptions(2), flaky);
        solver.start();
        try {
            List<ConsumerRecord<byte[], byte[]>> solved = readCommitted(topics.scenarioSolved().name());
            assertSolvedExactlyOnce(solved, requests);
            assertEquals(failingCalls, thrown.get(), "transient failures thrown");
            assertTrue(calls.get() >= requests.size() + failingCalls, "calls: " + calls.get());

            await().untilAsserted(() -> assertEquals(5, solver.recordsCommitted(), "records committed"));
            assertEquals(0, solver.recordsDeadLettered(), "nothing dead-lettered");
            assertEquals(0, permanentFailures.get(), "no permanent failure");
            assertEquals(List.of(), keysOf(readCommitted(topics.deadLetter())), "the dead-letter topic is empty");
            assertTrue(solver.isRunning(), "the solver keeps running");
        } finally {
            solver.stop();
        }
        assertNull(solver.awaitTermination(), "the solver stopped cleanly");
    }

    // ---------------------------------------------------------------------------------------------
    // 4. An input whose output is too large to write
    // ---------------------------------------------------------------------------------------------

    /**
     * {@code notes} is free text without a length limit in the schema, so a request can be just
     * under the producer's {@code max.request.size} while its solved event, which carries the
     * notes plus the results, is over it. Writing that event fails the whole transaction; the
     * guarantees say this bad input goes to the dead-letter topic and blocks no other scenario.
     */
    @Test
    void aRequestWhoseSolvedEventIsTooLargeToWriteBlocksNoOtherScenario() throws Exception {
        String runId = "run-oversized";
        ScenarioRequested good1 = request(runId, "good_1", 7, new Knobs(1.1, 1.0, 1.0));
        ScenarioRequested good2 = request(runId, "good_2", 11, Knobs.NEUTRAL);
        ScenarioRequested probe = request(runId, "huge_notes", 7, Knobs.NEUTRAL);
        int requestOverhead = topics.scenarioRequested().codec().encode(probe).length;
        int solvedOverhead = topics.scenarioSolved().codec().encode(realSolver().solve(probe)).length;
        // The request stays 8 KiB under the limit; its solved event would be over it by the results' size.
        int notesLength = MAX_REQUEST_SIZE - 8 * 1024 - requestOverhead;
        assertTrue(solvedOverhead > 16 * 1024, "precondition: the results alone are " + solvedOverhead + " bytes");
        ScenarioRequested huge = new ScenarioRequested(probe.header(), probe.seed(), probe.knobs(),
                "n".repeat(notesLength));
        assertTrue(topics.scenarioSolved().codec().encode(realSolver().solve(huge)).length > MAX_REQUEST_SIZE,
                "precondition: the solved event is over max.request.size");

        produceInOneTransaction(List.of(requested(good1), requested(huge), requested(good2)));
        TransactionalStage solver = new TransactionalStage(kafka, fastOptions(3), realHandler());
        solver.start();
        try {
            List<ConsumerRecord<byte[], byte[]>> solved = readCommitted(topics.scenarioSolved().name());
            List<String> solvedKeys = keysOf(solved);
            assertTrue(solvedKeys.contains(good1.key()) && solvedKeys.contains(good2.key()),
                    "the other scenarios of the batch are solved despite the oversized one; solved: " + solvedKeys
                            + ", stage committed " + solver.recordsCommitted() + " records");
            assertEquals(1, solvedKeys.stream().filter(good1.key()::equals).count(), "times good_1 was solved");
            assertEquals(1, solvedKeys.stream().filter(good2.key()::equals).count(), "times good_2 was solved");
            List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted(topics.deadLetter());
            assertEquals(List.of(huge.key()), keysOf(deadLetters), "the oversized request is dead-lettered");
            assertNotNull(DeadLetters.header(deadLetters.get(0).headers(), DeadLetters.REASON));
            assertTrue(solver.isRunning(), "the solver keeps running");
        } finally {
            solver.stop();
        }
    }

    @Test
    void anOutputOverTheRecordLimitIsDeadLetteredAtOnceAndBlocksNoOtherScenario() throws Exception {
        String runId = "run-inflated";
        ScenarioRequested good1 = request(runId, "good_1", 7, new Knobs(1.1, 1.0, 1.0));
        ScenarioRequested inflated = request(runId, "inflated", 7, Knobs.NEUTRAL);
        ScenarioRequested good2 = request(runId, "good_2", 11, Knobs.NEUTRAL);
        produceInOneTransaction(List.of(requested(good1), requested(inflated), requested(good2)));
        SolverHandler real = realHandler();
        AtomicInteger inflatedCalls = new AtomicInteger();
        // A stage's output beyond Kafka's record limit would leave the transaction unable to commit.
        TransactionalStage.RecordHandler inflating = record -> {
            List<ProducerRecord<byte[], byte[]>> out = real.handle(record);
            if (!new String(record.key(), StandardCharsets.UTF_8).equals(inflated.key())) {
                return out;
            }
            inflatedCalls.incrementAndGet();
            return List.of(new ProducerRecord<>(out.get(0).topic(), out.get(0).key(), new byte[MAX_REQUEST_SIZE]));
        };
        TransactionalStage solver = new TransactionalStage(kafka, fastOptions(3), inflating);
        solver.start();
        try {
            List<String> solvedKeys = keysOf(readCommitted(topics.scenarioSolved().name()));
            assertEquals(List.of(good1.key(), good2.key()), solvedKeys.stream().sorted().toList());
            List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted(topics.deadLetter());
            assertEquals(List.of(inflated.key()), keysOf(deadLetters));
            String reason = DeadLetters.header(deadLetters.get(0).headers(), DeadLetters.REASON);
            assertTrue(reason.contains("over the 1000000-byte record limit"), reason);
            assertEquals(1, inflatedCalls.get(), "a size problem is not retried");
            assertTrue(solver.isRunning(), "the solver keeps running");
        } finally {
            solver.stop();
        }
    }

    /**
     * The broker checks a batch's compressed size, so a 2 MB request sent gzip-compressed gets in;
     * its dead letter, with the value as it came, would be over the record limit and fail every
     * retry, blocking everything behind it. It is written with the value cut to its first bytes.
     */
    @Test
    void aCompressedRequestOverTheRecordLimitIsDeadLetteredTruncatedAndAValidRunAfterItIsSolved()
            throws Exception {
        String runId = "run-compressed";
        ScenarioRequested huge = request(runId, "two_megabytes", 7, Knobs.NEUTRAL);
        ObjectNode twoMegabytes = tree(huge);
        twoMegabytes.put("notes", "n".repeat(2 * 1024 * 1024));
        byte[] hugeValue = JSON.writeValueAsBytes(twoMegabytes);
        Properties compressing = KafkaClientProperties.transactionalProducer(kafka, "test-gzip-" + UUID.randomUUID());
        compressing.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        compressing.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * MAX_REQUEST_SIZE));
        RecordMetadata position = produceInOneTransaction(List.of(raw(huge.key(), hugeValue)), compressing).get(0);

        TransactionalStage solver = new TransactionalStage(kafka, fastOptions(3), realHandler());
        solver.start();
        try {
            List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted(topics.deadLetter());
            assertEquals(List.of(huge.key()), keysOf(deadLetters), "the compressed request is dead-lettered");
            ConsumerRecord<byte[], byte[]> dead = deadLetters.get(0);
            assertEquals(Integer.toString(hugeValue.length),
                    DeadLetters.header(dead.headers(), DeadLetters.ORIGINAL_VALUE_BYTES));
            assertTrue(dead.value().length > 900_000 && dead.value().length < KafkaClientProperties.MAX_RECORD_BYTES,
                    "truncated to " + dead.value().length + " bytes");
            assertArrayEquals(Arrays.copyOf(hugeValue, dead.value().length), dead.value(), "the first bytes");
            assertEquals(Integer.toString(position.partition()),
                    DeadLetters.header(dead.headers(), DeadLetters.SOURCE_PARTITION));
            assertEquals(Long.toString(position.offset()), DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET));
            assertEquals(requestedTopic(), DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC));
            assertEquals("solver", DeadLetters.header(dead.headers(), DeadLetters.STAGE));
            assertTrue(DeadLetters.header(dead.headers(), DeadLetters.REASON)
                            .contains("more than the " + EventCodec.MAX_VALUE_BYTES + " an event may have"),
                    DeadLetters.header(dead.headers(), DeadLetters.REASON));
            assertEquals(InvalidEventException.class.getName(),
                    DeadLetters.header(dead.headers(), DeadLetters.ERROR_CLASS));

            List<ScenarioRequested> validRun = List.of(request("run-after", "s1", 7, Knobs.NEUTRAL),
                    request("run-after", "s2", 11, new Knobs(1.1, 1.0, 1.0)),
                    request("run-after", "s3", 13, new Knobs(0.9, 1.0, 1.0)));
            produceInOneTransaction(validRun.stream().map(this::requested).toList());
            List<ConsumerRecord<byte[], byte[]>> solved = readCommitted(topics.scenarioSolved().name());
            assertSolvedExactlyOnce(solved, validRun);
            assertEquals(1, solver.recordsDeadLettered());
            assertTrue(solver.isRunning(), "the solver keeps running");
        } finally {
            solver.stop();
        }
        assertNull(solver.awaitTermination(), "the solver stopped cleanly");
    }

    // ---------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------

    private static ScenarioSolver realSolver() {
        return new ScenarioSolver(Clock.systemUTC(), new BaselineFiles(key -> Optional.empty()));
    }

    private SolverHandler realHandler() {
        return new SolverHandler(topics, realSolver(), new TableOffload(store));
    }

    /** The solver's own options, with small backoffs and {@code maxAttempts} for unexpected errors. */
    private TransactionalStage.Options fastOptions(int maxAttempts) {
        TransactionalStage.Options defaults = SolverService.options(topics);
        return new TransactionalStage.Options(defaults.stage(), defaults.groupId(), defaults.inputTopic(),
                defaults.deadLetterTopic(), defaults.maxPollRecords(), maxAttempts, Duration.ofMillis(10),
                Duration.ofMillis(100));
    }

    private static ScenarioRequested request(String runId, String scenarioId, long seed, Knobs knobs) {
        ScenarioHeader header = new ScenarioHeader(PipelineEvent.SCHEMA_VERSION, EventIds.random(), runId,
                "2026-11-26", "2026-11-26T07:59:00.000000+00:00", 3, "2026-11-26T07:59:00.000000+00:00", scenarioId);
        return new ScenarioRequested(header, seed, knobs, "notes of " + scenarioId);
    }

    private ObjectNode tree(ScenarioRequested request) throws IOException {
        return (ObjectNode) JSON.readTree(topics.scenarioRequested().codec().encode(request));
    }

    private String requestedTopic() {
        return topics.scenarioRequested().name();
    }

    private ProducerRecord<byte[], byte[]> requested(ScenarioRequested request) {
        return raw(request.key(), topics.scenarioRequested().codec().encode(request));
    }

    private ProducerRecord<byte[], byte[]> raw(String key, byte[] value) {
        return new ProducerRecord<>(requestedTopic(), utf8(key), value);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the records in one committed transaction; returns where each landed, in order. */
    private List<RecordMetadata> produceInOneTransaction(List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        return produceInOneTransaction(records,
                KafkaClientProperties.transactionalProducer(kafka, "test-requests-" + UUID.randomUUID()));
    }

    private static List<RecordMetadata> produceInOneTransaction(List<ProducerRecord<byte[], byte[]>> records,
            Properties props) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(record));
            }
            producer.commitTransaction();
            List<RecordMetadata> positions = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                positions.add(future.get());
            }
            return positions;
        }
    }

    /** Every committed record of {@code topic}, once the solver has been through every request sent so far. */
    private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        Barriers.awaitConsumed(kafka, SolverService.options(topics).groupId(), requestedTopic());
        Barriers.awaitSettled(kafka, topic);
        return TopicSnapshot.read(kafka, topic);
    }

    private void assertSolvedExactlyOnce(List<ConsumerRecord<byte[], byte[]>> solved,
            List<ScenarioRequested> requests) {
        assertEquals(requests.size(), solved.size(), "solved records: " + keysOf(solved));
        Map<String, ScenarioSolved> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : solved) {
            ScenarioSolved event = topics.scenarioSolved().codec().decode(record.value());
            assertEquals(event.key(), new String(record.key(), StandardCharsets.UTF_8), "record key");
            assertNull(byKey.put(event.key(), event), "solved more than once: " + event.key());
        }
        for (ScenarioRequested request : requests) {
            ScenarioSolved event = byKey.get(request.key());
            assertNotNull(event, "no solved event for " + request.key() + " in " + byKey.keySet());
            assertSolvedCorrectly(event, request);
        }
    }

    private static void assertSolvedCorrectly(ScenarioSolved event, ScenarioRequested request) {
        ScenarioOutcome<SolveResult> expected = ScenarioModel.run(request.seed(), request.knobs());
        assertFalse(event.failed(), () -> request.key() + " failed: " + event.failure());
        assertEquals(expected.result().kpiTotal(), event.kpiTotal(), request.key());
        assertEquals(expected.result().kpiCostBreakdown(), event.kpiCostBreakdown(), request.key());
        assertEquals(expected.result().factProduction(), event.factProduction(), request.key());
        assertEquals(expected.baselineSummary(), event.baselineSummary(), request.key());
        assertEquals(EventIds.derived(ScenarioSolver.STAGE, request.eventId()), event.eventId());
        assertEquals(request.eventId(), event.lineage().requestEventId());
        assertEquals(request.runId(), event.runId());
        assertEquals(request.scenarioId(), event.scenarioId());
        assertEquals(request.knobs(), event.knobs());
        assertEquals(request.seed(), event.seed());
    }

    private void assertDeadLetter(ConsumerRecord<byte[], byte[]> dead, ProducerRecord<byte[], byte[]> original,
            RecordMetadata source, String reasonFragment, String errorClass) {
        String key = new String(original.key(), StandardCharsets.UTF_8);
        assertArrayEquals(original.key(), dead.key(), "the original key of " + key);
        assertArrayEquals(original.value(), dead.value(), "the original value bytes of " + key);
        assertEquals("solver", DeadLetters.header(dead.headers(), DeadLetters.STAGE), key);
        String reason = DeadLetters.header(dead.headers(), DeadLetters.REASON);
        assertNotNull(reason, "a reason for " + key);
        assertTrue(reason.contains(reasonFragment), () -> key + ": reason '" + reason + "' should name '"
                + reasonFragment + "'");
        assertEquals(errorClass, DeadLetters.header(dead.headers(), DeadLetters.ERROR_CLASS), key);
        assertEquals(requestedTopic(), DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC), key);
        assertEquals(Integer.toString(source.partition()),
                DeadLetters.header(dead.headers(), DeadLetters.SOURCE_PARTITION), key);
        assertEquals(Long.toString(source.offset()), DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET),
                key);
        String failedAt = DeadLetters.header(dead.headers(), DeadLetters.FAILED_AT);
        assertNotNull(failedAt, key);
        Instant.parse(failedAt);
    }

    private static List<String> keysOf(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> r.key() == null ? "<null>" : new String(r.key(), StandardCharsets.UTF_8))
                .sorted()
                .toList();
    }
}
