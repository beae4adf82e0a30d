package io.scenarioops.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.scenarioops.core.config.InvalidConfigurationException;
import io.scenarioops.core.config.KafkaClientSettings;
import io.scenarioops.core.config.ScenarioOpsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, an S3 endpoint and PostgreSQL for one local run: each one the configuration already
 * names is used as it is, each one it leaves empty is started in this JVM under the data dir.
 *
 * <p>{@link #config()} is the given configuration with every requested endpoint filled in, ready
 * to hand to the services. A later start on the same data dir finds the previous run's topics,
 * objects and tables.
 */
public final class EmbeddedStack implements AutoCloseable {

    /** The servers a local stack can provide. */
    public enum Component { KAFKA, OBJECT_STORE, POSTGRES }

    /**
     * Who may use an embedded broker: everyone, or ({@code SECURE}) only the {@link KafkaUsers},
     * through SASL/PLAIN and ACLs; the stack's own configuration then logs in as the super user.
     */
    public enum KafkaAccess { OPEN, SECURE }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final ScenarioOpsConfig config;
    private final Set<Component> embedded;
    /** In start order. */
    private final List<AutoCloseable> servers;
    /** The broker among {@link #servers}, replaced by each restart; null when Kafka is external. */
    private EmbeddedKafka kafka;
    private boolean closed;

    private EmbeddedStack(ScenarioOpsConfig config, Set<Component> embedded, List<AutoCloseable> servers,
                          EmbeddedKafka kafka) {
        this.config = config;
        this.embedded = Collections.unmodifiableSet(embedded);
        this.servers = servers;
        this.kafka = kafka;
    }

    /** Provides all three servers. */
    public static EmbeddedStack start(ScenarioOpsConfig config) {
        return start(config, EnumSet.allOf(Component.class));
    }

    /**
     * Provides only {@code components}; the others stay as configured, so for example a test that
     * needs no database does not pay for starting one.
     */
    public static EmbeddedStack start(ScenarioOpsConfig config, Set<Component> components) {
        return start(config, components, KafkaAccess.OPEN);
    }

    /**
     * Provides {@code components}, the broker (if it is one of them) open or secure.
     *
     * @throws InvalidConfigurationException for a secure stack whose configuration names an external Kafka
     */
    public static EmbeddedStack start(ScenarioOpsConfig config, Set<Component> components, KafkaAccess access) {
        if (access == KafkaAccess.SECURE && config.kafkaBootstrapServers().isPresent()) {
            throw new InvalidConfigurationException("a secure stack secures its embedded Kafka, but "
                    + ScenarioOpsConfig.KAFKA_BOOTSTRAP_SERVERS + " names an external one ("
                    + config.kafkaBootstrapServers().get() + "); unset it");
        }
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data dir " + dataDir, e);
        }
        boolean startKafka = components.contains(Component.KAFKA) && config.kafkaBootstrapServers().isEmpty();
        boolean startObjectStore = components.contains(Component.OBJECT_STORE) && config.s3Endpoint().isEmpty();
        boolean startPostgres = components.contains(Component.POSTGRES) && config.pgUrl().isEmpty();

        long startNanos = System.nanoTime();
        // The servers do not depend on each other; started side by side the stack is up in the
        // time of the slowest one (measured 2.8 s against 4.2 s one after the other). A dedicated
        // pool because the common pool has a single thread on a 2-core machine.
        ExecutorService starter = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "embedded-stack-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Optional<Future<EmbeddedKafka>> kafka = startIf(startKafka, starter, "Kafka",
                    () -> access == KafkaAccess.SECURE ? EmbeddedKafka.startSecure(dataDir, EmbeddedKafka.ANY_FREE_PORT)
                            : EmbeddedKafka.start(dataDir, EmbeddedKafka.ANY_FREE_PORT),
                    EmbeddedKafka::bootstrapServers);
            Optional<Future<EmbeddedObjectStore>> objectStore = startIf(startObjectStore, starter, "object store",
                    () -> EmbeddedObjectStore.start(dataDir, EmbeddedObjectStore.ANY_FREE_PORT,
                            config.s3AccessKey(), config.s3SecretKey()),
                    EmbeddedObjectStore::endpoint);
            Optional<Future<EmbeddedPostgres>> postgres = startIf(startPostgres, starter, "PostgreSQL",
                    () -> EmbeddedPostgres.start(dataDir, EmbeddedPostgres.ANY_FREE_PORT), EmbeddedPostgres::jdbcUrl);

            // Wait for every start, even after a failure, so nothing is left running unowned.
            List<AutoCloseable> started = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            Optional<EmbeddedKafka> startedKafka = await(kafka, started, failures);
            Optional<EmbeddedObjectStore> startedObjectStore = await(objectStore, started, failures);
            Optional<EmbeddedPostgres> startedPostgres = await(postgres, started, failures);
            if (!failures.isEmpty()) {
                closeSideBySide(started);
                IllegalStateException failure = new IllegalStateException(
                        "the local stack did not start: " + failures.get(0).getMessage(), failures.get(0));
                failures.stream().skip(1).forEach(failure::addSuppressed);
                throw failure;
            }

            ScenarioOpsConfig filled = config.withDataDir(dataDir);
            Set<Component> embedded = EnumSet.noneOf(Component.class);
            if (startedKafka.isPresent()) {
                embedded.add(Component.KAFKA);
                filled = filled.withKafkaBootstrapServers(startedKafka.get().bootstrapServers());
                Optional<KafkaUsers> users = startedKafka.get().users();
                if (users.isPresent()) {
                    filled = filled.withKafkaClients(new KafkaClientSettings(
                            users.get().clientProperties(KafkaUsers.ADMIN), Map.of(), Optional.empty()));
                }
            }
            if (startedObjectStore.isPresent()) {
                embedded.add(Component.OBJECT_STORE);
                filled = filled.withS3Endpoint(startedObjectStore.get().endpoint());
            }
            if (startedPostgres.isPresent()) {
                embedded.add(Component.POSTGRES);
                filled = filled.withPostgres(startedPostgres.get().jdbcUrl(), startedPostgres.get().user(),
                        config.pgPassword());
            }
            LOG.info("local stack ready in {} ms: {}", elapsedMillis(startNanos), filled);
            return new EmbeddedStack(filled, embedded, started, startedKafka.orElse(null));
        } finally {
            starter.shutdown();
        }
    }

    /** The configuration with the endpoint of every requested server filled in. */
    public ScenarioOpsConfig config() {
        return config;
    }

    /** The users of the embedded broker if it is secure; empty if it is open or external. */
    public synchronized Optional<KafkaUsers> kafkaUsers() {
        return kafka == null ? Optional.empty() : kafka.users();
    }

    /** The servers this stack started itself (the others were configured as external). */
    public Set<Component> embeddedComponents() {
        return embedded;
    }

    /**
     * Stops the embedded broker and keeps its data, as in a broker outage; {@link #restartKafka()}
     * brings it back at the same address.
     */
    public synchronized void stopKafka() {
        requireEmbeddedKafka().close();
    }

    /**
     * Starts the embedded broker again on its port and data dir (stopping it first if it runs), so
     * that clients reconnect to the address they were given and find their topics, offsets and
     * transactions.
     */
    public synchronized void restartKafka() {
        EmbeddedKafka restarted = requireEmbeddedKafka().restart();
        servers.set(servers.indexOf(kafka), restarted);
        kafka = restarted;
    }

    private EmbeddedKafka requireEmbeddedKafka() {
        if (closed) {
            throw new IllegalStateException("the local stack is stopped");
        }
        if (kafka == null) {
            throw new IllegalStateException("Kafka is external (" + config.kafkaBootstrapServers().orElse("") + "),"
                    + " not started by this stack");
        }
        return kafka;
    }

    /** Stops the servers this stack started, side by side; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        closeSideBySide(servers);
        LOG.info("local stack stopped in {} ms", elapsedMillis(startNanos));
    }

    private static <T> Optional<Future<T>> startIf(boolean wanted, ExecutorService starter, String name,
                                                   Callable<T> start, Function<T, String> endpoint) {
        if (!wanted) {
            return Optional.empty();
        }
        return Optional.of(starter.submit(() -> {
            long startNanos = System.nanoTime();
            T server = start.call();
            LOG.info("embedded {} started at {} in {} ms", name, endpoint.apply(server), elapsedMillis(startNanos));
            return server;
        }));
    }

    /** The started server, recorded in {@code started}; or empty, with any failure recorded in {@code failures}. */
    private static <T extends AutoCloseable> Optional<T> await(Optional<Future<T>> launch, List<AutoCloseable> started,
                                                               List<Exception> failures) {
        if (launch.isEmpty()) {
            return Optional.empty();
        }
        try {
            T server = launch.get().get();
            started.add(server);
            return Optional.of(server);
        } catch (ExecutionException e) {
            failures.add(e.getCause() instanceof Exception cause ? cause : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
        }
        return Optional.empty();
    }

    /**
     * Stops every server, each on a thread of its own, and waits for all of them: they share
     * nothing, and the broker alone takes over half a second to stop.
     */
    private static void closeSideBySide(List<AutoCloseable> servers) {
        List<Thread> stopping = new ArrayList<>();
        for (AutoCloseable server : servers) {
            Thread thread = new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    // The other servers stop regardless: they still hold ports and files.
                    LOG.warn("stopping {} failed", server.getClass().getSimpleName(), e);
                }
            }, "embedded-stack-stop");
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("stopped waiting for the servers to stop: interrupted");
                return;
            }
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
