package io.scenarioops.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.scenarioops.core.TransientException;
import io.scenarioops.core.config.ObjectStoreSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Refusals that are the infrastructure's doing are outages; refusals of the request itself are not. */
class InfrastructureRefusalsTest {

    @ParameterizedTest
    @CsvSource({
        "403, AccessDenied, credentials",
        "403, InvalidAccessKeyId, credentials",
        "403, SignatureDoesNotMatch, credentials",
        "403, RequestTimeTooSkewed, clock skew",
        "400, RequestTimeTooSkewed, clock skew",
        "400, AuthorizationHeaderMalformed, credentials",
        "400, ExpiredToken, credentials"})
    void credentialPermissionAndClockRefusalsAreOutages(int status, String code, String pointsAt) {
        Optional<String> cause = InfrastructureRefusals.cause(status, code);
        assertTrue(cause.isPresent(), status + " " + code);
        assertTrue(cause.get().contains(pointsAt), cause.get());
    }

    @ParameterizedTest
    @CsvSource({
        "400, InvalidArgument",
        "400, EntityTooLarge",
        "400, InvalidBucketName",
        "404, NoSuchBucket",
        "409, BucketAlreadyExists",
        "404, AccessDenied",
        "400, ''"})
    void refusalsOfTheRequestItselfAreNot(int status, String code) {
        assertEquals(Optional.empty(), InfrastructureRefusals.cause(status, code.isEmpty() ? null : code));
    }

    /** A server that answers every request with one S3 error. */
    private static HttpServer refusing(int status, String code) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>refused"
                    + "</Message><Resource>/bucket/key</Resource><RequestId>1</RequestId></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static ObjectStore storeAt(HttpServer server) {
        return new ObjectStore(new ObjectStoreSettings("http://127.0.0.1:" + server.getAddress().getPort(), "key",
                "secret", "bucket"));
    }

    @Test
    void anObjectStoreThatDeniesAccessIsAnOutageForItsCaller() throws IOException {
        HttpServer server = refusing(403, "AccessDenied");
        try (ObjectStore store = storeAt(server)) {
            TransientException error = assertThrows(TransientException.class, () -> store.get("runs/a.json"));
            assertTrue(error.getMessage().contains("403 AccessDenied"), error.getMessage());
            assertTrue(error.getMessage().contains("credentials or permissions"), error.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anObjectStoreThatRefusesTheRequestItselfIsNotAnOutage() throws IOException {
        HttpServer server = refusing(400, "InvalidArgument");
        try (ObjectStore store = storeAt(server)) {
            RuntimeException error = assertThrows(RuntimeException.class, () -> store.get("runs/a.json"));
            assertInstanceOf(ObjectStoreException.class, error);
        } finally {
            server.stop(0);
        }
    }
}
