package io.scenarioops.producer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.TopicSnapshot;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code scenarioops run} against a real broker: bad files publish nothing, good ones publish one transaction. */
@PipelineTest(EmbeddedStack.Component.KAFKA)
class RunCommandTest {
    private static final Path WORK = Path.of("target", "run-command-" + UUID.randomUUID());
    private static ScenarioOpsConfig config;
    private static TopicCatalog topics;

    @BeforeAll
    static void slice(StackSlice slice) throws IOException {
        Files.createDirectories(WORK);
        config = slice.config();
        topics = slice.topics();
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(new ScenarioOpsCommand(() -> config));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }

    private static Path file(String content) throws IOException {
        Path file = WORK.resolve(UUID.randomUUID() + ".json");
        Files.writeString(file, content);
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON | [{\"scenario_id\": \"a\" | is not valid JSON",
        "invalid knob | [{\"scenario_id\": \"a\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": -1,"
                + " \"logistics_cost_scale\": 1}}] | scenarios[0].knobs.variable_cost_scale: must be a finite number"
                + " within [0, 100], got -1.0",
        "id with a slash | [{\"scenario_id\": \"x/y\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}}] | scenarios[0].scenario_id: must match",
        "id dot-dot | [{\"scenario_id\": \"..\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}}] | scenarios[0].scenario_id: must not be '.' or '..'",
        "NUL in the notes | [{\"scenario_id\": \"a\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}, \"notes\": \"abc\\u0000\"}] | scenarios[0].notes: control character"
                + " U+0000 at index 3",
        "escape in the notes | [{\"scenario_id\": \"a\", \"knobs\": {\"demand_scale\": 1, \"variable_cost_scale\": 1,"
                + " \"logistics_cost_scale\": 1}, \"notes\": \"\\u001b[2J\"}] | scenarios[0].notes: control character"
                + " U+001B at index 0",
    })
    void aBadScenarioFileIsRefusedWithTheReasonAndNothingIsPublished(String description, String content,
            String reason) throws IOException {
        long before = requestedRecordCount();

        Result result = run("run", "--scenarios", file(content).toString());

        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode(), description);
        assertTrue(result.err().startsWith("error: "), result.err());
        assertTrue(result.err().contains(reason), description + ": " + result.err());
        assertEquals("", result.out());
        assertEquals(before, requestedRecordCount(), "records on scenario-requested");
    }

    @Test
    void aGoodFileIsPublishedAsOneEventPerScenario() throws IOException {
        long before = requestedRecordCount();
        Path good = file("""
                [{"scenario_id": "low", "knobs": {"demand_scale": 0.9, "variable_cost_scale": 1, "logistics_cost_scale": 1}},
                 {"scenario_id": "high", "knobs": {"demand_scale": 1.2, "variable_cost_scale": 1, "logistics_cost_scale": 1}}]
                """);

        Result result = run("run", "--scenarios", good.toString(), "--seed", "11");

        assertEquals(Cli.EXIT_OK, result.exitCode(), result.err());
        String runId = result.out().lines().findFirst().orElseThrow().replace("run_id=", "");
        List<ConsumerRecord<byte[], byte[]>> records = requestedRecords();
        assertEquals(before + 2, records.size());
        List<String> keys = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            var event = topics.scenarioRequested().codec().decode(record.value());
            if (event.runId().equals(runId)) {
                assertEquals(11, event.seed());
                assertEquals(2, event.scenarioCount());
                keys.add(event.key());
            }
        }
        assertEquals(List.of(runId + "/high", runId + "/low"), keys.stream().sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative demand | demand.C02[1]: must be a finite number >= 0, got -3",
        "missing site | inbound_cost.C03.S2: is missing (every site listed needs a value here)",
        "periods not 0..n-1 | periods[2]: must be 2 (periods are 0..n-1 in order), got 3",
    })
    void aBadBaselineFileIsRefusedAndNothingIsPublished(String description, String reason) throws IOException {
        long before = requestedRecordCount();
        Result result = run("run", "--solver", "lp-v1", "--baseline", SolveCommandTest.badExample(description).toString());
        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode(), description);
        assertEquals("error: " + reason, result.err().strip());
        assertEquals("", result.out());
        assertEquals(before, requestedRecordCount(), "records on scenario-requested");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "planning -1 | overtime_share=-1 | planning.overtime_share: must be a finite number >= 0, got -1.0",
        "planning NaN | unmet_penalty=NaN | planning.unmet_penalty: must be a finite number >= 0, got NaN",
    })
    void aBadPlanningParameterIsRefusedAndNothingIsPublished(String description, String assignment, String reason) {
        long before = requestedRecordCount();
        Result result = run("run", "--solver", "lp-v1", "--planning", assignment);
        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode(), description);
        assertEquals("error: " + reason, result.err().strip());
        assertEquals(before, requestedRecordCount(), "records on scenario-requested");
    }

    @Test
    void anInstanceTooLargeForThePipelineIsRefusedBeforePublishing() {
        long before = requestedRecordCount();
        Result result = run("run", "--orders", "1001", "--periods", "52");
        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode());
        assertEquals("error: --orders/--periods: 1001 orders x 3 sites x 52 periods is too large for a pipeline run (at"
                + " most 52000 orders x periods and 156000 orders x sites x periods); use solve", result.err().strip());
        assertEquals(before, requestedRecordCount(), "records on scenario-requested");
    }

    @Test
    void missingKafkaConfigurationIsABadConfigurationNotACrash() {
        ScenarioOpsConfig unconfigured = ScenarioOpsConfig.fromEnv(Map.of());
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(new ScenarioOpsCommand(() -> unconfigured));
        cli.setErr(new PrintWriter(err, true));

        assertEquals(Cli.EXIT_BAD_INPUT, cli.execute("run"));
        assertTrue(err.toString().contains("KAFKA_BOOTSTRAP_SERVERS is not set"), err.toString());
    }

    private static long requestedRecordCount() {
        return requestedRecords().size();
    }

    /** Everything committed on scenario-requested, read from the beginning up to the current end. */
    private static List<ConsumerRecord<byte[], byte[]>> requestedRecords() {
        return TopicSnapshot.read(config.kafka(), topics.scenarioRequested().name());
    }
}
