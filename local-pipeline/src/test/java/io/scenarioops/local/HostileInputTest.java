package io.scenarioops.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.events.EventCodec;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.ScenarioEvent;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.local.HostileCorpus.Fate;
import io.scenarioops.local.HostileCorpus.Hostile;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.producer.RunFollower;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.RunWatcher;
import io.scenarioops.publisher.PublisherService;
import io.scenarioops.publisher.ScenarioPublisher;
import io.scenarioops.qc.QcService;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.solver.SolverService;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.storage.Sha256;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of hostile records written straight to the scenario topics, between a completed run
 * (the victim) and a run requested after them: no service stops, every hostile record is
 * dead-lettered with a reason (or, when it is readable, the publisher or QC refuses it or its answer, or its run
 * simply passes), the victim's records are untouched, nothing lands outside the run layout, and
 * the next run passes.
 */
@PipelineTest
class HostileInputTest {
    private static final long CORPUS_SEED = 20_261_202L;
    private static final long MODEL_SEED = 7;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final String CASE_HEADER = "test.case";
    /** What the run layout allows: run_metadata.json and report.html of a run, or anything below one of its scenarios. */
    private static final Pattern RUN_LAYOUT = Pattern.compile(
            "runs/dt=[0-9]{4}-[0-9]{2}-[0-9]{2}/run_id=[A-Za-z0-9_.-]{1,64}/(run_metadata\\.json|report\\.html|scenario_id=[A-Za-z0-9_.-]{1,64}/.+)");

    private StackSlice slice;
    private SolverService solver;
    private PublisherService publisher;
    private QcService qc;
    private ObjectStore store;

    @BeforeEach
    void startServices(StackSlice slice) {
        this.slice = slice;
        solver = new SolverService(slice.kafka(), slice.config().objectStore());
        publisher = new PublisherService(slice.kafka(), slice.config().objectStore());
        qc = new QcService(slice.config());
        solver.start();
        publisher.start();
        qc.start();
        store = slice.objectStore();
    }

    @AfterEach
    void stopServices() {
        for (AutoCloseable closeable : new AutoCloseable[] {qc, publisher, solver, store}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                System.out.println("[hostile] error stopping: " + e);
            }
        }
    }

    @Test
    void hostileRecordsAreDeadLetteredAndHarmNoRun() throws Exception {
        long started = System.nanoTime();
        TopicCatalog topics = slice.topics();
        RunPlan victimPlan = RunPlan.create(ScenarioDefinition.SEED_DEFAULTS, MODEL_SEED, Instant.now());
        RunWatcher.Progress victim = publishAndFollow(victimPlan);
        assertEquals(RunCompleted.STATUS_PASSED, victim.completed().orElseThrow().status(), "the victim run");
        String victimMetadataKey = ObjectLayout.runMetadataKey(victimPlan.dt(), victimPlan.runId());
        byte[] victimMetadata = store.get(victimMetadataKey).orElseThrow();
        Map<String, List<String>> victimRows = rowsOf(victimPlan.runId());
        Map<String, String> victimObjects = objectsOf(victimPlan);
        assertEquals(3, victimRows.get("run_scenarios").size(), "victim rows: " + victimRows);

        List<Hostile> corpus = new HostileCorpus(CORPUS_SEED, topics, bases(victimPlan, victim)).generate();
        Map<Position, Hostile> sent = send(corpus);
        RunPlan afterPlan = RunPlan.create(ScenarioDefinition.SEED_DEFAULTS, MODEL_SEED, Instant.now());
        RunWatcher.Progress after = publishAndFollow(afterPlan);
        PipelineBarrier.awaitDrained(slice.kafka());

        assertTrue(solver.isRunning(), "the solver stopped");
        assertTrue(publisher.isRunning(), "the publisher stopped");
        assertEquals(KafkaStreams.State.RUNNING, qc.state(), "QC's streams");

        List<ConsumerRecord<byte[], byte[]>> deadLetters = slice.records(topics.deadLetter());
        Map<Position, List<ConsumerRecord<byte[], byte[]>>> bySource = new HashMap<>();
        Map<String, ConsumerRecord<byte[], byte[]>> answersById = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
            Position source = new Position(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_TOPIC),
                    Integer.parseInt(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_PARTITION)),
                    Long.parseLong(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_OFFSET)));
            bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(letter);
            if (!sent.containsKey(source)) {
                answersById.put(eventId(letter), letter);
            }
        }

        List<String> problems = new ArrayList<>();
        int answersExpected = 0;
        for (Map.Entry<Position, Hostile> entry : sent.entrySet()) {
            Hostile hostile = entry.getValue();
            List<ConsumerRecord<byte[], byte[]>> own = bySource.getOrDefault(entry.getKey(), List.of());
            boolean ownExpected = hostile.fate() == Fate.DEAD_LETTERED || hostile.fate() == Fate.REQUEST_REFUSED_BY_QC;
            if (own.size() != (ownExpected ? 1 : 0)) {
                problems.add(hostile.caseId() + " at " + entry.getKey() + ": " + own.size() + " dead letters "
                        + reasons(own));
            }
            own.stream().filter(letter -> reason(letter).isBlank())
                    .forEach(letter -> problems.add(hostile.caseId() + ": dead letter without a reason"));
            if (hostile.fate() == Fate.REQUEST_REFUSED_BY_QC || hostile.fate() == Fate.ANSWER_REFUSED_BY_QC) {
                answersExpected++;
                if (!answersById.containsKey(hostile.answerEventId())) {
                    problems.add(hostile.caseId() + ": no dead letter for its published answer "
                            + hostile.answerEventId());
                }
            }
            if (hostile.fate() == Fate.RUN_PASSES) {
                Long passed = slice.count("select count(*) from runs where run_id = ? and status = 'passed'",
                        hostile.runId());
                if (passed != 1) {
                    problems.add(hostile.caseId() + ": run " + hostile.runId() + " did not pass");
                }
            }
        }
        assertEquals(List.of(), problems, "hostile records whose fate is not the expected one");
        assertEquals(sent.size(), corpus.size(), "every hostile record has its own position");
        long ownLetters = corpus.stream().filter(h -> h.fate() == Fate.DEAD_LETTERED
                || h.fate() == Fate.REQUEST_REFUSED_BY_QC).count();
        assertEquals(ownLetters + answersExpected, deadLetters.size(),
                "dead letters: one per refused hostile record and one per refused answer, no other");

        assertArrayEquals(victimMetadata, store.get(victimMetadataKey).orElseThrow(), victimMetadataKey);
        assertEquals(victimRows, rowsOf(victimPlan.runId()), "the victim's rows");
        assertEquals(victimObjects, objectsOf(victimPlan), "the victim's objects, by sha256");
        List<String> outside = store.list("").stream().filter(key -> !insideRunLayout(key)).toList();
        assertEquals(List.of(), outside, "objects outside the run layout");
        assertEquals(RunCompleted.STATUS_PASSED, after.completed().orElseThrow().status(), "the run after the corpus");

        System.out.printf("[hostile] sent %s by fate %s; %d dead letters; wall time %d ms%n", countByTopic(corpus),
                HostileCorpus.countByFate(corpus), deadLetters.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private RunWatcher.Progress publishAndFollow(RunPlan plan) {
        return RunFollower.publishAndFollow(slice.config(), plan, RUN_TIMEOUT, new PrintWriter(new StringWriter()));
    }

    /**
     * The valid events the corpus mutates: a run never requested (three scenarios, solved and
     * published without objects) and the victim's own events, as its consumers saw them.
     */
    private static HostileCorpus.Bases bases(RunPlan victimPlan, RunWatcher.Progress victim) {
        ScenarioSolver solver = new ScenarioSolver(Clock.systemUTC(), new BaselineFiles(key -> Optional.empty()));
        RunPlan unrequested = RunPlan.create("unrequested-" + UUID.randomUUID(), ScenarioDefinition.SEED_DEFAULTS,
                MODEL_SEED, Instant.now());
        List<ScenarioRequested> requests = new ArrayList<>(unrequested.events());
        List<ScenarioSolved> solved = new ArrayList<>(requests.stream().map(solver::solve).toList());
        List<ScenarioPublished> published = new ArrayList<>(solved.stream().map(HostileInputTest::announced).toList());
        List<ScenarioSolved> victimSolved = victimPlan.events().stream().map(solver::solve).toList();
        List<ScenarioPublished> victimPublished = List.copyOf(victim.published().values());
        requests.addAll(victimPlan.events());
        solved.addAll(victimSolved);
        published.addAll(victimPublished);
        return new HostileCorpus.Bases(requests, solved, published, victimPlan.events(), victimSolved,
                victimPublished);
    }

    /** A published event as the publisher would write it, for objects that were never written. */
    private static ScenarioPublished announced(ScenarioSolved solved) {
        String prefix = ObjectLayout.scenarioPrefix(solved.dt(), solved.runId(), solved.scenarioId());
        return ScenarioPublished.of(solved, solved.header().next(EventIds.derived(ScenarioPublisher.STAGE,
                solved.eventId()), Timestamps.utc(Instant.now())), prefix,
                ObjectLayout.manifestKey(solved.dt(), solved.runId(), solved.scenarioId()), "0".repeat(64));
    }

    /** Where a record was written. */
    private record Position(String topic, int partition, long offset) {
    }

    /** Sends the corpus with a plain producer, gzip-compressed, each record tagged with its case. */
    private Map<Position, Hostile> send(List<Hostile> corpus) throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, slice.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<Position, Hostile> sent = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (Hostile hostile : corpus) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(hostile.topic(), hostile.key(),
                        hostile.value());
                record.headers().add(CASE_HEADER, hostile.caseId().getBytes(UTF_8));
                acks.add(producer.send(record));
            }
            for (int i = 0; i < corpus.size(); i++) {
                RecordMetadata ack = acks.get(i).get();
                sent.put(new Position(ack.topic(), ack.partition(), ack.offset()), corpus.get(i));
            }
        }
        return sent;
    }

    /**
     * The event id of a dead-lettered answer to a hostile record: a scenario-solved event the
     * publisher refused, or a scenario-published event QC refused.
     */
    private String eventId(ConsumerRecord<byte[], byte[]> letter) {
        boolean solved = slice.topics().scenarioSolved().name()
                .equals(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_TOPIC));
        EventCodec<? extends ScenarioEvent> codec = solved ? EventCodec.SCENARIO_SOLVED : EventCodec.SCENARIO_PUBLISHED;
        try {
            return codec.decode(letter.value()).eventId();
        } catch (InvalidEventException e) {
            return "unreadable dead letter from " + DeadLetters.header(letter.headers(), DeadLetters.SOURCE_TOPIC)
                    + ": " + e.getMessage();
        }
    }

    private static String reason(ConsumerRecord<byte[], byte[]> letter) {
        String reason = DeadLetters.header(letter.headers(), DeadLetters.REASON);
        return reason == null ? "" : reason;
    }

    private static List<String> reasons(List<ConsumerRecord<byte[], byte[]>> letters) {
        return letters.stream().map(HostileInputTest::reason).toList();
    }

    /**
     * The sha256 of every object of the run's requested scenarios, by key. (A hostile request or
     * solved event for a scenario the run never had is published at that scenario's own keys, and
     * QC refuses it; those objects are not the run's.)
     */
    private Map<String, String> objectsOf(RunPlan plan) {
        Map<String, String> shaByKey = new TreeMap<>();
        for (ScenarioRequested scenario : plan.events()) {
            store.list(ObjectLayout.scenarioPrefix(plan.dt(), plan.runId(), scenario.scenarioId()))
                    .forEach(key -> shaByKey.put(key, Sha256.hex(store.get(key).orElseThrow())));
        }
        return shaByKey;
    }

    /** Inside the layout, and no path segment that climbs. */
    private static boolean insideRunLayout(String key) {
        return RUN_LAYOUT.matcher(key).matches()
                && List.of(key.split("/", -1)).stream().noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
    }

    /** Every row of the run in each run table, each as its columns' text, sorted. */
    private Map<String, List<String>> rowsOf(String runId) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection connection = slice.connect()) {
            for (String table : List.of("runs", "run_scenarios", "qc_checks")) {
                List<String> tableRows = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement(
                        "select * from " + table + " where run_id = ?")) {
                    query.setString(1, runId);
                    try (ResultSet rs = query.executeQuery()) {
                        ResultSetMetaData columns = rs.getMetaData();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int c = 1; c <= columns.getColumnCount(); c++) {
                                row.append(columns.getColumnName(c)).append('=').append(rs.getString(c)).append(' ');
                            }
                            tableRows.add(row.toString());
                        }
                    }
                }
                tableRows.sort(null);
                rows.put(table, tableRows);
            }
        }
        return rows;
    }

    private static Map<String, Long> countByTopic(List<Hostile> corpus) {
        Map<String, Long> counts = new TreeMap<>();
        corpus.forEach(h -> counts.merge(h.topic(), 1L, Long::sum));
        return counts;
    }
}
