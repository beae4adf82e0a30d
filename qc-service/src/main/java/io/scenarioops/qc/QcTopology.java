package io.scenarioops.qc;

import io.scenarioops.core.RefusedEventException;
import io.scenarioops.events.EventCodec;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.EventSerde;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.Failures;
import io.scenarioops.kafka.metrics.DeadLetterReason;
import io.scenarioops.kafka.metrics.StageMetrics;
import io.micrometer.core.instrument.Timer;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.storage.ObjectLayout;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QC as a Kafka Streams topology:
 * <pre>
 *            checks                                                      aggregation
 * scenario-requested ─▶ read-request ───┐
 * scenario-published ─▶ check-scenario ─┴─┬─▶ scenario-dlq     (unreadable, mis-keyed, foreign object keys)
 *                                         └─▶ scenarioops-qc-run-inputs ─▶ aggregate-run ─┬─▶ run-completed
 *                                             (keyed by run_id)                           └─▶ scenario-dlq (not the run's)
 * </pre>
 * The two halves run as two Kafka Streams clients ({@link QcService} says why).
 * {@code check-scenario} reads the scenario's own objects back (keys derived from its ids) and runs
 * the {@link QualityGate}. {@code aggregate-run} holds, per run, what its request fixed (dt,
 * scenario count, each scenario's request event id) and each scenario's result; it merges a
 * checked scenario only if the run's request agrees with it, records it, and completes the run
 * once every scenario is checked. A checked scenario whose request has not arrived yet waits for
 * it (the topics are read independently) for up to {@link #REQUEST_WAIT}. Runs unchanged for the
 * state retention are dropped from every store.
 *
 * <p>A record QC refuses, or whose processing fails for a reason other than an outage, goes to
 * {@code scenario-dlq} with the original bytes; exceptions that escape a processor are
 * dead-lettered by {@link QcErrorHandler}. No single record stops QC.
 */
public final class QcTopology {
    public static final String STAGE = "qc";
    public static final String RUN_PROGRESS_STORE = "run-progress";
    public static final String REQUESTED_SCENARIOS_STORE = "requested-scenarios";
    public static final String SCENARIO_RESULTS_STORE = "scenario-results";
    public static final String AWAITING_REQUEST_STORE = "awaiting-request";
    /**
     * How long a published scenario waits for its run's request. The request was committed before
     * the scenario was solved, so only a reading order keeps it back, never for minutes.
     */
    public static final Duration REQUEST_WAIT = Duration.ofMinutes(15);
    /** How often waiting scenarios and expired runs are looked for. */
    static final Duration HOUSEKEEPING_INTERVAL = Duration.ofMinutes(1);
    static final String QC_INTERNAL_ERROR = "qc_internal_error";

    private static final Logger LOG = LoggerFactory.getLogger(QcTopology.class);

    private QcTopology() {
    }

    /** What leaves the reading steps: an input for its run's aggregation, or a dead letter. */
    sealed interface Routed permits RunInput, DeadLetter {
    }

    /** What leaves the aggregation: a completed run, or a dead letter. */
    sealed interface RunOutcome permits Completed, DeadLetter {
    }

    record Completed(RunCompleted event) implements RunOutcome {
    }

    /** The original value; the record carries the original key and the dead-letter headers. */
    record DeadLetter(byte[] value) implements Routed, RunOutcome {
    }

    /**
     * The checks: each published scenario checked, each request read, both keyed by run id onto
     * {@link TopicCatalog#qcRunInputs()}; what cannot be read goes to the dead-letter topic.
     */
    public static Topology checks(TopicCatalog topics, ArtifactSource artifacts, Clock clock, StageMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        addChecks(builder, topics, artifacts, clock, metrics);
        return builder.build();
    }

    /**
     * The runs' aggregation over {@link TopicCatalog#qcRunInputs()}.
     *
     * @param stateRetention how long a run's state is kept after the run last changed
     * @param metrics counts scenarios recorded and records dead-lettered, times each check; under
     *     exactly-once a record re-processed after an aborted commit counts again
     */
    public static Topology aggregation(TopicCatalog topics, ArtifactSource artifacts, QcRecorder recorder, Clock clock,
            Duration stateRetention, StageMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        addAggregation(builder, topics, artifacts, recorder, clock, stateRetention, metrics);
        return builder.build();
    }

    /** Both halves in one topology, joined by the run-inputs topic, as one test driver runs them. */
    static Topology checksAndAggregation(TopicCatalog topics, ArtifactSource artifacts, QcRecorder recorder,
            Clock clock, Duration stateRetention, StageMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        addChecks(builder, topics, artifacts, clock, metrics);
        addAggregation(builder, topics, artifacts, recorder, clock, stateRetention, metrics);
        return builder.build();
    }

    private static void addChecks(StreamsBuilder builder, TopicCatalog topics, ArtifactSource artifacts, Clock clock,
            StageMetrics metrics) {
        KStream<String, Routed> requests = builder
                .stream(topics.scenarioRequested().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new ReadRequest(topics.scenarioRequested().codec()), Named.as("read-request"));
        KStream<String, Routed> checked = builder
                .stream(topics.scenarioPublished().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new CheckScenario(topics.scenarioPublished().codec(), artifacts, clock,
                        topics.deadLetter(), metrics),
                        Named.as("check-scenario"));

        requests.merge(checked, Named.as("run-inputs"))
                .split(Named.as("route-"))
                .branch((key, routed) -> routed instanceof DeadLetter, Branched.withConsumer(deadLetters ->
                        toDeadLetters(deadLetters, topics), "dead-letters"))
                .defaultBranch(Branched.withConsumer(inputs -> inputs
                        .mapValues(routed -> (RunInput) routed, Named.as("run-input"))
                        .to(topics.qcRunInputs(), Produced.with(Serdes.String(), new JsonSerde<>(RunInput.class))),
                        "inputs"));
    }

    private static void addAggregation(StreamsBuilder builder, TopicCatalog topics, ArtifactSource artifacts,
            QcRecorder recorder, Clock clock, Duration stateRetention, StageMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RUN_PROGRESS_STORE),
                Serdes.String(), new JsonSerde<>(RunProgress.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(REQUESTED_SCENARIOS_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SCENARIO_RESULTS_STORE),
                Serdes.String(), new JsonSerde<>(ScenarioQcResult.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AWAITING_REQUEST_STORE),
                Serdes.String(), new JsonSerde<>(AwaitingRequest.class)));
        builder.stream(topics.qcRunInputs(), Consumed.with(Serdes.String(), new JsonSerde<>(RunInput.class)))
                .process(() -> new AggregateRun(artifacts, recorder, clock, stateRetention,
                        topics.deadLetter(), metrics),
                        Named.as("aggregate-run"), RUN_PROGRESS_STORE, REQUESTED_SCENARIOS_STORE,
                        SCENARIO_RESULTS_STORE, AWAITING_REQUEST_STORE)
                .split(Named.as("outcome-"))
                .branch((key, outcome) -> outcome instanceof DeadLetter, Branched.withConsumer(deadLetters ->
                        toDeadLetters(deadLetters, topics), "dead-letters"))
                .defaultBranch(Branched.withConsumer(completions -> completions
                        .mapValues(outcome -> ((Completed) outcome).event(), Named.as("run-completed"))
                        .to(topics.runCompleted().name(),
                                Produced.with(Serdes.String(), new EventSerde<>(EventCodec.RUN_COMPLETED))),
                        "completed"));
    }

    private static <V> void toDeadLetters(KStream<String, V> deadLetters, TopicCatalog topics) {
        deadLetters.mapValues(value -> ((DeadLetter) value).value())
                .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray()));
    }

    /**
     * A published scenario's objects are where its ids put them; an event announcing any other
     * prefix or manifest key points at objects that are not its own.
     */
    static void requireOwnObjectKeys(ScenarioPublished event) {
        String prefix = ObjectLayout.scenarioPrefix(event.dt(), event.runId(), event.scenarioId());
        String manifestKey = ObjectLayout.manifestKey(event.dt(), event.runId(), event.scenarioId());
        if (event.artifactPrefix() != null && !event.artifactPrefix().equals(prefix)) {
            throw new RefusedEventException("artifact_prefix " + event.artifactPrefix() + " is not the scenario's "
                    + prefix);
        }
        if (!event.failed() && !manifestKey.equals(event.manifestKey())) {
            throw new RefusedEventException("manifest_key " + event.manifestKey() + " is not the scenario's "
                    + manifestKey);
        }
    }

    /**
     * Reads the run's requests, keyed by run id. An unreadable or mis-keyed request is skipped: the
     * solver dead-letters it, and QC would only duplicate that record.
     */
    static final class ReadRequest implements Processor<byte[], byte[], String, Routed> {
        private final EventCodec<ScenarioRequested> codec;
        private ProcessorContext<String, Routed> context;

        ReadRequest(EventCodec<ScenarioRequested> codec) {
            this.codec = codec;
        }

        @Override
        public void init(ProcessorContext<String, Routed> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            SourceRecord source = SourceRecord.of(context.recordMetadata().orElseThrow(), record);
            ScenarioRequested event;
            try {
                event = codec.decode(record.key(), record.value());
            } catch (InvalidEventException e) {
                LOG.warn("qc: {}-{}@{} skipped: {}", source.topic(), source.partition(), source.offset(),
                        e.getMessage());
                return;
            }
            context.forward(record.withKey(event.runId())
                    .withValue((Routed) RunInput.ofRequest(RequestedScenario.of(event), source)));
        }
    }

    /** Decodes and checks one published scenario; re-keys it by run id. */
    static final class CheckScenario implements Processor<byte[], byte[], String, Routed> {
        private final EventCodec<ScenarioPublished> codec;
        private final ArtifactSource artifacts;
        private final Clock clock;
        private final String deadLetterTopic;
        private final StageMetrics metrics;
        private ProcessorContext<String, Routed> context;

        CheckScenario(EventCodec<ScenarioPublished> codec, ArtifactSource artifacts, Clock clock,
                String deadLetterTopic, StageMetrics metrics) {
            this.codec = codec;
            this.artifacts = artifacts;
            this.clock = clock;
            this.deadLetterTopic = deadLetterTopic;
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<String, Routed> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            SourceRecord source = SourceRecord.of(context.recordMetadata().orElseThrow(), record);
            ScenarioPublished event;
            try {
                event = codec.decode(record.key(), record.value());
                requireOwnObjectKeys(event);
            } catch (InvalidEventException | RefusedEventException e) {
                LOG.warn("qc: {}-{}@{} dead-lettered: {}", source.topic(), source.partition(), source.offset(),
                        e.getMessage());
                metrics.deadLettered(e instanceof RefusedEventException ? DeadLetterReason.REFUSED
                        : DeadLetterReason.INVALID_INPUT, 1);
                Record<String, DeadLetter> letter = source.deadLetter(deadLetterTopic, e, record.timestamp());
                context.forward(letter.withValue((Routed) letter.value()));
                return;
            }
            Timer.Sample check = metrics.startRecord();
            QualityGate.Inspection inspection = inspect(event);
            metrics.stopRecord(check);
            ScenarioQcResult result = ScenarioQcResult.of(event, inspection, Timestamps.utc(clock.instant()));
            context.forward(record.withKey(event.runId()).withValue((Routed) RunInput.ofChecked(result, source)));
        }

        private QualityGate.Inspection inspect(ScenarioPublished event) {
            try {
                return QualityGate.inspect(event, artifacts);
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    throw e;
                }
                // A defect in a check, or artifacts no check foresaw, fail that scenario only.
                LOG.error("qc: checking {} failed unexpectedly", event.key(), e);
                return new QualityGate.Inspection(List.of(CheckResult.fail(QC_INTERNAL_ERROR, e.toString())),
                        Optional.empty(), Optional.empty(), "");
            }
        }
    }

    /**
     * Holds each run's request and results, one store entry per scenario so that a run's state
     * never grows into one large record; merges a checked scenario only when the run's request
     * agrees with it; completes the run once its last scenario is checked, and again only if an
     * outcome changes afterwards.
     */
    static final class AggregateRun implements Processor<String, RunInput, String, RunOutcome> {
        private final ArtifactSource artifacts;
        private final QcRecorder recorder;
        private final Clock clock;
        private final Duration stateRetention;
        private final String deadLetterTopic;
        private final StageMetrics metrics;
        private ProcessorContext<String, RunOutcome> context;
        private KeyValueStore<String, RunProgress> progressByRun;
        private KeyValueStore<String, String> knownRequests;
        private KeyValueStore<String, ScenarioQcResult> results;
        private KeyValueStore<String, AwaitingRequest> awaiting;

        AggregateRun(ArtifactSource artifacts, QcRecorder recorder, Clock clock, Duration stateRetention,
                String deadLetterTopic, StageMetrics metrics) {
            this.deadLetterTopic = deadLetterTopic;
            this.metrics = metrics;
            this.artifacts = artifacts;
            this.recorder = recorder;
            this.clock = clock;
            this.stateRetention = stateRetention;
        }

        @Override
        public void init(ProcessorContext<String, RunOutcome> context) {
            this.context = context;
            this.progressByRun = context.getStateStore(RUN_PROGRESS_STORE);
            this.knownRequests = context.getStateStore(REQUESTED_SCENARIOS_STORE);
            this.results = context.getStateStore(SCENARIO_RESULTS_STORE);
            this.awaiting = context.getStateStore(AWAITING_REQUEST_STORE);
            context.schedule(HOUSEKEEPING_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::housekeeping);
        }

        @Override
        public void process(Record<String, RunInput> record) {
            RunInput input = record.value();
            if (input.request() != null) {
                guarded(input.source(), record.timestamp(), () -> request(input.request(), input.source(),
                        record.timestamp()));
            } else {
                guarded(input.source(), record.timestamp(), () -> offer(input.checked(), input.source(),
                        context.currentSystemTimeMs(), record.timestamp()));
            }
        }

        /**
         * Runs one input's step; a failure that is not an outage dead-letters that input. Each step
         * calls out (recorder, bucket) before it writes its stores, so a failed step leaves no trace.
         */
        private void guarded(SourceRecord source, long timestamp, Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    throw e;
                }
                if (!(e instanceof RefusedEventException)) {
                    LOG.error("qc: {}-{}@{} failed", source.topic(), source.partition(), source.offset(), e);
                }
                deadLetter(source, timestamp, e);
            }
        }

        private void deadLetter(SourceRecord source, long timestamp, RuntimeException reason) {
            LOG.warn("qc: {}-{}@{} dead-lettered: {}", source.topic(), source.partition(), source.offset(),
                    reason.getMessage());
            metrics.deadLettered(reason instanceof RefusedEventException ? DeadLetterReason.REFUSED
                    : DeadLetterReason.ERROR, 1);
            Record<String, DeadLetter> letter = source.deadLetter(deadLetterTopic, reason, timestamp);
            context.forward(letter.withValue((RunOutcome) letter.value()));
        }

        // ------------------------------------------------------------------ requests

        private void request(RequestedScenario request, SourceRecord source, long timestamp) {
            long now = context.currentSystemTimeMs();
            RunProgress progress = progressByRun.get(request.runId());
            if (progress != null) {
                switch (progress.generationOf(request.runCreatedAtUtc())) {
                    case LATER -> {
                        LOG.info("qc: run {} requested again at {}; checking it anew", request.runId(),
                                request.runCreatedAtUtc());
                        forgetRequestAndResults(request.runId());
                        progress = null;
                    }
                    case SUPERSEDED -> throw superseded(progress, request.runCreatedAtUtc());
                    case SAME -> progress.conflict(request.dt(), request.scenarioCount()).ifPresent(reason -> {
                        throw new RefusedEventException(reason);
                    });
                }
            }
            if (progress == null) {
                if (completedAndForgotten(request.dt(), request.runId(), request.runCreatedAtUtc())) {
                    return;
                }
                progress = RunProgress.requestedBy(request, now);
            }
            String key = scenarioKey(request.runId(), request.scenarioId());
            String known = knownRequests.get(key);
            if (known != null) {
                String knownEventId = KnownRequest.decode(known).eventId();
                if (!knownEventId.equals(request.eventId())) {
                    throw new RefusedEventException("scenario " + key + " was already requested by event "
                            + knownEventId);
                }
                return;
            }
            if (progress.fullyRequested()) {
                throw new RefusedEventException("run " + request.runId() + " already has all its "
                        + progress.scenarioCount() + " scenarios requested");
            }
            knownRequests.put(key, KnownRequest.of(request).encode());
            progressByRun.put(request.runId(), progress.withRequest(now));
            releaseAwaiting(request.runId(), timestamp);
        }

        /** Scenarios of the run that waited for its request: merged or refused now that it is known. */
        private void releaseAwaiting(String runId, long timestamp) {
            for (AwaitingRequest waiting : scan(awaiting, runId)) {
                awaiting.delete(waiting.storeKey());
                guarded(waiting.source(), timestamp, () -> offer(waiting.result(), waiting.source(),
                        waiting.sinceMillis(), timestamp));
            }
        }

        // ------------------------------------------------------------------ checked scenarios

        private enum Judgement { MERGE, WAIT }

        /** MERGE or WAIT; throws a refusal when the run's request contradicts the scenario. */
        private Judgement judge(RunProgress progress, ScenarioQcResult result) {
            if (progress == null) {
                return Judgement.WAIT;
            }
            switch (progress.generationOf(result.runCreatedAtUtc())) {
                case LATER -> {
                    return Judgement.WAIT;
                }
                case SUPERSEDED -> throw superseded(progress, result.runCreatedAtUtc());
                case SAME -> { }
            }
            progress.conflict(result.dt(), result.scenarioCount()).ifPresent(reason -> {
                throw new RefusedEventException(reason);
            });
            String stored = knownRequests.get(result.storeKey());
            if (stored == null) {
                if (progress.fullyRequested()) {
                    throw new RefusedEventException("scenario " + result.scenarioId() + " is not one of the "
                            + progress.scenarioCount() + " scenarios requested for run " + result.runId());
                }
                return Judgement.WAIT;
            }
            KnownRequest request = KnownRequest.decode(stored);
            if (!request.eventId().equals(result.requestEventId())) {
                throw new RefusedEventException("request_event_id " + result.requestEventId() + ", but scenario "
                        + result.storeKey() + " was requested by event " + request.eventId());
            }
            requireRequestsFields(request, result);
            ScenarioQcResult known = results.get(result.storeKey());
            if (known != null) {
                requireSamePublication(known, result);
            }
            return Judgement.MERGE;
        }

        /** The scenario's seed, knobs, solver and inputs are those its request chose. */
        private static void requireRequestsFields(KnownRequest request, ScenarioQcResult result) {
            if (request.fingerprint() == null || result.requestFingerprint() == null) {
                return;
            }
            List<String> differing = request.fingerprint().differingFields(result.requestFingerprint());
            if (!differing.isEmpty()) {
                throw new RefusedEventException("the " + String.join(", ", differing) + " of scenario "
                        + result.storeKey() + " are not those of its request " + request.eventId());
            }
        }

        /**
         * Every stage derives its event id from the one it answers, and the publisher never
         * announces a second manifest for a request: another answer to the same request, or the
         * same answer announcing another manifest, was not written by the pipeline. A result
         * without a manifest (a stand-in) may still be followed by one, say after a replay.
         */
        private static void requireSamePublication(ScenarioQcResult known, ScenarioQcResult result) {
            if (!known.publishedEventId().equals(result.publishedEventId())) {
                throw new RefusedEventException("scenario " + result.storeKey() + " was published by event "
                        + known.publishedEventId() + " for request " + known.requestEventId() + "; event "
                        + result.publishedEventId() + " is another answer to the same request");
            }
            if (known.manifestSha256() != null && !known.manifestSha256().equals(result.manifestSha256())) {
                throw new RefusedEventException("scenario " + result.storeKey() + " was published with manifest"
                        + " sha256 " + known.manifestSha256() + "; event " + result.publishedEventId()
                        + " announces " + (result.manifestSha256() == null ? "no manifest"
                        : "manifest sha256 " + result.manifestSha256()) + " for the same request");
            }
        }

        /** Merges the scenario, refuses it, or has it wait (since {@code waitingSince}) for its request. */
        private void offer(ScenarioQcResult result, SourceRecord source, long waitingSince, long timestamp) {
            RunProgress progress = progressByRun.get(result.runId());
            if (progress == null && completedAndForgotten(result.dt(), result.runId(), result.runCreatedAtUtc())) {
                return;
            }
            if (judge(progress, result) == Judgement.WAIT) {
                AwaitingRequest waiting = new AwaitingRequest(result, source, waitingSince);
                awaiting.put(waiting.storeKey(), waiting);
                return;
            }
            merge(progress, result, timestamp);
        }

        private void merge(RunProgress progress, ScenarioQcResult result, long timestamp) {
            recorder.scenarioChecked(result);
            metrics.processed(1);
            if (!result.failedChecks().isEmpty()) {
                LOG.warn("qc: scenario {} failed {}", result.storeKey(), result.failedChecks());
            }
            ScenarioQcResult known = results.get(result.storeKey());
            if (known != null && known.sameOutcomeAs(result)) {
                return;
            }
            long now = context.currentSystemTimeMs();
            RunProgress updated = known == null ? progress.withNewScenario(now) : progress.reopened(now);
            RunCompleted completed = null;
            if (updated.allChecked()) {
                completed = complete(updated, resultsWith(result));
                updated = updated.markCompleted();
            }
            results.put(result.storeKey(), result);
            progressByRun.put(result.runId(), updated);
            if (completed != null) {
                context.forward(new Record<>(completed.key(), new Completed(completed), timestamp));
            }
        }

        /** The run's stored results with this one in its scenario's place, in scenario id order. */
        private List<ScenarioQcResult> resultsWith(ScenarioQcResult result) {
            List<ScenarioQcResult> found = new ArrayList<>();
            for (ScenarioQcResult stored : scan(results, result.runId())) {
                if (!stored.scenarioId().equals(result.scenarioId())) {
                    found.add(stored);
                }
            }
            found.add(result);
            found.sort(Comparator.comparing(ScenarioQcResult::scenarioId));
            return found;
        }

        private RunCompleted complete(RunProgress progress, List<ScenarioQcResult> runResults) {
            RunMetadata metadata = RunMetadata.of(progress, runResults, Timestamps.utc(clock.instant()));
            RunCompleted completed = runCompleted(progress, runResults, metadata, recorder.runCompleted(metadata));
            LOG.info("qc: run {} completed: {} ({} scenarios, {} failed)", progress.runId(), completed.status(),
                    runResults.size(), completed.failedCount());
            return completed;
        }

        /**
         * A run QC has no state for, but whose metadata is in the bucket, was completed and then
         * dropped after the state retention. Its events are re-deliveries (a replay, a reset
         * offset): completing it again from part of its scenarios could replace its recorded outcome
         * with another, so they are ignored and the recorded outcome stands.
         */
        private boolean completedAndForgotten(String dt, String runId, String runCreatedAtUtc) {
            Optional<String> recordedRequest = artifacts.get(ObjectLayout.runMetadataKey(dt, runId))
                    .flatMap(RunMetadata::createdAtUtc);
            // a later request of the run is a new request, whatever was recorded for an earlier one
            boolean forgotten = recordedRequest.isPresent()
                    && !Timestamps.parseUtc(runCreatedAtUtc).isAfter(Timestamps.parseUtc(recordedRequest.get()));
            if (forgotten) {
                LOG.info("qc: run {} was completed before its state was dropped; its event is ignored", runId);
            }
            return forgotten;
        }

        /**
         * The run was requested again: what its earlier request fixed and the results checked
         * against it no longer decide anything; scenarios waiting for a request stay and are judged
         * against the new one.
         */
        private void forgetRequestAndResults(String runId) {
            scanKeys(results, runId).forEach(results::delete);
            scanKeys(knownRequests, runId).forEach(knownRequests::delete);
            progressByRun.delete(runId);
        }

        private static RefusedEventException superseded(RunProgress progress, String runCreatedAtUtc) {
            return new RefusedEventException("run " + progress.runId() + " requested at " + runCreatedAtUtc
                    + " was requested again at " + progress.runCreatedAtUtc() + "; the earlier request is superseded");
        }

        // ------------------------------------------------------------------ housekeeping

        /** Refuses scenarios that waited too long for a request, and drops runs past the retention. */
        private void housekeeping(long now) {
            List<AwaitingRequest> expired = new ArrayList<>();
            try (KeyValueIterator<String, AwaitingRequest> all = awaiting.all()) {
                all.forEachRemaining(entry -> {
                    if (now - entry.value.sinceMillis() > REQUEST_WAIT.toMillis()) {
                        expired.add(entry.value);
                    }
                });
            }
            for (AwaitingRequest waiting : expired) {
                awaiting.delete(waiting.storeKey());
                deadLetter(waiting.source(), now, new RefusedEventException("no request for scenario "
                        + waiting.result().storeKey() + " within " + REQUEST_WAIT + " (run "
                        + waiting.result().runId() + " never requested it)"));
            }
            List<String> forgotten = new ArrayList<>();
            try (KeyValueIterator<String, RunProgress> all = progressByRun.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value.unchangedFor(stateRetention, now)) {
                        forgotten.add(entry.key);
                    }
                });
            }
            forgotten.forEach(this::drop);
        }

        /** Deletes every entry of the run; on logged stores each delete is a changelog tombstone. */
        private void drop(String runId) {
            forgetRequestAndResults(runId);
            LOG.info("qc: state of run {} dropped after {} without change", runId, stateRetention);
        }

        private static <V> List<V> scan(KeyValueStore<String, V> store, String runId) {
            List<V> values = new ArrayList<>();
            try (KeyValueIterator<String, V> scan = store.prefixScan(runPrefix(runId), new StringSerializer())) {
                scan.forEachRemaining(entry -> values.add(entry.value));
            }
            return values;
        }

        private static <V> List<String> scanKeys(KeyValueStore<String, V> store, String runId) {
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, V> scan = store.prefixScan(runPrefix(runId), new StringSerializer())) {
                scan.forEachRemaining(entry -> keys.add(entry.key));
            }
            return keys;
        }
    }

    /**
     * The event that announces a completed run: its counts and, of its failed scenarios, only the
     * first {@link RunCompleted#MAX_FAILED_SCENARIO_IDS} ids (the metadata names them all), so it
     * stays small whatever the run's size. Its id is derived from the run's published events and
     * their outcomes, so QC re-run on the same input repeats it.
     *
     * @param runResults every scenario's result, in scenario id order
     */
    static RunCompleted runCompleted(RunProgress progress, List<ScenarioQcResult> runResults, RunMetadata metadata,
            String metadataKey) {
        List<ScenarioQcResult> failed = runResults.stream()
                .filter(r -> r.verdict().equals(ScenarioQcResult.FAILED))
                .toList();
        String outcomes = String.join(",", runResults.stream()
                .map(r -> r.publishedEventId() + ":" + r.verdict()).toList());
        return new RunCompleted(RunCompleted.SCHEMA_VERSION,
                EventIds.derived(STAGE, progress.runId() + ":" + outcomes), progress.runId(), progress.dt(),
                metadata.completedAtUtc(), progress.scenarioCount(), metadata.status(), metadataKey,
                runResults.size() - failed.size(), failed.size(), failed.stream()
                        .limit(RunCompleted.MAX_FAILED_SCENARIO_IDS).map(ScenarioQcResult::scenarioId).toList());
    }

    private static String runPrefix(String runId) {
        return ScenarioQcResult.storeKeyPrefix(runId);
    }

    private static String scenarioKey(String runId, String scenarioId) {
        return runPrefix(runId) + Objects.requireNonNull(scenarioId);
    }
}
