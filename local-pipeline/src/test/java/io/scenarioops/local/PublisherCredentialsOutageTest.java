package io.scenarioops.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunPublisher;
import io.scenarioops.publisher.PublisherService;
import io.scenarioops.qc.QcService;
import io.scenarioops.solver.SolverService;
import io.scenarioops.testharness.Barriers;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import io.scenarioops.testharness.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A publisher deployed with a wrong {@code S3_SECRET_KEY} is an outage, not bad input: the object
 * store answers 403 to every request, which says nothing about the scenarios being published.
 * They must wait, retried, until the publisher is restarted with the right key, and then be
 * published once each; none may be dead-lettered or announced as failed.
 */
@PipelineTest
class PublisherCredentialsOutageTest {
    private static final Duration WRONG_KEY_WINDOW = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aWrongSecretKeyIsWaitedOutAndTheRunPassesOnceTheKeyIsRight(StackSlice slice) {
        KafkaSettings kafka = slice.kafka();
        TopicCatalog topics = slice.topics();
        ObjectStoreSettings rightKey = slice.config().objectStore();
        ObjectStoreSettings wrongKey = new ObjectStoreSettings(rightKey.endpoint(), rightKey.accessKey(),
                rightKey.secretKey() + "-rotated-away", rightKey.bucket());
        SolverService solver = new SolverService(kafka, rightKey);
        QcService qc = new QcService(slice.config());
        PublisherService wrongKeyed = new PublisherService(kafka, wrongKey);
        PublisherService restarted = null;
        solver.start();
        qc.start();
        wrongKeyed.start();
        try (TopicReader published = slice.reader(topics.scenarioPublished().name());
                TopicReader deadLetters = slice.reader(topics.deadLetter())) {
            RunPlan plan = RunPlan.create(ScenarioDefinition.SEED_DEFAULTS, 7, Instant.now());
            new RunPublisher(kafka).publish(plan, () -> rightKey);
            Barriers.awaitConsumed(kafka, kafka.topicPrefix() + SolverService.GROUP_ID,
                    topics.scenarioRequested().name());
            Barriers.awaitSettled(kafka, topics.scenarioSolved().name());

            // Every scenario is solved and in front of the publisher, which cannot write any of them.
            long retriedBefore = wrongKeyed.batchesRetried();
            await("nothing published or dead-lettered while the key is wrong")
                    .during(WRONG_KEY_WINDOW).atMost(WRONG_KEY_WINDOW.plusSeconds(10))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        published.poll(Duration.ofMillis(100));
                        deadLetters.poll(Duration.ofMillis(100));
                        return published.records().isEmpty() && deadLetters.records().isEmpty();
                    });
            // The backoff doubles from 100 ms, so after the first seconds of refusals the next
            // retries come some 4, 8 and 16 s apart: at least two fall into the window. Fewer would
            // mean the publisher gave up on the batch (or stopped) instead of waiting it out.
            long retriedDuringWindow = wrongKeyed.batchesRetried() - retriedBefore;
            assertTrue(retriedDuringWindow >= 2, "batches retried during the window: " + retriedDuringWindow);
            assertTrue(stageThreadAlive(wrongKeyed.name()), "the wrong-keyed publisher is still running");

            wrongKeyed.stop();
            restarted = new PublisherService(kafka, rightKey);
            assertEquals(wrongKeyed.name(), restarted.name(), "the same instance, with the same transactional id");
            restarted.start();

            RunCompleted completed = await("run-completed of " + plan.runId()).atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> slice.runCompleted(plan.runId()), found -> !found.isEmpty()).get(0);
            PipelineBarrier.awaitDrained(kafka);
            published.pollToEnd();
            deadLetters.pollToEnd();

            assertEquals(RunCompleted.STATUS_PASSED, completed.status(), completed.toString());
            assertEquals(plan.scenarios().size(), completed.passedCount());
            assertEquals(1, slice.runCompleted(plan.runId()).size(), "run-completed records");
            assertEquals(0, deadLetters.records().size(), "dead-lettered: " + deadLetters.describe());
            Set<String> expectedKeys = plan.events().stream().map(ScenarioRequested::key)
                    .collect(Collectors.toCollection(TreeSet::new));
            Map<String, Integer> perKey = new TreeMap<>(published.countPerKey());
            assertEquals(expectedKeys, perKey.keySet());
            perKey.forEach((key, count) -> assertEquals(1, count, "times " + key + " was published"));
            published.records().forEach(record -> assertFalse(
                    topics.scenarioPublished().codec().decode(record.value()).failed(), "announced as failed"));
        } finally {
            (restarted != null ? restarted : wrongKeyed).stop();
            qc.stop();
            solver.stop();
        }
    }

    private static boolean stageThreadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
