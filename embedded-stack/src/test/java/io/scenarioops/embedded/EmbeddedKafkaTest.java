package io.scenarioops.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting on a client port that another process took between its choice and Kafka's bind; two
 * servers in one JVM each stopping their own raft reaper.
 */
class EmbeddedKafkaTest {

    @TempDir
    Path dataDir;

    @Test
    void startsOnNewPortsWhenThePickedClientPortWasTakenBeforeKafkaBoundIt() throws Exception {
        try (ServerSocket taken = listen()) {
            AtomicInteger picks = new AtomicInteger();
            IntFunction<int[]> picker = count -> {
                int[] ports = LoopbackPorts.free(count);
                if (picks.getAndIncrement() == 0) {
                    ports[0] = taken.getLocalPort();
                }
                return ports;
            };

            try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, EmbeddedKafka.ANY_FREE_PORT, false, picker)) {
                assertEquals(2, picks.get(), "one start failed on the taken port, the next one started");
                assertNotEquals("127.0.0.1:" + taken.getLocalPort(), kafka.bootstrapServers());
                assertEquals(kafka.clusterId(), clusterIdAnsweredBy(kafka));
            }
        }
    }

    @Test
    void eachServerInTheJvmFindsItsOwnRaftReaperAndClosingItLeavesTheOtherServersReaperRunning() throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.start(dataDir.resolve("first"), EmbeddedKafka.ANY_FREE_PORT);
                EmbeddedKafka second = EmbeddedKafka.start(dataDir.resolve("second"), EmbeddedKafka.ANY_FREE_PORT)) {
            Thread firstReaper = first.raftReaper().orElseThrow();
            Thread secondReaper = second.raftReaper().orElseThrow();
            assertNotSame(firstReaper, secondReaper);

            first.close();
            // the reaper leaves run() just after it lets awaitShutdown() return
            firstReaper.join(TimeUnit.SECONDS.toMillis(10));

            assertFalse(firstReaper.isAlive());
            assertTrue(secondReaper.isAlive());
            assertEquals(second.clusterId(), clusterIdAnsweredBy(second));
        }
    }

    private static String clusterIdAnsweredBy(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTakenClientPortThatWasAskedForFailsAtOnceNamingTheAddress() throws Exception {
        try (ServerSocket taken = listen()) {
            AtomicInteger picks = new AtomicInteger();
            IntFunction<int[]> picker = count -> {
                picks.incrementAndGet();
                return LoopbackPorts.free(count);
            };

            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> EmbeddedKafka.start(dataDir, taken.getLocalPort(), false, picker));

            assertEquals(1, picks.get());
            assertEquals("Kafka did not start: Socket server failed to bind to 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use.", failure.getMessage());
        }
    }

    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }
}
