package io.scenarioops.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for servers that are told their port and bind it a second or two later.
 *
 * <p>A port found by binding port 0 is an ephemeral port: once the probe closes, the kernel may
 * give it to the next outgoing connection, and a stack that is starting opens many (Kafka's
 * broker connects to its own controller, PostgreSQL's and the store's clients connect). So ports
 * are picked below the ephemeral range, which only a server asking for that very port can take,
 * and never twice in one JVM, so that stacks starting side by side cannot pick the same one.
 *
 * <p>The same holds for a server stopped and started again on its port while clients keep
 * reconnecting to it, as in the outage tests.
 */
public final class LoopbackPorts {

    static final String LOOPBACK = "127.0.0.1";

    /** Lowest port picked: above the registered ports local services tend to use. */
    static final int LOWEST = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default start of the ephemeral range; macOS and Windows start higher, at 49152. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
    private static final int CANDIDATES_TRIED = 500;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /**
     * Distinct ports that were free a moment ago, none handed out before in this JVM. All probes
     * stay open until every port is chosen.
     */
    public static int[] free(int count) {
        int highest = ephemeralLow() - 1;
        List<ServerSocket> probes = new ArrayList<>();
        try {
            for (int tried = 0; probes.size() < count && tried < CANDIDATES_TRIED; tried++) {
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
                // Taken or not, a candidate is not tried again: a taken one is likely to stay taken.
                if (HANDED_OUT.add(candidate)) {
                    tryListen(candidate).ifPresent(probes::add);
                }
            }
            if (probes.size() < count) {
                throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + highest
                        + " after " + CANDIDATES_TRIED + " tries");
            }
            return probes.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            probes.forEach(LoopbackPorts::closeQuietly);
        }
    }

    /** The first port the kernel may hand to an outgoing connection. */
    static int ephemeralLow() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE).strip().split("\\s+");
            int low = Integer.parseInt(range[0]);
            // A range reaching this low leaves nothing to pick from; such a machine gets Linux's default.
            return low > LOWEST + CANDIDATES_TRIED ? low : DEFAULT_EPHEMERAL_LOW;
        } catch (IOException | RuntimeException notLinux) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }

    private static Optional<ServerSocket> tryListen(int port) {
        try {
            return Optional.of(new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK)));
        } catch (IOException taken) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // The port was only probed; nothing depends on the close.
        }
    }
}
