package io.scenarioops.kafka.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The meters of one pipeline stage (solver, publisher, qc), every one tagged
 * {@code service=<stage>} so that stages sharing a registry (all services in one JVM) stay apart:
 * records processed, dead-lettered by {@link DeadLetterReason}, failed stand-ins written, retries,
 * outages and how long the current one has lasted, the time per record, and the stage's Kafka
 * clients' own metrics (consumer lag among them). Thread-safe.
 *
 * <p>An outage begins with the first failure that is retried and ends with the next record the
 * stage gets through; {@link #ongoingOutage()} says how long it has lasted, for readiness.
 */
public final class StageMetrics {
    public static final String PROCESSED = "scenarioops.stage.processed";
    public static final String DEAD_LETTERED = "scenarioops.stage.dead.lettered";
    public static final String FAILED_STAND_INS = "scenarioops.stage.failed.stand.ins";
    public static final String RETRIES = "scenarioops.stage.retries";
    public static final String OUTAGES = "scenarioops.stage.outages";
    public static final String OUTAGE_DURATION = "scenarioops.stage.outage.duration";
    public static final String RECORD_DURATION = "scenarioops.stage.record.duration";
    public static final String SERVICE_TAG = "service";

    /**
     * Kafka clients add meters as they go (a partition's lag once it is assigned); the binder's
     * default of looking for them once a minute would hide a new partition's lag that long.
     */
    private static final Duration CLIENT_METRICS_REFRESH = Duration.ofSeconds(5);
    private static final ScheduledExecutorService CLIENT_METRICS_SCHEDULER =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "kafka-client-metrics");
                thread.setDaemon(true);
                return thread;
            });

    private static final long NO_OUTAGE = Long.MIN_VALUE;
    /** Per registry and stage, every instance made: see {@link #registerOutageGauge}. */
    private static final Map<MeterRegistry, Map<String, Set<StageMetrics>>> INSTANCES = new WeakHashMap<>();

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter processed;
    private final Map<DeadLetterReason, Counter> deadLettered = new EnumMap<>(DeadLetterReason.class);
    private final Counter failedStandIns;
    private final Counter retries;
    private final Counter outages;
    private final Timer recordDuration;
    /** {@link System#nanoTime()} when the ongoing outage began; {@link #NO_OUTAGE} if none. */
    private final AtomicLong outageSince = new AtomicLong(NO_OUTAGE);

    public StageMetrics(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.tags = Tags.of(SERVICE_TAG, stage);
        this.processed = Counter.builder(PROCESSED).tags(tags)
                .description("Input records the stage got through (committed, dead letters included)")
                .register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLettered.put(reason, Counter.builder(DEAD_LETTERED).tags(tags).tag("reason", reason.tag())
                    .description("Input records sent to the dead-letter topic, by reason class")
                    .register(registry));
        }
        this.failedStandIns = Counter.builder(FAILED_STAND_INS).tags(tags)
                .description("Failure events written in place of a dead-lettered input, so its run still completes")
                .register(registry);
        this.retries = Counter.builder(RETRIES).tags(tags)
                .description("Work aborted to be retried after a backoff (a batch, or a stream thread)")
                .register(registry);
        this.outages = Counter.builder(OUTAGES).tags(tags)
                .description("Outages begun: a retried failure after the stage had got through its records")
                .register(registry);
        registerOutageGauge(registry, stage, tags, this);
        this.recordDuration = Timer.builder(RECORD_DURATION).tags(tags)
                .description("Time to handle one input record: a solve, a publish, a QC check")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    /**
     * Instances of one stage in one registry (two solvers in one JVM) share their counters, and
     * one gauge reports the longest of their ongoing outages: a gauge registered per instance
     * would keep the first one's value only. The instances are held weakly, and the map holds
     * nothing that reaches its registry key, so neither outlives its use.
     */
    private static void registerOutageGauge(MeterRegistry registry, String stage, Tags tags, StageMetrics metrics) {
        synchronized (INSTANCES) {
            Map<String, Set<StageMetrics>> byStage = INSTANCES.computeIfAbsent(registry, r -> new HashMap<>());
            Set<StageMetrics> instances = byStage.get(stage);
            if (instances == null) {
                instances = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
                byStage.put(stage, instances);
                Gauge.builder(OUTAGE_DURATION, instances, StageMetrics::longestOngoingOutageSeconds)
                        .tags(tags).baseUnit("seconds")
                        .description("How long the ongoing outage has lasted; 0 when there is none")
                        .strongReference(true)
                        .register(registry);
            }
            instances.add(metrics);
        }
    }

    private static double longestOngoingOutageSeconds(Set<StageMetrics> instances) {
        synchronized (instances) {
            return instances.stream().map(StageMetrics::ongoingOutage).flatMap(Optional::stream)
                    .mapToDouble(d -> d.toNanos() / 1e9).max().orElse(0.0);
        }
    }

    /** The stage stopped: whatever outage it was in is no longer one the gauge reports. */
    public void stopped() {
        outageSince.set(NO_OUTAGE);
    }

    /** {@code records} more got through; an outage, if any, is over. */
    public void processed(int records) {
        processed.increment(records);
        outageSince.set(NO_OUTAGE);
    }

    public void deadLettered(DeadLetterReason reason, int records) {
        deadLettered.get(reason).increment(records);
    }

    public void failedStandIns(int records) {
        failedStandIns.increment(records);
    }

    /** Work failed on an outage and will be retried; the first such failure begins an outage. */
    public void retried() {
        retries.increment();
        if (outageSince.compareAndSet(NO_OUTAGE, System.nanoTime())) {
            outages.increment();
        }
    }

    /** How long the ongoing outage has lasted, if there is one. */
    public Optional<Duration> ongoingOutage() {
        long since = outageSince.get();
        return since == NO_OUTAGE ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - since));
    }

    public Timer.Sample startRecord() {
        return Timer.start(registry);
    }

    public void stopRecord(Timer.Sample sample) {
        sample.stop(recordDuration);
    }

    /** Binds a consumer's or producer's metrics until the returned binder is closed (with the client). */
    public KafkaClientMetrics bindClient(Consumer<?, ?> consumer) {
        return bind((tags, scheduler, refresh) -> new KafkaClientMetrics(consumer, tags, scheduler, refresh));
    }

    public KafkaClientMetrics bindClient(Producer<?, ?> producer) {
        return bind((tags, scheduler, refresh) -> new KafkaClientMetrics(producer, tags, scheduler, refresh));
    }

    /** Binds Kafka metrics (Micrometer's Kafka binders) with this stage's tags until the binder is closed. */
    public <B extends MeterBinder & AutoCloseable> B bind(KafkaBinding<B> binding) {
        B binder = binding.create(tags, CLIENT_METRICS_SCHEDULER, CLIENT_METRICS_REFRESH);
        binder.bindTo(registry);
        return binder;
    }

    /** How to make a Micrometer Kafka binder: {@code (tags, scheduler, refresh) -> new KafkaStreamsMetrics(...)}. */
    @FunctionalInterface
    public interface KafkaBinding<B extends MeterBinder & AutoCloseable> {
        B create(Iterable<Tag> tags, ScheduledExecutorService scheduler, Duration refreshInterval);
    }
}
