package io.scenarioops.producer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.testsupport.GoldenFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code solve} and {@code baseline export} through the command line: no broker, the golden totals, bad input refused. */
class SolveCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target", "solve-command-" + UUID.randomUUID());
    private static final JsonNode REFERENCE = GoldenFiles.read(GoldenFiles.LP_V1_REFERENCE);
    private static Path example;

    @BeforeAll
    static void files() throws IOException {
        Files.createDirectories(WORK);
        example = WORK.resolve("example_baseline.json");
        Files.write(example, GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE));
    }

    private record Result(int exitCode, String out, String err) {
        double totalCost() {
            try {
                return JSON.readTree(out).get("kpi_total").get("total_cost").doubleValue();
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(new ScenarioOpsCommand(() -> ScenarioOpsConfig.fromEnv(Map.of())));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }

    private static double golden(String... path) {
        JsonNode node = REFERENCE;
        for (String name : path) {
            node = node.get(name);
        }
        return node.doubleValue();
    }

    @Test
    void bothSolversOnTheSeedGiveTheReferenceTotals() {
        Result lp = run("solve", "--solver", "lp-v1", "--seed", "7", "--demand-scale", "1.1",
                "--variable-cost-scale", "1", "--logistics-cost-scale", "1");
        assertEquals(0, lp.exitCode(), lp.err());
        assertEquals(golden("seed7_defaults", "demand_up_10", "lp-v1", "total_cost"), lp.totalCost(), 0.0);
        Result toy = run("solve", "--seed", "7", "--demand-scale", "1.1");
        assertEquals(golden("seed7_defaults", "demand_up_10", "toy-v1", "total_cost"), toy.totalCost(), 0.0);
    }

    @Test
    void aSizedInstanceAndTheExampleFile() {
        assertEquals(golden("seed7_sized_40x10", "lp-v1", "total_cost"),
                run("solve", "--solver", "lp-v1", "--orders", "40", "--periods", "10").totalCost(), 0.0);
        assertEquals(golden("seed7_sized_40x10", "toy-v1", "total_cost"),
                run("solve", "--orders", "40", "--periods", "10").totalCost(), 0.0);
        assertEquals(golden("example_baseline", "lp-v1", "total_cost"),
                run("solve", "--solver", "lp-v1", "--baseline", example.toString()).totalCost(), 0.0);
        assertEquals(golden("example_baseline", "toy-v1", "total_cost"),
                run("solve", "--baseline", example.toString()).totalCost(), 0.0);
    }

    @Test
    void anExportedSeedInstanceSolvesAsTheSeed() throws IOException {
        Result export = run("baseline", "export", "--seed", "7");
        assertEquals(0, export.exitCode(), export.err());
        Path exported = WORK.resolve("seed7.json");
        Files.writeString(exported, export.out());
        assertEquals(golden("seed7_defaults", "baseline", "toy-v1", "total_cost"),
                run("solve", "--baseline", exported.toString()).totalCost(), 0.0);
        assertEquals(golden("seed7_defaults", "baseline", "lp-v1", "total_cost"),
                run("solve", "--solver", "lp-v1", "--baseline", exported.toString()).totalCost(), 0.0);
    }

    @Test
    void planningParametersChangeTheOptimum() {
        Result noSites = run("solve", "--solver", "lp-v1", "--planning", "site_share=0.2", "--planning",
                "unmet_penalty=100");
        assertEquals(0, noSites.exitCode(), noSites.err());
        assertFalse(noSites.totalCost() == golden("seed7_defaults", "baseline", "lp-v1", "total_cost"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "planning -1 | --planning overtime_share=-1 | planning.overtime_share: must be a finite number >= 0, got -1.0",
        "planning NaN | --planning holding_cost=NaN | planning.holding_cost: must be a finite number >= 0, got NaN",
        "site_share 0 | --planning site_share=0 | planning.site_share: must be a finite number > 0, got 0.0",
        "unknown parameter | --planning overtime=1 | planning.overtime: unknown planning parameter",
        "unknown solver | --solver=milp | --solver: must be one of toy-v1, lp-v1, got \"milp\"",
        "orders 0 | --orders=0 | orders: must be an integer within [1, 10000], got 0",
    })
    void badOptionsAreRefusedNamingTheField(String description, String option, String reason) {
        String[] parts = option.split(" ", 2);
        Result result = parts.length == 2 ? run("solve", "--solver", "lp-v1", parts[0], parts[1])
                : run("solve", parts[0]);
        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode(), description);
        assertEquals("", result.out());
        assertEquals("error: " + reason, result.err().lines().findFirst().orElseThrow().substring(0,
                Math.min(result.err().lines().findFirst().orElseThrow().length(), ("error: " + reason).length())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative demand | demand.C02[1]: must be a finite number >= 0, got -3",
        "missing site | inbound_cost.C03.S2: is missing (every site listed needs a value here)",
        "periods not 0..n-1 | periods[2]: must be 2 (periods are 0..n-1 in order), got 3",
    })
    void aBadBaselineFileIsRefusedNamingThePath(String description, String reason) throws IOException {
        Path bad = badExample(description);
        for (String solver : new String[] {"toy-v1", "lp-v1"}) {
            Result result = run("solve", "--solver", solver, "--baseline", bad.toString());
            assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode(), description);
            assertEquals("error: " + reason + "\n", result.err().replace("\r\n", "\n"));
            assertEquals("", result.out());
        }
    }

    /** The example file broken in one of the ways acceptance names. */
    static Path badExample(String how) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE));
        Map<String, Consumer<ObjectNode>> damage = Map.of(
                "negative demand", r -> ((ArrayNode) r.with("demand").get("C02")).set(1, -3),
                "missing site", r -> ((ObjectNode) r.with("inbound_cost").get("C03")).remove("S2"),
                "periods not 0..n-1", r -> ((ArrayNode) r.get("periods")).set(2, 3));
        damage.get(how).accept(root);
        Path file = Files.createDirectories(WORK).resolve(UUID.randomUUID() + ".json");
        Files.write(file, JSON.writeValueAsBytes(root));
        return file;
    }
}
