package io.scenarioops.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void picksDistinctBindablePortsBelowTheEphemeralRangeNeverTwice() throws Exception {
        int ephemeralLow = LoopbackPorts.ephemeralLow();
        Set<Integer> seen = new HashSet<>();
        for (int round = 0; round < 50; round++) {
            int[] ports = LoopbackPorts.free(3);
            assertEquals(3, ports.length);
            for (int port : ports) {
                assertTrue(port >= LoopbackPorts.LOWEST && port < ephemeralLow,
                        port + " is outside " + LoopbackPorts.LOWEST + ".." + (ephemeralLow - 1));
                assertTrue(seen.add(port), port + " was handed out twice: " + Arrays.toString(ports));
                try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getByName(LoopbackPorts.LOOPBACK))) {
                    assertEquals(port, bound.getLocalPort());
                }
            }
        }
    }
}
