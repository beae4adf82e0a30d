package io.scenarioops.publisher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.model.Knobs;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.embedded.EmbeddedObjectStore;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.embedded.LoopbackPorts;
import io.scenarioops.solver.ScenarioSolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.scenarioops.testharness.Barriers;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import io.scenarioops.testharness.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publisher against a real Kafka broker and a real S3 endpoint that goes away for a while:
 * DESIGN.md promises that a transient object-store outage is retried with backoff, that nothing is
 * lost or dead-lettered because of it, and that every scenario is announced exactly once, only
 * after all of its objects are in place.
 *
 * <p>Kafka is the shared one; the object store is this class's own, on a fixed port, since the
 * tests stop and restart it.
 */
@PipelineTest(EmbeddedStack.Component.KAFKA)
class PublisherOutageTest {
    private static final String ACCESS_KEY = "outage-access";
    private static final String SECRET_KEY = "outage-secret-key";
    private static final String BUCKET = "scenarioops";
    private static final int SCENARIOS = 20;
    private static final int PUBLISHED_BEFORE_OUTAGE = 5;
    private static final int PRODUCED_DURING_OUTAGE = 10;
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScenarioSolver SOLVER =
            new ScenarioSolver(Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC), new BaselineFiles(key -> Optional.empty()));

    private static Path dataDir;
    private static int s3Port;
    /** Null while the outage lasts. */
    private static EmbeddedObjectStore objectStore;
    private static ObjectStoreSettings storeSettings;

    @BeforeAll
    static void startServers() throws IOException {
        dataDir = Path.of("target", "publisher-outage-" + UUID.randomUUID()).toAbsolutePath();
        s3Port = LoopbackPorts.free(1)[0];
        startObjectStore();
        storeSettings = new ObjectStoreSettings(objectStore.endpoint(), ACCESS_KEY, SECRET_KEY, BUCKET);
    }

    @AfterAll
    static void stopServers() {
        stopObjectStore();
    }

    @Test
    void anObjectStoreOutageIsWaitedOutAndEveryScenarioIsPublishedExactlyOnce(StackSlice slice) throws Exception {
        KafkaSettings kafka = slice.kafka();
        TopicCatalog topics = slice.topics();
        List<ScenarioSolved> events = solvedEvents("run-outage", SCENARIOS);

        PublisherService publisher = new PublisherService(kafka, storeSettings);
        publisher.start();
        CompletableFuture<Throwable> terminated = watchTermination(publisher);
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(kafka);
                TopicReader published = new TopicReader(kafka, topics.scenarioPublished().name());
                TopicReader deadLetters = new TopicReader(kafka, topics.deadLetter())) {
            // 1. Store up: the first few are published.
            send(producer, topics, events.subList(0, PUBLISHED_BEFORE_OUTAGE));
            assertTrue(published.pollUntil(r -> r.keys().size() >= PUBLISHED_BEFORE_OUTAGE, Duration.ofSeconds(30)),
                    "published before the outage: " + published.keys());

            // 2. Store down: more scenarios arrive; none can be published, none may be dead-lettered.
            stopObjectStore();
            Instant down = Instant.now();
            int next = PUBLISHED_BEFORE_OUTAGE;
            int lastDuringOutage = PUBLISHED_BEFORE_OUTAGE + PRODUCED_DURING_OUTAGE;
            Duration spacing = OUTAGE.dividedBy(PRODUCED_DURING_OUTAGE);
            while (Duration.between(down, Instant.now()).compareTo(OUTAGE) < 0 || next < lastDuringOutage) {
                if (next < lastDuringOutage) {
                    send(producer, topics, events.subList(next, next + 1));
                    next++;
                }
                published.poll(spacing.dividedBy(2));
                deadLetters.poll(spacing.dividedBy(2));
            }
            Duration outage = Duration.between(down, Instant.now());
            assertEquals(PUBLISHED_BEFORE_OUTAGE, published.records().size(),
                    "nothing may be announced while its objects cannot be written: " + published.keys());
            assertEquals(0, deadLetters.records().size(), "dead-lettered during the outage: " + deadLetters.describe());
            assertFalse(terminated.isDone(), "the publisher stopped during the outage: " + terminated.getNow(null));

            // 3. Store back at the same endpoint with the same data: the backlog drains on its own.
            startObjectStore();
            Instant up = Instant.now();
            send(producer, topics, events.subList(lastDuringOutage, SCENARIOS));
            Duration firstAfterRestart = null;
            Instant deadline = up.plus(Duration.ofSeconds(75));
            while (published.keys().size() < SCENARIOS && Instant.now().isBefore(deadline)) {
                published.poll(Duration.ofMillis(100));
                if (firstAfterRestart == null && published.records().size() > PUBLISHED_BEFORE_OUTAGE) {
                    firstAfterRestart = Duration.between(up, Instant.now());
                }
            }
            Duration recovery = Duration.between(up, Instant.now());
            System.out.printf("PublisherOutageTest: store down %d ms; after restart first publish in %s ms,"
                    + " all %d published in %d ms%n", outage.toMillis(),
                    firstAfterRestart == null ? "-" : Long.toString(firstAfterRestart.toMillis()), SCENARIOS,
                    recovery.toMillis());
            assertEquals(SCENARIOS, published.keys().size(), "published within 75 s of the restart: "
                    + published.keys());
            assertTrue(recovery.compareTo(Duration.ofSeconds(60)) < 0, "recovery took " + recovery);

            // Duplicates would arrive after the last new key: read all the publisher wrote for its input.
            awaitPublisherThrough(kafka, topics);
            published.pollToEnd();
            deadLetters.pollToEnd();
            Map<String, Integer> perKey = published.countPerKey();
            assertEquals(events.stream().map(ScenarioSolved::key).collect(Collectors.toCollection(TreeSet::new)),
                    new TreeSet<>(perKey.keySet()));
            perKey.forEach((key, count) -> assertEquals(1, count, "times " + key + " was published"));
            assertEquals(0, deadLetters.records().size(), "dead-lettered: " + deadLetters.describe());

            assertAllObjectsInPlace(events, published, topics);
            assertFalse(terminated.isDone(), "the publisher stopped: " + terminated.getNow(null));
            assertTrue(threadAlive(publisher.name()), "the publisher's stage thread " + publisher.name() + " is alive");
        } finally {
            publisher.stop();
        }
    }

    @Test
    void garbageInTheMiddleIsDeadLetteredAndTheGoodOnesArePublished(StackSlice slice) throws Exception {
        if (objectStore == null) {
            startObjectStore();
        }
        KafkaSettings kafka = slice.kafka();
        TopicCatalog topics = slice.topics();
        List<ScenarioSolved> good = solvedEvents("run-dlq", 6);
        byte[] garbageKey = "run-dlq/garbage".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "this is not JSON at all {{ ]".getBytes(StandardCharsets.UTF_8);

        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(kafka)) {
            producer.beginTransaction();
            for (int i = 0; i < good.size(); i++) {
                if (i == good.size() / 2) {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add("trace-id", "trace-42".getBytes(StandardCharsets.UTF_8));
                    producer.send(new ProducerRecord<>(topics.scenarioSolved().name(), null, garbageKey, garbage,
                            headers));
                }
                producer.send(record(topics, good.get(i)));
            }
            producer.commitTransaction();
        }

        PublisherService publisher = new PublisherService(kafka, storeSettings);
        publisher.start();
        CompletableFuture<Throwable> terminated = watchTermination(publisher);
        try (TopicReader published = new TopicReader(kafka, topics.scenarioPublished().name());
                TopicReader deadLetters = new TopicReader(kafka, topics.deadLetter())) {
            assertTrue(published.pollUntil(r -> r.keys().size() >= good.size(), Duration.ofSeconds(30)),
                    "published: " + published.keys());
            awaitPublisherThrough(kafka, topics);
            published.pollToEnd();
            deadLetters.pollToEnd();

            assertEquals(1, deadLetters.records().size(), deadLetters.describe());
            ConsumerRecord<byte[], byte[]> dead = deadLetters.records().get(0);
            assertArrayEquals(garbageKey, dead.key());
            assertArrayEquals(garbage, dead.value());
            assertEquals("publisher", DeadLetters.header(dead.headers(), DeadLetters.STAGE));
            String reason = DeadLetters.header(dead.headers(), DeadLetters.REASON);
            assertNotNull(reason);
            assertTrue(reason.contains("JSON"), reason);
            assertEquals(topics.scenarioSolved().name(), DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC));
            assertEquals("trace-42", DeadLetters.header(dead.headers(), "trace-id"), "original headers are kept");

            Map<String, Integer> perKey = published.countPerKey();
            assertEquals(good.stream().map(ScenarioSolved::key).collect(Collectors.toCollection(TreeSet::new)),
                    new TreeSet<>(perKey.keySet()));
            perKey.forEach((key, count) -> assertEquals(1, count, "times " + key + " was published"));
            assertAllObjectsInPlace(good, published, topics);
            assertFalse(terminated.isDone(), "the publisher stopped: " + terminated.getNow(null));
        } finally {
            publisher.stop();
        }
    }

    /**
     * The same outage as seen through a gateway (nginx, a load balancer, an ingress) in front of the
     * store: while the store restarts, requests are not refused but answered with an HTML
     * {@code 503 Service Unavailable}. That is as transient as a refused connection and must be
     * waited out in the same way, not dead-lettered.
     */
    @Test
    void aGatewayAnswering503WhileTheStoreIsDownIsWaitedOutToo(StackSlice slice) throws Exception {
        if (objectStore == null) {
            startObjectStore();
        }
        KafkaSettings kafka = slice.kafka();
        TopicCatalog topics = slice.topics();
        List<ScenarioSolved> events = solvedEvents("run-gateway", 4);

        PublisherService publisher = new PublisherService(kafka, storeSettings);
        publisher.start();
        CompletableFuture<Throwable> terminated = watchTermination(publisher);
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(kafka);
                TopicReader published = new TopicReader(kafka, topics.scenarioPublished().name());
                TopicReader deadLetters = new TopicReader(kafka, topics.deadLetter())) {
            send(producer, topics, events.subList(0, 2));
            assertTrue(published.pollUntil(r -> r.keys().size() >= 2, Duration.ofSeconds(30)),
                    "published before the outage: " + published.keys());

            stopObjectStore();
            HttpServer gateway = serviceUnavailableGateway();
            try {
                send(producer, topics, events.subList(2, 3));
                published.poll(Duration.ofSeconds(4));
                deadLetters.poll(Duration.ofMillis(200));
            } finally {
                gateway.stop(0);
            }
            assertEquals(2, published.records().size(), "announced while the store was down: " + published.keys());
            assertEquals(0, deadLetters.records().size(),
                    "dead-lettered while the gateway answered 503: " + deadLetters.describe());

            startObjectStore();
            send(producer, topics, events.subList(3, 4));
            assertTrue(published.pollUntil(r -> r.keys().size() >= events.size(), Duration.ofSeconds(45)),
                    "published after the store came back: " + published.keys() + "; dead-lettered: "
                            + deadLetters.describe());
            awaitPublisherThrough(kafka, topics);
            published.pollToEnd();
            published.countPerKey().forEach((key, count) -> assertEquals(1, count, "times " + key + " was published"));
            assertAllObjectsInPlace(events, published, topics);
            assertFalse(terminated.isDone(), "the publisher stopped: " + terminated.getNow(null));
        } finally {
            publisher.stop();
        }
    }

    /** What nginx answers at the store's endpoint when no upstream is available. */
    private static HttpServer serviceUnavailableGateway() throws IOException {
        byte[] page = ("<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
                + "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n"
                + "</body>\r\n</html>\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), s3Port), 50);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.getResponseHeaders().add("Server", "nginx");
                exchange.sendResponseHeaders(503, page.length);
                exchange.getResponseBody().write(page);
            }
        });
        server.start();
        return server;
    }

    /** Every scenario's six objects, as announced: manifest hash, artifact sizes and hashes, rendered bytes. */
    private static void assertAllObjectsInPlace(List<ScenarioSolved> events, TopicReader published, TopicCatalog topics)
            throws Exception {
        Map<String, ScenarioPublished> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : published.records()) {
            ScenarioPublished event = topics.scenarioPublished().codec().decode(record.value());
            assertEquals(new String(record.key(), StandardCharsets.UTF_8), event.key());
            byKey.put(event.key(), event);
        }
        try (ObjectStore store = new ObjectStore(storeSettings)) {
            for (ScenarioSolved solved : events) {
                ScenarioPublished event = byKey.get(solved.key());
                assertNotNull(event, "published " + solved.key());
                assertFalse(event.failed(), solved.key());
                assertEquals(solved.eventId(), event.lineage().solvedEventId());
                ScenarioArtifacts.Rendered expected = ScenarioArtifacts.render(solved);
                assertEquals(expected.scenarioPrefix(), event.artifactPrefix());
                assertEquals(expected.manifest().key(), event.manifestKey());

                Set<String> expectedKeys = new TreeSet<>();
                expected.artifacts().forEach(a -> expectedKeys.add(a.key()));
                expectedKeys.add(expected.manifest().key());
                assertEquals(expectedKeys, new TreeSet<>(store.list(event.artifactPrefix())), solved.key());

                byte[] manifestBytes = store.get(event.manifestKey()).orElseThrow();
                assertEquals(ScenarioArtifactsTest.sha256(manifestBytes), event.manifestSha256(), solved.key());
                assertArrayEquals(expected.manifest().content(), manifestBytes, solved.key() + " manifest");
                JsonNode entries = JSON.readTree(manifestBytes).get("artifacts");
                assertEquals(5, entries.size());
                for (JsonNode entry : entries) {
                    byte[] content = store.get(entry.get("key").asText()).orElseThrow();
                    assertEquals(entry.get("size").asLong(), content.length, entry.get("key").asText());
                    assertEquals(entry.get("sha256").asText(), ScenarioArtifactsTest.sha256(content),
                            entry.get("key").asText());
                }
            }
        }
    }

    private static List<ScenarioSolved> solvedEvents(String runId, int count) {
        List<ScenarioSolved> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(SOLVER.solve(ScenarioArtifactsTest.request(runId, String.format("s%02d", i),
                    new Knobs(0.8 + i * 0.03, 1.0 + (i % 3) * 0.1, 1.0), "scenario " + i, count)));
        }
        return events;
    }

    /** Waits until the publisher has been through every solved event sent so far. */
    private static void awaitPublisherThrough(KafkaSettings kafka, TopicCatalog topics) {
        Barriers.awaitConsumed(kafka, kafka.topicPrefix() + PublisherService.GROUP_ID, topics.scenarioSolved().name());
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(KafkaSettings kafka) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClientProperties.transactionalProducer(kafka, "test-solver-" + UUID.randomUUID()));
        producer.initTransactions();
        return producer;
    }

    private static ProducerRecord<byte[], byte[]> record(TopicCatalog topics, ScenarioSolved event) {
        return new ProducerRecord<>(topics.scenarioSolved().name(), event.key().getBytes(StandardCharsets.UTF_8),
                topics.scenarioSolved().codec().encode(event));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, TopicCatalog topics, List<ScenarioSolved> events) {
        producer.beginTransaction();
        events.forEach(event -> producer.send(record(topics, event)));
        producer.commitTransaction();
    }

    private static CompletableFuture<Throwable> watchTermination(PublisherService publisher) {
        CompletableFuture<Throwable> terminated = new CompletableFuture<>();
        Thread watcher = new Thread(() -> {
            try {
                terminated.complete(publisher.awaitTermination());
            } catch (InterruptedException e) {
                terminated.completeExceptionally(e);
            }
        }, "publisher-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return terminated;
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private static void startObjectStore() {
        objectStore = EmbeddedObjectStore.start(dataDir, s3Port, ACCESS_KEY, SECRET_KEY);
    }

    private static void stopObjectStore() {
        if (objectStore != null) {
            objectStore.close();
            objectStore = null;
        }
    }
}
