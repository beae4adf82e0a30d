package io.scenarioops.qc;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.kafka.Failures;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.kafka.RetryBackoff;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.runstore.RunDatabase;
import io.scenarioops.runstore.RunWriter;
import io.scenarioops.kafka.metrics.StageMetrics;
import io.scenarioops.kafka.metrics.Telemetry;
import io.scenarioops.kafka.service.KafkaProbe;
import io.scenarioops.kafka.service.ReadinessCheck;
import io.scenarioops.kafka.service.Service;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.List;
import io.scenarioops.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QC service: the two halves of the {@link QcTopology} as two Kafka Streams clients with
 * exactly_once_v2, the checks ({@value #CHECKS_APPLICATION_ID}) and the runs' aggregation
 * ({@value #APPLICATION_ID}). The run-state stores are backed by changelog topics, so a restarted
 * instance picks up half-checked runs.
 *
 * <p>Why two clients: a stream thread gives each of its tasks the same number of records per
 * round. In one client the run's single aggregation task shared its thread with the check tasks,
 * which take milliseconds a record, and was fed one record per round: a sweep's aggregation
 * started only once everything was published ({@code checked 0/1000} until
 * {@code published 1000/1000}). With a thread of its own it keeps up with the checks.
 */
public final class QcService implements Service {
    /** The aggregation's application id: its state stores' changelogs carry it. */
    public static final String APPLICATION_ID = "scenarioops-qc";
    /** The checks' application id; the checks keep no state. */
    public static final String CHECKS_APPLICATION_ID = APPLICATION_ID + "-checks";

    private static final Logger LOG = LoggerFactory.getLogger(QcService.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMillis(100), MAX_BACKOFF);
    /**
     * A replaced stream thread does not leave the group; the rebalance that brings in its
     * replacement waits until the coordinator expires the old member after the session timeout
     * (45 s by default), which after a one-second outage would stall QC for most of a minute.
     */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A member learns of a rebalance from a heartbeat. On a new data dir the first assignment
     * creates the repartition and changelog topics, the leader re-joins as soon as it sees them,
     * and the other stream thread followed only at its next heartbeat: up to the default 3 s of
     * the stack start, which took 3.4 s or 5.1 s depending on that wait.
     */
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(500);

    /**
     * Each of the checks' stream threads checks one scenario at a time, waiting on the object
     * store for most of it; two threads keep both cores busy.
     */
    static final int CHECK_THREADS = 2;
    /** A run's inputs all go to one task; one thread drains it between the checks' commits. */
    static final int AGGREGATION_THREADS = 1;
    /**
     * Under exactly-once a checked scenario reaches its run's aggregation, through the
     * run-inputs topic, only when the checks' transaction commits, and the run's completion only at the
     * next commit: with the default 100 ms interval that is 200 ms of a seed run's latency.
     * A stream thread checks the interval after each batch it processes; once its input is
     * drained, it checks again only after its next poll, which blocks for {@code poll.ms} (100 ms
     * by default) when nothing new arrives. So a run's last commit would wait up to that long
     * unless the poll is as short as the interval.
     */
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(20);
    /**
     * The state updater restores its tasks a few at a time with one consumer. The broker answers
     * one request per connection at a time, so while that consumer's fetch of empty changelogs
     * waits out {@code fetch.max.wait.ms} (500 ms by default), the offset lookup for the next
     * tasks' changelogs waits behind it: twice 0.5 s of a new data dir's start, where Streams took
     * 1.8–2.0 s from REBALANCING to RUNNING and 1.0–1.3 s with this. A fetch that finds records
     * returns at once, so restoring a long changelog is not slowed.
     */
    private static final Duration RESTORE_FETCH_MAX_WAIT = Duration.ofMillis(20);
    /** A scenario's manifest and five artifacts, read side by side. */
    private static final int READS_PER_SCENARIO = 6;

    private final ScenarioOpsConfig config;
    private final Duration stateRetention;
    private final Telemetry telemetry;
    private final StageMetrics metrics;
    private final KafkaProbe kafkaProbe;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** One latch per Kafka Streams client, counted down when it first reaches RUNNING (or stops). */
    private final List<CountDownLatch> running = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile long lastFailureNanos;
    /** Volatile: the readiness checks read them from other threads while start() holds the lock. */
    private volatile ObjectStore store;
    private ConcurrentStoreSource artifacts;
    private volatile RunDatabase runDatabase;
    private volatile KafkaStreams checks;
    private volatile KafkaStreams aggregation;
    private List<KafkaStreamsMetrics> streamsMetrics;

    /** The state retention comes from the environment ({@value StateRetention#VARIABLE}); meters unread. */
    public QcService(ScenarioOpsConfig config) {
        this(config, Telemetry.unregistered());
    }

    /** The state retention comes from the environment ({@value StateRetention#VARIABLE}). */
    public QcService(ScenarioOpsConfig config, Telemetry telemetry) {
        this(config, StateRetention.fromEnv(System.getenv()), telemetry);
    }

    /** Meters unread. */
    public QcService(ScenarioOpsConfig config, Duration stateRetention) {
        this(config, stateRetention, Telemetry.unregistered());
    }

    public QcService(ScenarioOpsConfig config, Duration stateRetention, Telemetry telemetry) {
        this.config = config;
        this.stateRetention = stateRetention;
        this.telemetry = telemetry;
        this.metrics = telemetry.stage(QcTopology.STAGE);
        this.kafkaProbe = new KafkaProbe(config.kafka(), applicationId(config.kafka()) + "-readiness");
    }

    @Override
    public String name() {
        return "qc";
    }

    @Override
    public synchronized void start() {
        if (aggregation != null) {
            return;
        }
        KafkaSettings kafka = config.kafka();
        store = new ObjectStore(config.objectStore());
        runDatabase = RunDatabase.openAndMigrate(config.postgres());
        store.ensureBucket();
        artifacts = new ConcurrentStoreSource(store, CHECK_THREADS * READS_PER_SCENARIO);
        running.clear();
        TopicCatalog catalog = new TopicCatalog(kafka.topicPrefix());
        checks = client(QcTopology.checks(catalog, artifacts, Clock.systemUTC(), metrics),
                checksApplicationId(kafka), CHECK_THREADS);
        aggregation = client(QcTopology.aggregation(catalog, artifacts,
                        new StoreAndDatabaseRecorder(store, new RunWriter(runDatabase)), Clock.systemUTC(),
                        stateRetention, metrics),
                applicationId(kafka), AGGREGATION_THREADS);
        streamsMetrics = List.of(checks, aggregation).stream()
                .map(client -> metrics.bind((tags, scheduler, refresh) ->
                        new KafkaStreamsMetrics(client, tags, scheduler, refresh)))
                .toList();
        checks.start();
        aggregation.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            for (CountDownLatch client : running) {
                if (!client.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    LOG.warn("qc: streams not RUNNING after 90 s (checks {}, aggregation {}); carrying on",
                            checks.state(), aggregation.state());
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("qc checking {} and {} as application {}, aggregating {} as application {}; run state kept {}"
                + " after a run's last change", catalog.scenarioRequested().name(), catalog.scenarioPublished().name(),
                checksApplicationId(kafka), catalog.qcRunInputs(), applicationId(kafka), stateRetention);
    }

    @Override
    public synchronized void stop() {
        if (aggregation == null) {
            return;
        }
        // Streams stays in its group on close by default; the next start (a restart, the next
        // demo on the same data dir) then waits out the session timeout before it gets its tasks.
        CloseOptions leave = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30));
        // Side by side: each close commits its tasks, leaves its group and waits on the broker for
        // much of that. Before the clients' metrics left JMX, the two closes fought over the
        // MBeans' re-registration and side by side was slower.
        KafkaStreams closingChecks = checks;
        CompletableFuture<Boolean> checksClosed = CompletableFuture.supplyAsync(() -> closingChecks.close(leave),
                task -> new Thread(task, "qc-checks-close").start());
        aggregation.close(leave);
        checksClosed.join();
        streamsMetrics.forEach(KafkaStreamsMetrics::close);
        kafkaProbe.close();
        runDatabase.close();
        artifacts.close();
        store.close();
        aggregation = null;
        checks = null;
        stopped.countDown();
        LOG.info("qc stopped");
    }

    /**
     * The state of QC's streams: the checks' unless they are RUNNING, then the aggregation's;
     * {@code NOT_RUNNING} before {@link #start()} and after {@link #stop()}.
     */
    public synchronized KafkaStreams.State state() {
        return state(checks, aggregation);
    }

    private static KafkaStreams.State state(KafkaStreams checks, KafkaStreams aggregation) {
        if (checks == null || aggregation == null) {
            return KafkaStreams.State.NOT_RUNNING;
        }
        KafkaStreams.State checking = checks.state();
        return checking == KafkaStreams.State.RUNNING ? aggregation.state() : checking;
    }

    /**
     * Kafka, the object store and the database reachable, the streams running (or rebalancing), and
     * no outage retried for longer than the telemetry allows.
     */
    @Override
    public List<ReadinessCheck> readinessChecks() {
        return List.of(kafkaProbe.check(),
                new ReadinessCheck(ReadinessCheck.STREAMS, () -> {
                    KafkaStreams.State state = state(checks, aggregation);
                    if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
                        throw new IllegalStateException("streams " + state);
                    }
                }),
                new ReadinessCheck(ReadinessCheck.OBJECT_STORE,
                        () -> ReadinessCheck.started(store, name()).verifyReachable()),
                new ReadinessCheck(ReadinessCheck.DATABASE,
                        () -> ReadinessCheck.started(runDatabase, name()).verifyReachable()),
                ReadinessCheck.noOutageLongerThan(metrics, telemetry.maxOutage()));
    }

    @Override
    public Throwable awaitTermination() throws InterruptedException {
        stopped.await();
        return failure.get();
    }

    /**
     * Transient failures (object store, database) replace the thread after a backoff; others stop
     * QC. A single record's failure never gets here: QcTopology and {@link QcErrorHandler}
     * dead-letter it.
     */
    private StreamThreadExceptionResponse onStreamThreadError(Throwable error) {
        if (Failures.isTransient(error)) {
            // A replaced thread is RUNNING again at once, so only a quiet spell ends an outage.
            long now = System.nanoTime();
            if (now - lastFailureNanos > 2 * MAX_BACKOFF.toNanos()) {
                consecutiveFailures.set(0);
            }
            lastFailureNanos = now;
            int attempt = consecutiveFailures.incrementAndGet();
            metrics.retried();
            long backoff = BACKOFF.after(attempt).toMillis();
            LOG.warn("qc: transient failure (attempt {}), retrying in {} ms: {}", attempt, backoff, error.toString());
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("qc: stopping on an unrecoverable error", error);
        failure.set(error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private KafkaStreams client(Topology topology, String applicationId, int threads) {
        KafkaStreams instance = new KafkaStreams(topology, streamsProperties(config.kafka(), applicationId, threads));
        CountDownLatch instanceRunning = new CountDownLatch(1);
        running.add(instanceRunning);
        instance.setUncaughtExceptionHandler(this::onStreamThreadError);
        instance.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING) {
                instanceRunning.countDown();
            } else if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
                instanceRunning.countDown();
                stopped.countDown();
            }
        });
        return instance;
    }

    private Properties streamsProperties(KafkaSettings kafka, String applicationId, int threads) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(kafka.replicationFactor()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.dataDir().toAbsolutePath().resolve("qc-streams").toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "100");
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(COMMIT_INTERVAL.toMillis()));
        props.put(StreamsConfig.POLL_MS_CONFIG, Long.toString(COMMIT_INTERVAL.toMillis()));
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                Long.toString(SESSION_TIMEOUT.toMillis()));
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                Long.toString(HEARTBEAT_INTERVAL.toMillis()));
        // The topology has no global state; this only opts in to the behaviour Kafka 5.0 makes the default.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        // Each stream thread's partition assignor builds a StreamsConfig from the main consumer's
        // settings alone, and would warn that the setting above is off.
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                "true");
        errorHandling(props, new TopicCatalog(kafka.topicPrefix()), metrics);
        props.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                Long.toString(RESTORE_FETCH_MAX_WAIT.toMillis()));
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                KafkaClientProperties.GROUP_FETCH_MAX_WAIT_MS);
        // Same reason as the other stages: back-to-back transactions otherwise wait 100 ms per refused commit.
        props.put(StreamsConfig.producerPrefix(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG), "10");
        return KafkaClientProperties.streams(kafka, props);
    }

    /** Every record that fails for a reason other than an outage goes to the dead-letter topic (KIP-1034). */
    static void errorHandling(Properties props, TopicCatalog topics, StageMetrics metrics) {
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, QcErrorHandler.class);
        props.put(QcErrorHandler.METRICS_CONFIG, metrics);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, QcErrorHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetter());
    }

    static String applicationId(KafkaSettings kafka) {
        return kafka.topicPrefix() + APPLICATION_ID;
    }

    static String checksApplicationId(KafkaSettings kafka) {
        return kafka.topicPrefix() + CHECKS_APPLICATION_ID;
    }
}
