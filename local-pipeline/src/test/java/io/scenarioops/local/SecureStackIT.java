package io.scenarioops.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.embedded.EmbeddedStack.KafkaAccess;
import io.scenarioops.embedded.KafkaUsers;
import io.scenarioops.events.RunCompleted;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.kafka.KafkaClientProperties;
import io.scenarioops.kafka.TopicSnapshot;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import io.scenarioops.publisher.PublisherService;
import io.scenarioops.qc.QcService;
import io.scenarioops.solver.SolverService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code stack --secure} with solver, publisher and QC as separate processes, each configured with
 * exactly the {@code export} lines the stack prints (its own principal), under a topic prefix: a
 * run requested with the run requester's credentials passes QC; the run requester cannot forge a
 * {@code scenario-published} event; clients without valid credentials get nothing.
 */
class SecureStackIT {
    private static final String TOPIC_PREFIX = "secure-";
    private static final Pattern EXPORT = Pattern.compile("export ([A-Z0-9_]+)=(?:'(.*)'|(.*))");
    private static final int SEED_SCENARIOS = 3;
    /** Three service JVMs starting side by side took over a minute on a loaded 2-core machine. */
    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(5);

    @RegisterExtension
    static final TargetDataDir DATA_DIR = new TargetDataDir("secure-");

    private static EmbeddedStack stack;
    /** What the stack printed, as the environment a shell would have after sourcing it. */
    private static Map<String, String> exported;
    private static final ServiceProcesses processes = new ServiceProcesses("secure-children-kill");

    @BeforeAll
    static void startSecureStackAndServices() {
        Path dataDir = DATA_DIR.create();
        try {
            stack = EmbeddedStack.start(ScenarioOpsConfig.fromEnv(Map.of()).withDataDir(dataDir.resolve("stack"))
                    .withTopicPrefix(TOPIC_PREFIX), EnumSet.allOf(EmbeddedStack.Component.class), KafkaAccess.SECURE);
            PipelineAcls.apply(stack.config().kafka());
            exported = parse(StackCommand.exportLines(stack.config(), stack.kafkaUsers()));
            Path logDir = Path.of("target", "secure-logs").toAbsolutePath();
            for (String service : List.of("solver", "publisher", "qc")) {
                Map<String, String> env = new HashMap<>(exported);
                env.put(ScenarioOpsConfig.DATA_DIR, dataDir.resolve("processes").resolve(service).toString());
                env.put("INSTANCE_NAME", service + "-1");
                processes.add(ServiceProcess.localLauncher(service, service + "-1", env, logDir));
            }
            processes.startAll();
            awaitServicesInTheirGroups();
        } catch (RuntimeException | Error e) {
            DATA_DIR.keep();
            stopAll();
            throw e;
        }
    }

    @AfterAll
    static void stopStackAndServices() {
        stopAll();
        DATA_DIR.deleteIfAllPassed();
    }

    @Test
    void theStackPrintsOnePrincipalPerServiceAndTheRunRequesterAsTheSharedOne() {
        assertEquals("SASL_PLAINTEXT", exported.get("KAFKA_SECURITY_PROTOCOL"));
        assertEquals("PLAIN", exported.get("KAFKA_SASL_MECHANISM"));
        assertEquals(TOPIC_PREFIX, exported.get("TOPIC_PREFIX"));
        assertTrue(exported.get("KAFKA_SASL_JAAS_CONFIG").contains("username=\"requester\""));
        for (String service : List.of("SOLVER", "PUBLISHER", "QC", "CONSOLE")) {
            String jaas = exported.get(service + "_KAFKA_SASL_JAAS_CONFIG");
            assertTrue(jaas.contains("username=\"" + service.toLowerCase() + "\""), jaas);
        }
    }

    @Test
    void aRunPassesAndTheRunRequesterCannotForgeAPublishedScenario() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ScenarioOpsConfig cli = ScenarioOpsConfig.fromEnv(exported);
        var commandLine = LocalLauncher.commandLine(new ScenarioOpsCommand(() -> cli));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("run", "--wait", "--timeout", "480");

        assertEquals(0, exitCode, "run --wait as the run requester\nout:\n" + out + "\nerr:\n" + err + logs());
        assertTrue(out.toString().contains("checked " + SEED_SCENARIOS + "/" + SEED_SCENARIOS + ", run " + RunCompleted.STATUS_PASSED),
                out.toString());

        String published = new TopicCatalog(TOPIC_PREFIX).scenarioPublished().name();
        try (KafkaProducer<byte[], byte[]> forger = producer(cli.kafka().clientProperties())) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> forger.send(
                    new ProducerRecord<>(published, "run/forged".getBytes(StandardCharsets.UTF_8), "{}".getBytes(
                            StandardCharsets.UTF_8))).get(60, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
        // The run's own publications, and not one more: the forged record never got in.
        assertEquals(SEED_SCENARIOS, TopicSnapshot.read(stack.config().kafka(), published).size());
    }

    @Test
    void aClientWithoutCredentialsGetsNothing() {
        KafkaSettings admin = stack.config().kafka();
        Properties plaintext = new Properties();
        plaintext.put("bootstrap.servers", admin.bootstrapServers());
        plaintext.put("default.api.timeout.ms", "5000");
        plaintext.put("request.timeout.ms", "5000");
        try (Admin anonymous = Admin.create(plaintext)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> anonymous.describeCluster().clusterId().get(30, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, refused.getCause());
        }

        Map<String, String> wrongPassword = Map.of("security.protocol", KafkaUsers.SECURITY_PROTOCOL,
                "sasl.mechanism", KafkaUsers.MECHANISM, "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"requester\""
                        + " password=\"guessed\";");
        try (KafkaProducer<byte[], byte[]> guesser = producer(wrongPassword)) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> guesser.send(
                    new ProducerRecord<>(new TopicCatalog(TOPIC_PREFIX).scenarioRequested().name(), new byte[1]))
                    .get(60, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    /** Each service has joined its consumer group, so it is up (QC migrates the run store before it joins). */
    private static void awaitServicesInTheirGroups() {
        List<String> groups = List.of(TOPIC_PREFIX + SolverService.GROUP_ID, TOPIC_PREFIX + PublisherService.GROUP_ID,
                TOPIC_PREFIX + QcService.APPLICATION_ID, TOPIC_PREFIX + QcService.CHECKS_APPLICATION_ID);
        try (Admin admin = Admin.create(KafkaClientProperties.admin(stack.config().kafka(), "secure-it"))) {
            await("services in groups " + groups + logs()).atMost(SERVICE_START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .failFast("a service exited" + logs(), () -> processes.list().stream().anyMatch(p -> !p.isAlive()))
                    .until(() -> admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS).values()
                            .stream().allMatch(group -> !group.members().isEmpty()));
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, String> clientProperties) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafka().bootstrapServers());
        props.putAll(clientProperties);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static Map<String, String> parse(List<String> lines) {
        Map<String, String> env = new HashMap<>();
        for (String line : lines) {
            Matcher export = EXPORT.matcher(line);
            if (export.matches()) {
                env.put(export.group(1), export.group(2) != null ? export.group(2) : export.group(3));
            }
        }
        return env;
    }

    private static String logs() {
        StringBuilder text = new StringBuilder();
        for (ServiceProcess process : processes.list()) {
            text.append("\n--- ").append(process.logFile()).append(" (alive: ").append(process.isAlive()).append(')');
        }
        return text.toString();
    }

    private static void stopAll() {
        processes.close();
        if (stack != null) {
            stack.close();
        }
    }
}
