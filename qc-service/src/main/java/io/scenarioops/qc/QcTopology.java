package io.scenarioops.qc;

import io.scenarioops.events.EventCodec;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.EventSerde;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.kafka.Failures;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.model.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QC as a Kafka Streams topology:
 * <pre>
 * scenario-published ─▶ check-scenario ─┬─▶ scenario-dlq             (unreadable events)
 *                                        └─▶ re-key by run_id ─▶ aggregate-run ─▶ run-completed
 * </pre>
 * {@code check-scenario} reads the scenario's artifacts back and runs the {@link QualityGate};
 * {@code aggregate-run} keeps each run's results in a state store until every scenario of the run
 * is checked, then writes run metadata and emits {@code run-completed} once.
 */
public final class QcTopology {
    public static final String STAGE = "qc";
    public static final String RUN_PROGRESS_STORE = "run-progress";
    public static final String SCENARIO_RESULTS_STORE = "scenario-results";
    static final String QC_INTERNAL_ERROR = "qc_internal_error";

    private static final Logger LOG = LoggerFactory.getLogger(QcTopology.class);

    private QcTopology() {
    }

    /** What leaves the checking step: a checked scenario, or the original bytes of an unreadable event. */
    sealed interface Routed permits Checked, DeadLetter {
    }

    record Checked(ScenarioQcResult result) implements Routed {
    }

    record DeadLetter(byte[] value) implements Routed {
    }

    public static Topology build(TopicCatalog topics, ArtifactSource artifacts, QcRecorder recorder, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RUN_PROGRESS_STORE),
                Serdes.String(), new JsonSerde<>(RunProgress.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SCENARIO_RESULTS_STORE),
                Serdes.String(), new JsonSerde<>(ScenarioQcResult.class)));

        KStream<String, Routed> checked = builder
                .stream(topics.scenarioPublished().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new CheckScenario(topics.scenarioPublished().codec(), artifacts, recorder, clock),
                        Named.as("check-scenario"));

        checked.split(Named.as("route-"))
                .branch((key, routed) -> routed instanceof DeadLetter, Branched.withConsumer(deadLetters -> deadLetters
                        .mapValues(routed -> ((DeadLetter) routed).value(), Named.as("original-bytes"))
                        .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray())), "dead-letters"))
                .defaultBranch(Branched.withConsumer(results -> results
                        .mapValues(routed -> ((Checked) routed).result(), Named.as("result"))
                        .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(ScenarioQcResult.class))
                                .withName("checked-by-run"))
                        .process(() -> new AggregateRun(recorder, clock), Named.as("aggregate-run"),
                                RUN_PROGRESS_STORE, SCENARIO_RESULTS_STORE)
                        .to(topics.runCompleted().name(),
                                Produced.with(Serdes.String(), new EventSerde<>(EventCodec.RUN_COMPLETED))),
                        "checked"));
        return builder.build();
    }

    /** Decodes, checks and records one published scenario; re-keys it by run id. */
    static final class CheckScenario implements Processor<byte[], byte[], String, Routed> {
        private final EventCodec<ScenarioPublished> codec;
        private final ArtifactSource artifacts;
        private final QcRecorder recorder;
        private final Clock clock;
        private ProcessorContext<String, Routed> context;

        CheckScenario(EventCodec<ScenarioPublished> codec, ArtifactSource artifacts, QcRecorder recorder,
                Clock clock) {
            this.codec = codec;
            this.artifacts = artifacts;
            this.recorder = recorder;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, Routed> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            ScenarioPublished event;
            try {
                event = codec.decode(record.key(), record.value());
            } catch (InvalidEventException e) {
                RecordMetadata source = context.recordMetadata().orElseThrow();
                LOG.warn("qc: {}-{}@{} dead-lettered: {}", source.topic(), source.partition(), source.offset(),
                        e.getMessage());
                context.forward(new Record<String, Routed>(key, new DeadLetter(record.value()), record.timestamp(),
                        DeadLetters.headers(STAGE, source.topic(), source.partition(), source.offset(),
                                record.headers(), e)));
                return;
            }
            ScenarioQcResult result = ScenarioQcResult.of(event, inspect(event), Timestamps.utc(clock.instant()));
            recorder.scenarioChecked(result);
            if (!result.failedChecks().isEmpty()) {
                LOG.warn("qc: scenario {} failed {}", event.key(), result.failedChecks());
            }
            context.forward(record.withKey(event.runId()).withValue((Routed) new Checked(result)));
        }

        private QualityGate.Inspection inspect(ScenarioPublished event) {
            try {
                return QualityGate.inspect(event, artifacts);
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    throw e;
                }
                // A defect in a check must fail that scenario, not stop QC for every run.
                LOG.error("qc: checking {} failed unexpectedly", event.key(), e);
                return new QualityGate.Inspection(List.of(CheckResult.fail(QC_INTERNAL_ERROR, e.toString())),
                        java.util.Optional.empty(), java.util.Optional.empty(), "");
            }
        }
    }

    /**
     * Collects a run's results, one store entry per scenario so that a run's state never grows
     * into one large record; completes the run once its last scenario is checked, and again only
     * if an outcome changes afterwards.
     */
    static final class AggregateRun implements Processor<String, ScenarioQcResult, String, RunCompleted> {
        private final QcRecorder recorder;
        private final Clock clock;
        private ProcessorContext<String, RunCompleted> context;
        private KeyValueStore<String, RunProgress> progressByRun;
        private KeyValueStore<String, ScenarioQcResult> results;

        AggregateRun(QcRecorder recorder, Clock clock) {
            this.recorder = recorder;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, RunCompleted> context) {
            this.context = context;
            this.progressByRun = context.getStateStore(RUN_PROGRESS_STORE);
            this.results = context.getStateStore(SCENARIO_RESULTS_STORE);
        }

        @Override
        public void process(Record<String, ScenarioQcResult> record) {
            ScenarioQcResult result = record.value();
            ScenarioQcResult known = results.get(result.storeKey());
            if (known != null && known.sameOutcomeAs(result)) {
                return;
            }
            RunProgress progress = progressByRun.get(result.runId());
            if (progress == null) {
                progress = RunProgress.start(result);
            }
            progress = known == null ? progress.withNewScenario(result) : progress.reopened();
            results.put(result.storeKey(), result);
            if (progress.allChecked()) {
                RunCompleted completed = complete(progress, resultsOf(result.runId()));
                context.forward(record.withKey(completed.key()).withValue(completed));
                progress = progress.markCompleted();
            }
            progressByRun.put(result.runId(), progress);
        }

        private List<ScenarioQcResult> resultsOf(String runId) {
            List<ScenarioQcResult> found = new ArrayList<>();
            try (KeyValueIterator<String, ScenarioQcResult> scan = results.prefixScan(
                    ScenarioQcResult.storeKeyPrefix(runId), new StringSerializer())) {
                scan.forEachRemaining(entry -> found.add(entry.value));
            }
            found.sort(Comparator.comparing(ScenarioQcResult::scenarioId));
            return found;
        }

        private RunCompleted complete(RunProgress progress, List<ScenarioQcResult> runResults) {
            String now = Timestamps.utc(clock.instant());
            RunMetadata metadata = RunMetadata.of(progress, runResults, now);
            String metadataKey = recorder.runCompleted(metadata);
            List<RunCompleted.ScenarioVerdict> verdicts = runResults.stream()
                    .map(r -> new RunCompleted.ScenarioVerdict(r.scenarioId(), r.verdict(), r.failedChecks()))
                    .toList();
            String outcomes = String.join(",", runResults.stream()
                    .map(r -> r.publishedEventId() + ":" + r.verdict()).toList());
            LOG.info("qc: run {} completed: {} ({} scenarios)", progress.runId(), metadata.status(), runResults.size());
            return new RunCompleted(PipelineEvent.SCHEMA_VERSION,
                    EventIds.derived(STAGE, progress.runId() + ":" + outcomes), progress.runId(), metadata.dt(), now,
                    progress.scenarioCount(), metadata.status(), metadataKey, verdicts);
        }
    }
}
