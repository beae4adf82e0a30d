package io.scenarioops.producer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The seed's two sanity DAGs as commands, against the real embedded servers. */
@PipelineTest
class CheckAndSmoketestCommandTest {
    private static ScenarioOpsConfig config;

    @BeforeAll
    static void slice(StackSlice slice) {
        config = slice.config();
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(Supplier<ScenarioOpsConfig> config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(new ScenarioOpsCommand(config));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void checkReportsEveryServerThatAnswers() {
        Result result = run(() -> config, "check");

        assertEquals(Cli.EXIT_OK, result.exitCode(), result.out() + result.err());
        String[] lines = result.out().split("\n");
        assertEquals(3, lines.length, result.out());
        assertTrue(lines[0].matches("kafka +OK +" + config.kafka().bootstrapServers() + ": cluster \\S+, 1 broker\\(s\\)"),
                lines[0]);
        assertTrue(lines[1].startsWith("object store  OK     " + config.objectStore().endpoint()), lines[1]);
        assertTrue(lines[2].matches("postgres +OK +" + Pattern.quote(config.postgres().jdbcUrl())
                + ": PostgreSQL 17\\.\\d+"), lines[2]);
    }

    @Test
    void checkNamesWhatDoesNotAnswerOrIsNotConfiguredAndFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ScenarioOpsConfig broken = config.withKafkaBootstrapServers("127.0.0.1:" + closedPort);
        ScenarioOpsConfig noPostgres = new ScenarioOpsConfig(broken.kafkaBootstrapServers(), "", (short) 1,
                broken.s3Endpoint(), broken.s3AccessKey(), broken.s3SecretKey(), broken.s3Bucket(),
                java.util.Optional.empty(), "postgres", "postgres", broken.dataDir(), broken.kafkaClients());

        Result result = run(() -> noPostgres, "check");

        assertEquals(Cli.EXIT_FAILED, result.exitCode());
        String[] lines = result.out().split("\n");
        // the admin client's own 5 s timeout and the probe's race: either names the endpoint and the timeout
        assertTrue(lines[0].equals("kafka         FAILED 127.0.0.1:" + closedPort + ": TimeoutException (no answer"
                + " within 5 s)") || lines[0].startsWith("kafka         FAILED 127.0.0.1:" + closedPort
                + ": TimeoutException: Timed out waiting"), lines[0]);
        assertTrue(lines[1].startsWith("object store  OK "), lines[1]);
        assertTrue(lines[1].contains("bucket " + broken.s3Bucket()), lines[1]);
        assertEquals("postgres      FAILED not configured: set PG_URL", lines[2]);
    }

    @Test
    void checkNeverPrintsAPasswordInThePostgresUrl() {
        String secret = "url-secret-" + UUID.randomUUID();
        String url = config.postgres().jdbcUrl();
        String separator = url.contains("?") ? "&" : "?";
        ScenarioOpsConfig withSecret = config.withPostgres(url + separator + "password=" + secret,
                config.pgUser(), config.pgPassword());

        Result result = run(() -> withSecret, "check");

        assertTrue(!result.out().contains(secret) && !result.err().contains(secret), result.out() + result.err());
        String postgres = result.out().split("\n")[2];
        assertTrue(postgres.startsWith("postgres      "), postgres);
        assertTrue(postgres.contains(url + separator + "password=***"), postgres);
    }

    /** The driver quotes the authority it could not resolve, user-info and all: masked there too. */
    @Test
    void checkNeverPrintsTheUserInfoOfAPostgresUrlItCannotReach() {
        String secret = "pw-" + UUID.randomUUID();
        ScenarioOpsConfig withUserInfo = config.withPostgres("jdbc:postgresql://ops:" + secret + "@127.0.0.1:1/runs",
                config.pgUser(), config.pgPassword());

        Result result = run(() -> withUserInfo, "check");

        assertEquals(Cli.EXIT_FAILED, result.exitCode());
        assertTrue(!result.out().contains(secret) && !result.err().contains(secret), result.out() + result.err());
        String postgres = result.out().split("\n")[2];
        assertTrue(postgres.startsWith("postgres      FAILED jdbc:postgresql://***@127.0.0.1:1/runs: "), postgres);
    }

    @Test
    void anEndpointWithoutItsCredentialsIsAConfigurationError() {
        Result result = run(() -> ScenarioOpsConfig.fromEnv(Map.of(ScenarioOpsConfig.S3_ENDPOINT,
                config.objectStore().endpoint(), ScenarioOpsConfig.S3_ACCESS_KEY, "scenarioops")), "check");

        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode());
        assertEquals("error: environment variable S3_SECRET_KEY is not set; it is required when S3_ENDPOINT is set"
                + " (the default credentials are only for the embedded servers)\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void smoketestWritesTheSeedsHelloFileIntoTheBucket() {
        String key = ObjectLayout.smoketestKey(Timestamps.dt(Instant.now()));

        Result result = run(() -> config, "smoketest");

        assertEquals(Cli.EXIT_OK, result.exitCode(), result.err());
        assertEquals("wrote s3://" + config.s3Bucket() + "/" + key + " at " + config.objectStore().endpoint() + "\n",
                result.out());
        try (ObjectStore store = new ObjectStore(config.objectStore())) {
            String content = new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8);
            assertTrue(content.startsWith("hello from scenarioops at "), content);
        }
    }

    @Test
    void smoketestWithoutAnObjectStoreSaysWhichVariableToSet() {
        Result result = run(() -> ScenarioOpsConfig.fromEnv(Map.of()), "smoketest");

        assertEquals(Cli.EXIT_BAD_INPUT, result.exitCode());
        assertTrue(result.err().startsWith("error: environment variable S3_ENDPOINT is not set"), result.err());
    }
}
