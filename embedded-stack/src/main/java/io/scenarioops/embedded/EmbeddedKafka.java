package io.scenarioops.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.util.ShutdownableThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka cluster (KRaft; broker and controller in one server) running inside
 * this JVM.
 *
 * <p>Owns {@code <dataDir>/kafka}: the {@code server.properties} it was started with and the log
 * directory {@code logs/}. The log directory is formatted once; its {@code meta.properties} keeps
 * the cluster id, so a later start on the same data dir keeps topics, records and committed offsets.
 *
 * <p>Open ({@link #start}) it has one PLAINTEXT listener and lets everyone do everything. Secure
 * ({@link #startSecure}) every listener, the controller's included, takes SASL/PLAIN logins of the
 * {@link KafkaUsers} only, and the KRaft {@code StandardAuthorizer} allows nothing that no ACL
 * grants, except to the super user {@value KafkaUsers#ADMIN}, as which the broker logs in to itself.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Pass as a port to have a free one picked (see {@link LoopbackPorts}). */
    public static final int ANY_FREE_PORT = 0;

    private static final int NODE_ID = 1;
    private static final String LOOPBACK = LoopbackPorts.LOOPBACK;
    /** Written by the storage format; its presence means the log directory is ready to use. */
    private static final String META_PROPERTIES = "meta.properties";
    private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    private static final int BIND_ATTEMPTS = 3;
    /** The thread of the KRaft client's {@code TimingWheelExpirationService}, in every server. */
    private static final String RAFT_REAPER_THREAD = "raft-expiration-reaper";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int clientPort;
    private final String clusterId;
    /** Empty for an open broker. */
    private final Optional<KafkaUsers> users;
    /**
     * This server's raft reaper (see {@link #close()}): the one reaper thread that appeared while it
     * started; empty if none or several did (another server starting in this JVM meanwhile).
     */
    private final Optional<ShutdownableThread> raftReaper;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int clientPort, String clusterId,
            Optional<KafkaUsers> users, Optional<ShutdownableThread> raftReaper) {
        this.server = server;
        this.dataDir = dataDir;
        this.clientPort = clientPort;
        this.clusterId = clusterId;
        this.users = users;
        this.raftReaper = raftReaper;
    }

    /**
     * Formats {@code <dataDir>/kafka/logs} unless an earlier start already did, then starts the
     * server and returns once the broker accepts clients.
     *
     * @param brokerPort the client (PLAINTEXT) port, or {@link #ANY_FREE_PORT}; the controller
     *     port is internal to this process and always picked free
     */
    public static EmbeddedKafka start(Path dataDir, int brokerPort) {
        return start(dataDir, brokerPort, false);
    }

    /**
     * As {@link #start}, with SASL/PLAIN on every listener and the KRaft {@code StandardAuthorizer}:
     * only the {@link #users()} get in, and only as far as ACLs (or being the super user) allow.
     * The users' passwords are those kept in the data dir, generated on its first secure start.
     */
    public static EmbeddedKafka startSecure(Path dataDir, int brokerPort) {
        return start(dataDir, brokerPort, true);
    }

    private static EmbeddedKafka start(Path dataDir, int brokerPort, boolean secure) {
        return start(dataDir, brokerPort, secure, LoopbackPorts::free);
    }

    /**
     * Kafka is told its ports and binds them a second or two later. Should another process take
     * a picked client port meanwhile, the start tries again on new ports. A taken controller port
     * cannot be recovered from, because Kafka halts the JVM when its controller fails to start;
     * {@link LoopbackPorts} picks where only a server asking for that very port could take it.
     *
     * @param portPicker returns that many distinct ports believed free
     */
    static EmbeddedKafka start(Path dataDir, int brokerPort, boolean secure, IntFunction<int[]> portPicker) {
        for (int attempt = 1; ; attempt++) {
            int[] freePorts = portPicker.apply(2);
            int clientPort = brokerPort == ANY_FREE_PORT ? freePorts[0] : brokerPort;
            try {
                return startOn(dataDir, clientPort, freePorts[1], secure);
            } catch (RuntimeException e) {
                Optional<String> bindFailure = bindFailure(e);
                if (bindFailure.isEmpty()) {
                    throw e;
                }
                if (brokerPort != ANY_FREE_PORT || attempt == BIND_ATTEMPTS) {
                    throw new IllegalStateException("Kafka did not start: " + bindFailure.get()
                            + (brokerPort == ANY_FREE_PORT ? " (the last of " + attempt + " attempts)" : ""), e);
                }
                LOG.info("Kafka did not start, trying again on new ports: {}", bindFailure.get());
            }
        }
    }

    private static EmbeddedKafka startOn(Path dataDir, int clientPort, int controllerPort, boolean secure) {
        ServerLogLevels.quietenUnlessConfigured();
        ControllerRegistrationRaceFilter.installUnlessPresent();
        Path home = dataDir.toAbsolutePath().resolve("kafka");
        Path logDir = home.resolve("logs");
        Optional<KafkaUsers> users = secure ? Optional.of(KafkaUsers.loadOrCreate(home)) : Optional.empty();
        Properties properties = serverProperties(logDir, clientPort, controllerPort);
        users.ifPresent(u -> secure(properties, clientPort, controllerPort, u));
        try {
            Files.createDirectories(logDir);
            Path propertiesFile = home.resolve("server.properties");
            // owner only: a secure broker's file holds the users' passwords
            OwnerOnlyFiles.writeProperties(properties, propertiesFile,
                    "embedded Kafka, written at each start (ports change)");
            String clusterId = existingClusterId(logDir).orElseGet(() -> format(propertiesFile));
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            Set<Thread> reapersBefore = new HashSet<>(raftReapers());
            try {
                server.startup();
            } catch (RuntimeException e) {
                // startup() leaves the controller running when the broker half fails.
                server.shutdown();
                server.awaitShutdown();
                throw e;
            }
            List<ShutdownableThread> started = raftReapers().stream()
                    .filter(reaper -> !reapersBefore.contains(reaper)).toList();
            if (started.size() != 1) {
                LOG.debug("{} raft reapers appeared while Kafka started, not one: its stop will wait out the"
                        + " reaper's poll", started.size());
            }
            return new EmbeddedKafka(server, dataDir, clientPort, clusterId, users,
                    started.size() == 1 ? Optional.of(started.get(0)) : Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka's directory " + home, e);
        }
    }

    /**
     * Kafka reports a taken port as "Socket server failed to bind to host:port: Address already in
     * use", under a wrapper that only says an acceptor did not start.
     */
    private static Optional<String> bindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains("failed to bind"))) {
                return Optional.of(t.getMessage());
            }
        }
        return Optional.empty();
    }

    public String bootstrapServers() {
        return LOOPBACK + ":" + clientPort;
    }

    public String clusterId() {
        return clusterId;
    }

    /** The users that may log in; empty when the broker is open to everyone. */
    public Optional<KafkaUsers> users() {
        return users;
    }

    /**
     * Stops this server unless {@link #close()} already did, then starts a new one on the same data
     * dir and client port, as a broker restart would: clients keep their bootstrap address, and
     * topics, records, committed offsets and transaction state survive.
     */
    public EmbeddedKafka restart() {
        close();
        return start(dataDir, clientPort, users.isPresent());
    }

    /**
     * Stops broker and controller and waits until their threads are gone; later calls do nothing.
     *
     * <p>The raft reaper is told to stop first. Its loop polls a timer for up to 200 ms and Kafka
     * does not interrupt it, so the controller's shutdown, which follows the broker's, waited out
     * up to 200 ms of that poll (158 ms measured). Told first, it finishes the poll while the
     * broker shuts down. It only expires the waits of fetches from other voters and observers,
     * which a single node has none of: appends wait for their commit without a time limit.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            raftReaper.ifPresent(ShutdownableThread::initiateShutdown);
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /** This server's raft reaper thread if its start found it; for tests. */
    Optional<Thread> raftReaper() {
        return raftReaper.map(Thread.class::cast);
    }

    /**
     * The live raft reapers of every Kafka server in this JVM. Listed through the root thread group
     * rather than {@code Thread.getAllStackTraces()}, which walks every thread's stack: 10 ms for
     * its first call with 200 threads under C1, against 0.15 ms, on the broker's start path.
     */
    private static List<ShutdownableThread> raftReapers() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads;
        int count;
        int size = root.activeCount() + 16;
        do {
            // enumerate() silently leaves out what does not fit: a full array may have missed some
            threads = new Thread[size];
            count = root.enumerate(threads, true);
            size *= 2;
        } while (count == threads.length);
        return Arrays.stream(threads, 0, count)
                .filter(thread -> thread instanceof ShutdownableThread && RAFT_REAPER_THREAD.equals(thread.getName()))
                .map(ShutdownableThread.class::cast)
                .toList();
    }

    private static Properties serverProperties(Path logDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + LOOPBACK + ":" + clientPort + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + clientPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        // The internal topics default to 3 replicas and min ISR 2: on one node, consumer groups and
        // transactions would wait forever for replicas that never come.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Spreading coordinators over brokers is what the default 50 partitions each are for; on one
        // node, creating and loading 100 partitions on the first group join and the first
        // transaction only delays both (by about 0.6 s of a new data dir's start here).
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.num.partitions", "3");
        // Nobody else is going to join: the default 3 s wait before the first rebalance only slows
        // every consumer group's start.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The cleaner's 128 MB default buffer would dominate the heap of a JVM that also runs the
        // services; compacted topics here are small.
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        // Topics are created explicitly by the pipeline; a typo must fail, not create a topic.
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }

    /** SASL/PLAIN instead of PLAINTEXT on both listeners, and the authorizer. */
    private static void secure(Properties p, int clientPort, int controllerPort, KafkaUsers users) {
        String listener = KafkaUsers.SECURITY_PROTOCOL;
        String controllerListener = p.getProperty("controller.listener.names");
        p.setProperty("listeners", listener + "://" + LOOPBACK + ":" + clientPort + "," + controllerListener + "://"
                + LOOPBACK + ":" + controllerPort);
        p.setProperty("advertised.listeners", listener + "://" + LOOPBACK + ":" + clientPort);
        p.setProperty("inter.broker.listener.name", listener);
        p.setProperty("listener.security.protocol.map", listener + ":" + listener + "," + controllerListener + ":"
                + listener);
        p.setProperty("sasl.enabled.mechanisms", KafkaUsers.MECHANISM);
        p.setProperty("sasl.mechanism.inter.broker.protocol", KafkaUsers.MECHANISM);
        p.setProperty("sasl.mechanism.controller.protocol", KafkaUsers.MECHANISM);
        // The same login section serves both sides: username/password when the broker connects to
        // itself or its controller, user_<name> entries for whom it accepts.
        String mechanism = KafkaUsers.MECHANISM.toLowerCase(Locale.ROOT);
        for (String name : new String[] {listener, controllerListener}) {
            p.setProperty("listener.name." + name.toLowerCase(Locale.ROOT) + "." + mechanism
                    + ".sasl.jaas.config", users.brokerJaasConfig());
        }
        p.setProperty("authorizer.class.name", AUTHORIZER);
        p.setProperty("super.users", "User:" + KafkaUsers.ADMIN);
        p.setProperty("allow.everyone.if.no.acl.found", "false");
    }

    private static Optional<String> existingClusterId(Path logDir) throws IOException {
        Path metaProperties = logDir.resolve(META_PROPERTIES);
        if (!Files.exists(metaProperties)) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            meta.load(in);
        }
        return Optional.ofNullable(meta.getProperty("cluster.id"));
    }

    /** Formats the log directory with a new cluster id, which meta.properties then keeps. */
    private static String format(Path propertiesFile) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        // execute() rather than main(): main() ends with System.exit.
        int exitCode = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", propertiesFile.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exitCode != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (exit " + exitCode + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
        return clusterId;
    }
}
