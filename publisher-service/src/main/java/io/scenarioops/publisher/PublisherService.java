package io.scenarioops.publisher;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TransactionalStage;
import io.scenarioops.kafka.metrics.Telemetry;
import io.scenarioops.kafka.service.ReadinessCheck;
import io.scenarioops.kafka.service.Service;
import io.scenarioops.storage.BucketCheck;
import io.scenarioops.storage.ObjectStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The publisher service: consumer group {@value #GROUP_ID} (after the topic prefix), one bucket. */
public final class PublisherService implements Service {
    public static final String GROUP_ID = "scenarioops-publisher";

    /**
     * Scenarios of a batch published at once: the work is mostly waiting on the object store.
     * Each writes its artifacts (five, seven for lp-v1) concurrently, so the writer pool holds both.
     */
    private static final int SCENARIOS_AT_ONCE = 8;
    private static final int WRITER_THREADS = SCENARIOS_AT_ONCE * 7;
    /** A batch is one transaction: keep it well inside the transaction timeout even on a slow store. */
    private static final int MAX_POLL_RECORDS = 50;

    private final ObjectStore store;
    private final ExecutorService writers;
    private final TransactionalStage stage;

    /** A publisher whose meters nobody reads. */
    public PublisherService(KafkaSettings kafka, ObjectStoreSettings objectStore) {
        this(kafka, objectStore, Telemetry.unregistered());
    }

    public PublisherService(KafkaSettings kafka, ObjectStoreSettings objectStore, Telemetry telemetry) {
        TopicCatalog topics = new TopicCatalog(kafka.topicPrefix());
        this.store = new ObjectStore(objectStore);
        this.writers = Executors.newFixedThreadPool(WRITER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "publisher-writer");
            thread.setDaemon(true);
            return thread;
        });
        this.stage = new TransactionalStage(kafka,
                TransactionalStage.Options.defaults(ScenarioPublisher.STAGE, topics.prefix() + GROUP_ID,
                        topics.scenarioSolved().name(), topics.deadLetter()).withMaxPollRecords(MAX_POLL_RECORDS)
                        .withConcurrency(SCENARIOS_AT_ONCE),
                new PublisherHandler(topics, new ScenarioPublisher(store, writers, Clock.systemUTC()),
                        new BucketCheck(store)), telemetry);
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
        writers.shutdown();
        try {
            writers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    /** The stage's checks, and the object store it publishes to. */
    @Override
    public List<ReadinessCheck> readinessChecks() {
        return stage.readinessChecksWith(new ReadinessCheck(ReadinessCheck.OBJECT_STORE, store::verifyReachable));
    }

    /** Whether the service is consuming: started and not stopped, by a call or by a failure. */
    public boolean isRunning() {
        return stage.isRunning();
    }

    /** Batches retried after a backoff, e.g. while the object store is down or refuses the credentials. */
    public long batchesRetried() {
        return stage.batchesRetried();
    }

    @Override
    public Throwable awaitTermination() throws InterruptedException {
        return stage.awaitTermination();
    }
}
