package io.scenarioops.kafka;

import io.scenarioops.core.config.KafkaSettings;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.scenarioops.kafka.metrics.DeadLetterReason;
import io.scenarioops.kafka.metrics.StageMetrics;
import io.scenarioops.kafka.metrics.Telemetry;
import io.scenarioops.kafka.service.KafkaProbe;
import io.scenarioops.kafka.service.ReadinessCheck;
import io.scenarioops.kafka.service.Service;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consume-transform-produce with exactly-once semantics: each polled batch is transformed and
 * written, together with the consumed offsets, in one Kafka transaction; inputs are read
 * {@code read_committed}. A handler that works on one record at a time splits a batch of slow
 * records by its {@link WorkBudget}: a transaction is committed once it has worked for
 * {@link WorkBudget#perTransaction()}, so that downstream stages start on the first results and no
 * transaction nears the broker's timeout; and past {@link WorkBudget#perPoll()} the rest of the
 * batch is left for the next poll, so that the consumer polls well within
 * {@code max.poll.interval.ms}.
 *
 * <p>This class runs the loop: poll, begin, send, commit; abort, rewind and back off when a batch
 * must be retried; stop cleanly. What each record writes (its outputs, a dead letter, or a retry
 * of the batch) is decided by {@link RecordTriage}, one record at a time, so that one bad record
 * never blocks the others.
 *
 * <p>Kafka itself failing is an outage, not a reason to stop: a commit or abort that Kafka does not
 * confirm in time ({@link RetriableException}, e.g. a timeout) replaces the producer and resumes
 * from the committed offsets, after a backoff, for as long as it takes. A fenced producer (another
 * instance took over its transactional id), an unauthorized one, or an {@link Error} stops the
 * stage without committing.
 *
 * <p>Its meters ({@link StageMetrics}) count what each committed batch got through, and every
 * retry; its Kafka clients' metrics are bound for as long as each client lives.
 */
public final class TransactionalStage implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalStage.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** Transforms one input record into the records to write in the same transaction. */
    public interface RecordHandler {
        List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) throws Exception;

        /**
         * Records that stand in for an input that failed for good, besides its dead letter: for
         * instance a failure event downstream, so that the run still completes and names it.
         */
        default List<ProducerRecord<byte[], byte[]>> onPermanentFailure(ConsumerRecord<byte[], byte[]> record,
                Exception error) {
            return List.of();
        }
    }

    /**
     * How long a stage works on one batch before committing what it has done, and on one poll
     * before polling again. Fast records never reach either: a batch of 100 seed scenarios takes a
     * few milliseconds. A solve of a large instance takes seconds: each is then committed on its own.
     */
    public record WorkBudget(Duration perTransaction, Duration perPoll) {
        public static final WorkBudget DEFAULT = new WorkBudget(Duration.ofMillis(500), Duration.ofSeconds(60));

        public WorkBudget {
            if (perTransaction.isNegative() || perPoll.compareTo(perTransaction) < 0) {
                throw new IllegalArgumentException("work budgets must be 0 <= per transaction <= per poll, got "
                        + perTransaction + " and " + perPoll);
            }
        }
    }

    /**
     * @param stage name used in logs, client ids and dead-letter headers
     * @param maxPollRecords batch size, and so transaction size
     * @param concurrency how many records of a batch the handler works on at once (1: one after
     *     the other); records with the same key are handled one after the other, and outputs are
     *     written in input order either way
     * @param instance this instance's stable name ({@link InstanceName#current()} unless set): with
     *     the stage and the topic prefix it makes the transactional id
     * @param budget when a one-record-at-a-time stage commits part of a batch, and leaves the rest
     *     for the next poll
     */
    public record Options(String stage, String groupId, String inputTopic, String deadLetterTopic,
            int maxPollRecords, int maxAttemptsForUnexpectedErrors, Duration initialBackoff, Duration maxBackoff,
            int concurrency, String instance, WorkBudget budget) {
        public Options {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(inputTopic, "inputTopic");
            Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
            }
        }

        /** One record at a time. */
        public Options(String stage, String groupId, String inputTopic, String deadLetterTopic, int maxPollRecords,
                int maxAttemptsForUnexpectedErrors, Duration initialBackoff, Duration maxBackoff) {
            this(stage, groupId, inputTopic, deadLetterTopic, maxPollRecords, maxAttemptsForUnexpectedErrors,
                    initialBackoff, maxBackoff, 1, InstanceName.current(), WorkBudget.DEFAULT);
        }

        public static Options defaults(String stage, String groupId, String inputTopic, String deadLetterTopic) {
            return new Options(stage, groupId, inputTopic, deadLetterTopic, 100, 5, Duration.ofMillis(100),
                    Duration.ofSeconds(30));
        }

        public Options withMaxPollRecords(int records) {
            return new Options(stage, groupId, inputTopic, deadLetterTopic, records, maxAttemptsForUnexpectedErrors,
                    initialBackoff, maxBackoff, concurrency, instance, budget);
        }

        /** For handlers that mostly wait (on an object store, say) and are safe to call from several threads. */
        public Options withConcurrency(int records) {
            return new Options(stage, groupId, inputTopic, deadLetterTopic, maxPollRecords,
                    maxAttemptsForUnexpectedErrors, initialBackoff, maxBackoff, records, instance, budget);
        }

        public Options withInstance(String name) {
            return new Options(stage, groupId, inputTopic, deadLetterTopic, maxPollRecords,
                    maxAttemptsForUnexpectedErrors, initialBackoff, maxBackoff, concurrency, name, budget);
        }

        public Options withBudget(WorkBudget workBudget) {
            return new Options(stage, groupId, inputTopic, deadLetterTopic, maxPollRecords,
                    maxAttemptsForUnexpectedErrors, initialBackoff, maxBackoff, concurrency, instance, workBudget);
        }

        /** For one of several instances of the stage in one process: each needs its own transactional id. */
        public Options withInstanceIndex(int index) {
            return withInstance(instance + "-" + index);
        }

        /**
         * The same for every start of this instance, so that a restarted one fences its
         * predecessor at once; different for other instances, stages and pipelines (topic prefixes).
         */
        public String transactionalId(String topicPrefix) {
            return transactionalIdPrefix(topicPrefix, stage) + instance;
        }
    }

    /**
     * What the transactional ids of every instance of {@code stage} start with: one prefixed ACL
     * covers them all, however many instances there are.
     */
    public static String transactionalIdPrefix(String topicPrefix, String stage) {
        return "scenarioops-" + topicPrefix + stage + "-";
    }

    private final KafkaSettings kafka;
    private final Options options;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong recordsCommitted = new AtomicLong();
    private final AtomicLong recordsDeadLettered = new AtomicLong();
    private final AtomicLong batchesRetried = new AtomicLong();
    private final RecordTriage triage;
    private final RetryBackoff retryBackoff;
    private final ExecutorService handlerThreads;
    private final Telemetry telemetry;
    private final StageMetrics metrics;
    private final KafkaProbe kafkaProbe;
    private KafkaClientMetrics consumerMetrics;
    private KafkaClientMetrics producerMetrics;
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** Touched by the stage's thread only; replaced when Kafka leaves a transaction's outcome unknown. */
    private KafkaProducer<byte[], byte[]> producer;
    private Thread thread;
    private int consecutiveFailedBatches;

    /** A stage whose meters nobody reads. */
    public TransactionalStage(KafkaSettings kafka, Options options, RecordHandler handler) {
        this(kafka, options, handler, Telemetry.unregistered());
    }

    public TransactionalStage(KafkaSettings kafka, Options options, RecordHandler handler, Telemetry telemetry) {
        this.kafka = kafka;
        this.options = options;
        this.telemetry = telemetry;
        this.metrics = telemetry.stage(options.stage());
        this.kafkaProbe = new KafkaProbe(kafka, name() + "-readiness");
        this.triage = new RecordTriage(name(), options.stage(), options.deadLetterTopic(),
                options.maxAttemptsForUnexpectedErrors(), handler);
        this.retryBackoff = new RetryBackoff(options.initialBackoff(), options.maxBackoff());
        this.handlerThreads = options.concurrency() == 1 ? null
                : Executors.newFixedThreadPool(options.concurrency(), runnable -> {
                    Thread thread = new Thread(runnable, options.stage() + "-handler");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public String name() {
        return options.stage() + "-" + options.instance();
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name());
        thread.start();
        try {
            if (!started.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name() + " did not start within 60 s (is Kafka at "
                        + kafka.bootstrapServers() + " reachable?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name(), e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(name() + " failed to start: " + failure.get(), failure.get());
        }
    }

    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        stopRequested.countDown();
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        kafkaProbe.close();
    }

    /** Kafka reachable, the stage consuming and not stuck in an outage for longer than the telemetry allows. */
    @Override
    public List<ReadinessCheck> readinessChecks() {
        return List.of(kafkaProbe.check(),
                new ReadinessCheck(ReadinessCheck.STAGE, () -> {
                    if (!isRunning()) {
                        throw new IllegalStateException(name() + " is not running");
                    }
                }),
                ReadinessCheck.noOutageLongerThan(metrics, telemetry.maxOutage()));
    }

    /** {@link #readinessChecks()} and those of the peers the handler needs. */
    public List<ReadinessCheck> readinessChecksWith(ReadinessCheck... peers) {
        List<ReadinessCheck> checks = new ArrayList<>(readinessChecks());
        checks.addAll(List.of(peers));
        return checks;
    }

    /** Blocks until the stage stops; returns the error that stopped it, or null after a clean stop. */
    public Throwable awaitTermination() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
        return failure.get();
    }

    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public long recordsCommitted() {
        return recordsCommitted.get();
    }

    public long recordsDeadLettered() {
        return recordsDeadLettered.get();
    }

    /** Batches aborted to be retried after a backoff: it grows for as long as an outage lasts. */
    public long batchesRetried() {
        return batchesRetried.get();
    }

    private void run() {
        boolean crashed = false;
        try {
            useProducer(initialisedProducer());
            consumer = new KafkaConsumer<>(KafkaClientProperties.readCommittedConsumer(kafka, options.groupId(),
                    name(), options.maxPollRecords()));
            consumerMetrics = metrics.bindClient(consumer);
            consumer.subscribe(List.of(options.inputTopic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    triage.revoked(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            LOG.info("{} consuming {} as group {}", name(), options.inputTopic(), options.groupId());
            started.countDown();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    processPolled(records);
                }
            }
        } catch (WakeupException e) {
            // stop() woke a blocking poll: the last batch was already committed or aborted.
        } catch (FatalStageException e) {
            failure.set(e.getCause());
            Throwable cause = e.getCause();
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                LOG.error("{} stopped: fenced ({}): most likely another process started with its transactional id"
                        + " {}. Two instances of a stage need distinct INSTANCE_NAMEs (it defaults to the host name);"
                        + " after a restart this is the old process being replaced, as intended. A transaction that"
                        + " outlived transaction.timeout.ms is fenced the same way", name(), cause.toString(),
                        options.transactionalId(kafka.topicPrefix()));
            } else {
                LOG.error("{} stopped: {}", name(), cause.toString(), cause);
            }
        } catch (Error e) {
            crashed = true;
            failure.set(e);
            LOG.error("{} crashed; its open transaction is not committed", name(), e);
        } catch (RuntimeException e) {
            failure.set(e);
            LOG.error("{} stopped on an unexpected error", name(), e);
        } finally {
            started.countDown();
            metrics.stopped();
            closeProducer(crashed);
            KafkaConsumer<byte[], byte[]> c = consumer;
            consumer = null;
            if (consumerMetrics != null) {
                consumerMetrics.close();
                consumerMetrics = null;
            }
            if (c != null) {
                c.close(crashed ? Duration.ZERO : Duration.ofSeconds(5));
            }
            if (handlerThreads != null) {
                handlerThreads.shutdownNow();
            }
            LOG.info("{} stopped after committing {} records ({} dead-lettered)", name(), recordsCommitted.get(),
                    recordsDeadLettered.get());
        }
    }

    /**
     * The polled records in transactions: all of them in one, or, one record at a time, as many
     * as the budget allows per transaction and per poll; what is left goes back to the next poll.
     */
    private void processPolled(ConsumerRecords<byte[], byte[]> polled) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(polled.count());
        polled.forEach(records::add);
        long pollDeadline = System.nanoTime() + options.budget().perPoll().toNanos();
        int next = 0;
        while (next < records.size()) {
            if (next > 0 && System.nanoTime() - pollDeadline >= 0) {
                LOG.debug("{}: {} of {} records handled within the poll's budget; polling again for the rest", name(),
                        next, records.size());
                rewindTo(records.subList(next, records.size()));
                return;
            }
            next = processTransaction(records, next);
        }
    }

    /**
     * One transaction over {@code records} from {@code from}: returns the index after its last
     * record once committed, or {@code records.size()} when it was aborted and every record from
     * {@code from} on was rewound for the next poll.
     */
    private int processTransaction(List<ConsumerRecord<byte[], byte[]>> records, int from) {
        BatchTally tally = new BatchTally();
        int end = from;
        try {
            producer.beginTransaction();
            if (handlerThreads == null) {
                // each record's outputs leave as soon as they exist, overlapping with the next record's work
                long transactionDeadline = System.nanoTime() + options.budget().perTransaction().toNanos();
                do {
                    send(timedTriage(records.get(end)), tally);
                    end++;
                } while (end < records.size() && System.nanoTime() - transactionDeadline < 0);
            } else {
                for (RecordTriage.Outputs outputs : handledConcurrently(records.subList(from, records.size()))) {
                    send(outputs, tally);
                }
                end = records.size();
            }
            List<ConsumerRecord<byte[], byte[]>> done = records.subList(from, end);
            producer.sendOffsetsToTransaction(nextOffsets(done), consumer.groupMetadata());
            producer.commitTransaction();
            triage.committed(done);
            recordsCommitted.addAndGet(done.size());
            recordsDeadLettered.addAndGet(tally.deadLettered());
            tally.count(metrics, done.size());
            consecutiveFailedBatches = 0;
            return end;
        } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
                | AuthorizationException | UnsupportedVersionException e) {
            throw new FatalStageException(e);
        } catch (RecordTriage.RetryBatchException e) {
            abortAndRewind(records.subList(from, records.size()), e.getCause());
        } catch (RetriableException e) {
            metrics.retried();
            // A timed-out commit may still complete: neither abort nor a second commit is safe.
            LOG.warn("{}: Kafka did not confirm the transaction of {} records in time ({}); treating it as an"
                    + " outage: replacing the producer and resuming from the committed offsets", name(),
                    end - from, e.toString());
            replaceProducerAndResume();
        } catch (KafkaException e) {
            abortAndRewind(records.subList(from, records.size()), e);
        }
        return records.size();
    }

    private void send(RecordTriage.Outputs outputs, BatchTally tally) {
        for (ProducerRecord<byte[], byte[]> out : outputs.records()) {
            producer.send(out);
        }
        tally.add(outputs);
    }

    /** One record's triage, timed: the stage's work per record (a solve, a publish). */
    private RecordTriage.Outputs timedTriage(ConsumerRecord<byte[], byte[]> record) {
        Timer.Sample sample = metrics.startRecord();
        try {
            return triage.triage(record);
        } finally {
            metrics.stopRecord(sample);
        }
    }

    /**
     * Every record's outputs, in input order, worked on concurrently; a retry of any record retries
     * the batch. A record waits for the one before it with the same key: a handler may decide by
     * what an earlier event of its scenario left in the object store.
     */
    private List<RecordTriage.Outputs> handledConcurrently(List<ConsumerRecord<byte[], byte[]>> records) {
        List<RecordTriage.Outputs> all = new ArrayList<>(records.size());
        List<Future<RecordTriage.Outputs>> pending = new ArrayList<>(records.size());
        Map<ByteBuffer, CompletableFuture<RecordTriage.Outputs>> lastOfKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ByteBuffer key = record.key() == null ? null : ByteBuffer.wrap(record.key());
            CompletableFuture<RecordTriage.Outputs> before = key == null ? null : lastOfKey.get(key);
            CompletableFuture<RecordTriage.Outputs> handled = before == null
                    ? CompletableFuture.supplyAsync(() -> timedTriage(record), handlerThreads)
                    : before.handleAsync((outputs, failure) -> timedTriage(record), handlerThreads);
            if (key != null) {
                lastOfKey.put(key, handled);
            }
            pending.add(handled);
        }
        Throwable first = null;
        for (Future<RecordTriage.Outputs> result : pending) {
            try {
                all.add(result.get());
            } catch (ExecutionException e) {
                // every record is waited for, so none is still being handled when the batch is retried
                if (first == null) {
                    first = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecordTriage.RetryBatchException(e);
            }
        }
        if (first instanceof Error error) {
            throw error;
        }
        if (first instanceof RuntimeException retry) {
            throw retry;
        }
        if (first != null) {
            throw new RecordTriage.RetryBatchException(first);
        }
        return all;
    }

    /** Aborts the open transaction and rewinds to {@code records}, every record it had not committed. */
    private void abortAndRewind(List<ConsumerRecord<byte[], byte[]>> records, Throwable cause) {
        Duration backoff = retryBackoff.after(++consecutiveFailedBatches);
        batchesRetried.incrementAndGet();
        metrics.retried();
        LOG.warn("{}: batch of {} records aborted (attempt {}), retrying in {} ms: {}", name(), records.size(),
                consecutiveFailedBatches, backoff.toMillis(), cause.toString());
        try {
            producer.abortTransaction();
        } catch (RetriableException e) {
            LOG.warn("{}: Kafka did not confirm the abort in time ({}); treating it as an outage: replacing the"
                    + " producer and resuming from the committed offsets", name(), e.toString());
            replaceProducerAndResume();
            return;
        } catch (KafkaException e) {
            throw new FatalStageException(e);
        }
        rewindTo(records);
        awaitBackoff(backoff);
    }

    /** The next poll starts, in each partition, at the first of {@code records} (in poll order). */
    private void rewindTo(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            first.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        first.forEach((partition, offset) -> {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    /**
     * Closes the producer whose transaction is in doubt and opens one with the same transactional
     * id: its initialisation fences the old one and lets the coordinator finish or abort the open
     * transaction. The group's committed offsets then say which records that transaction covered,
     * so reading resumes there, neither skipping nor repeating a committed record. Retried with
     * backoff for as long as Kafka stays unreachable.
     */
    private void replaceProducerAndResume() {
        closeProducer(true);
        while (running) {
            Duration backoff = retryBackoff.after(++consecutiveFailedBatches);
            awaitBackoff(backoff);
            try {
                useProducer(initialisedProducer());
                rewindToCommittedOffsets();
                LOG.info("{}: producer replaced, resuming from the committed offsets", name());
                return;
            } catch (RetriableException e) {
                closeProducer(true);
                metrics.retried();
                LOG.warn("{}: Kafka still unavailable after {} attempts ({}); retrying", name(),
                        consecutiveFailedBatches, e.toString());
            }
        }
    }

    private KafkaProducer<byte[], byte[]> initialisedProducer() {
        KafkaProducer<byte[], byte[]> created =
                new KafkaProducer<>(KafkaClientProperties.transactionalProducer(kafka, options.transactionalId(kafka.topicPrefix())));
        try {
            created.initTransactions();
            return created;
        } catch (RuntimeException e) {
            closeQuietly(created, true);
            throw e;
        }
    }

    private void rewindToCommittedOffsets() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
    }

    private void awaitBackoff(Duration backoff) {
        try {
            stopRequested.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            // in poll order, so the last record of each partition wins
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        return offsets;
    }

    private void useProducer(KafkaProducer<byte[], byte[]> initialised) {
        producer = initialised;
        producerMetrics = metrics.bindClient(initialised);
    }

    /** Closes the stage's producer, if any, and unbinds its metrics. */
    private void closeProducer(boolean crashed) {
        if (producerMetrics != null) {
            producerMetrics.close();
            producerMetrics = null;
        }
        closeQuietly(producer, crashed);
        producer = null;
    }

    private void closeQuietly(KafkaProducer<byte[], byte[]> producer, boolean crashed) {
        if (producer == null) {
            return;
        }
        try {
            producer.close(crashed ? Duration.ZERO : Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debug("{}: error while closing the producer", name(), e);
        }
    }

    /** What a batch's records wrote besides their outputs: counted once the batch commits. */
    private static final class BatchTally {
        private final Map<DeadLetterReason, Integer> deadLettered = new EnumMap<>(DeadLetterReason.class);
        private int standIns;

        void add(RecordTriage.Outputs outputs) {
            if (outputs.deadLettered()) {
                deadLettered.merge(outputs.deadLetterReason(), 1, Integer::sum);
                standIns += outputs.standIns();
            }
        }

        int deadLettered() {
            return deadLettered.values().stream().mapToInt(Integer::intValue).sum();
        }

        void count(StageMetrics metrics, int processed) {
            deadLettered.forEach(metrics::deadLettered);
            metrics.failedStandIns(standIns);
            metrics.processed(processed);
        }
    }

    private static final class FatalStageException extends RuntimeException {
        FatalStageException(Throwable cause) {
            super(cause);
        }
    }
}
