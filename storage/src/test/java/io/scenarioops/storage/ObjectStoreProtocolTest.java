package io.scenarioops.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scenarioops.core.TransientException;
import io.scenarioops.core.config.ObjectStoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The client leaves TLS out only for an {@code http://} endpoint: what reaches the server first is
 * a TLS handshake record for {@code https://} and a plain HTTP request line for {@code http://}.
 */
class ObjectStoreProtocolTest {
    /** The first byte of a TLS record carrying a handshake. */
    private static final int TLS_HANDSHAKE = 0x16;

    @Test
    void anHttpsEndpointIsSpokenToOverTls() throws Exception {
        assertEquals(TLS_HANDSHAKE, firstBytesReceived(port -> "https://127.0.0.1:" + port)[0]);
    }

    @Test
    void anHttpEndpointGetsAPlainRequest() throws Exception {
        // MinIO asks for the bucket's region first
        assertEquals("GET ", new String(firstBytesReceived(port -> "http://127.0.0.1:" + port),
                StandardCharsets.US_ASCII));
    }

    /**
     * The first four bytes the store's client sends to a server that then hangs up and stops
     * listening, so that the client's retries are refused at once.
     */
    private static byte[] firstBytesReceived(IntFunction<String> endpointAtPort) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket connection = server.accept(); InputStream in = connection.getInputStream()) {
                    server.close();
                    return in.readNBytes(4);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (ObjectStore store = new ObjectStore(new ObjectStoreSettings(endpointAtPort.apply(server.getLocalPort()),
                    "access", "secret", "bucket"))) {
                // the server hangs up without an answer: the call fails, after the bytes were sent
                assertThrows(TransientException.class, store::bucketExists);
            }
            return received.get(30, TimeUnit.SECONDS);
        }
    }
}
