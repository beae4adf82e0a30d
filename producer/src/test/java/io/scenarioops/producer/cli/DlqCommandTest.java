package io.scenarioops.producer.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.DeadLetters;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.solver.SolverService;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code scenarioops dlq} against a real broker, on dead letters the solver wrote for invalid
 * requests. Each test reads topics of its own slice.
 */
@PipelineTest(EmbeddedStack.Component.KAFKA)
class DlqCommandTest {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(ScenarioOpsConfig config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(new ScenarioOpsCommand(() -> config));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void anEmptyTopicSaysSo(StackSlice slice) {
        Result result = run(slice.config(), "dlq");

        assertEquals(Cli.EXIT_OK, result.exitCode(), result.err());
        assertEquals("no dead letters\n", result.out());
    }

    @Test
    void aBadSinceIsABadInputNamingTheOption(StackSlice slice) {
        Result result = run(slice.config(), "dlq", "--since", "15x");

        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode());
        assertEquals("error: --since: must be a whole number followed by s, m, h or d (15m, 2h, 7d), got '15x'\n",
                result.err());
        assertEquals("", result.out());
    }

    @Test
    void theSolversDeadLettersArePrintedOldestFirstAndFilteredByStageSinceAndLimit(StackSlice slice)
            throws Exception {
        ScenarioOpsConfig config = slice.config();
        TopicCatalog topics = slice.topics();
        String requested = topics.scenarioRequested().name();
        // A dead letter from three days ago, as a stage would have written it then.
        ConsumerRecord<byte[], byte[]> old = new ConsumerRecord<>(requested, 0, 0, 0L, TimestampType.CREATE_TIME,
                0, 0, utf8("run-old/s1"), utf8("old"), new RecordHeaders(),
                Optional.empty());
        ProducerRecord<byte[], byte[]> oldDeadLetter = DeadLetters.of(topics.deadLetter(), "publisher", old,
                new IllegalStateException("gone"));
        long threeDaysAgo = Instant.now().minus(Duration.ofDays(3)).toEpochMilli();
        publish(config, List.of(new ProducerRecord<>(oldDeadLetter.topic(), 0, threeDaysAgo, oldDeadLetter.key(),
                oldDeadLetter.value(), oldDeadLetter.headers())));

        List<RecordMetadata> positions = publish(config, List.of(
                new ProducerRecord<>(requested, utf8("run-bad/not_json"), utf8("this is {not JSON\n\u0001")),
                new ProducerRecord<>(requested, utf8("run-bad/no_value"), null)));
        // this slice has no object store: the solver reads one only for baseline files, which no request here names
        ObjectStoreSettings unused = new ObjectStoreSettings("http://127.0.0.1:9", "unused", "unused", "unused");
        SolverService solver = new SolverService(config.kafka(), unused);
        solver.start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> slice.records(topics.deadLetter()).size() == 3);
        } finally {
            solver.stop();
        }

        Result all = run(config, "dlq");

        assertEquals(Cli.EXIT_OK, all.exitCode(), all.err());
        List<String> blocks = List.of(all.out().split("\n\n"));
        assertEquals(4, blocks.size(), all.out());
        assertTrue(blocks.get(0).matches("""
                \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z  publisher  %s/0@0
                  key:    run-old/s1
                  reason: gone
                  value:  old  \\(3 bytes\\)""".formatted(requested)), blocks.get(0));
        String notJson = blocks.stream().filter(b -> b.contains("run-bad/not_json")).findFirst().orElseThrow();
        assertTrue(notJson.matches("""
                \\S+Z  solver  %s/%d@%d
                  key:    run-bad/not_json
                  reason: invalid scenario-requested event: .*not valid JSON.*
                  value:  this is \\{not JSON\\\\n\\\\x01  \\(19 bytes\\)""".formatted(requested,
                positions.get(0).partition(), positions.get(0).offset())), notJson);
        String noValue = blocks.stream().filter(b -> b.contains("run-bad/no_value")).findFirst().orElseThrow();
        assertTrue(noValue.endsWith("  value:  <null>  (no value)"), noValue);
        assertEquals("3 dead letters\n", blocks.get(3));

        Result recent = run(config, "dlq", "--since", "2h");
        assertEquals(3, recent.out().split("\n\n").length, recent.out());
        assertTrue(recent.out().endsWith("2 dead letters\n"), recent.out());
        assertTrue(!recent.out().contains("run-old"), recent.out());

        Result publisher = run(config, "dlq", "--stage", "publisher");
        assertTrue(publisher.out().contains("run-old/s1") && publisher.out().endsWith("1 dead letter\n"),
                publisher.out());
        assertEquals("no dead letters from stage publisher in the last 1h\n",
                run(config, "dlq", "--stage", "publisher", "--since", "1h").out());

        Result newest = run(config, "dlq", "--limit", "2");
        assertTrue(!newest.out().contains("run-old") && newest.out().contains("run-bad/not_json")
                && newest.out().endsWith("showing the 2 most recent of 3 dead letters\n"), newest.out());
    }

    private static List<RecordMetadata> publish(ScenarioOpsConfig config, List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClientProperties.transactionalProducer(config.kafka(), "dlq-test-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            records.forEach(record -> sent.add(producer.send(record)));
            producer.commitTransaction();
            List<RecordMetadata> positions = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                positions.add(future.get());
            }
            return positions;
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
