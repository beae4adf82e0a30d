package io.scenarioops.storage;

import io.scenarioops.core.config.Redaction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import io.scenarioops.core.config.ObjectStoreSettings;
import io.scenarioops.core.TransientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's bucket on an S3-API server, through the MinIO Java client.
 *
 * <p>The client gets its own OkHttp setup: minio-java 8.6 routes every call through OkHttp's async
 * dispatcher (5 requests per host by default) and OkHttp leaves Nagle's algorithm on, so a PUT
 * whose body leaves in a second write waits ~40 ms for a delayed ACK. TCP_NODELAY and a wider
 * dispatcher make a 40 KB PUT about 30 times faster on loopback.
 *
 * <p>Network failures are retried briefly here, then surface as {@link TransientException}, which
 * the stages retry with backoff for as long as the outage lasts; so do refusals that are the
 * infrastructure's doing (credentials, permissions, clock skew: {@link InfrastructureRefusals}).
 */
public final class ObjectStore implements AutoCloseable {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain";
    /** No charset parameter: S3Proxy signs a Content-Type with one differently (403 SignatureDoesNotMatch); the page declares UTF-8 itself. */
    public static final String HTML = "text/html";

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);
    private static final int MAX_REQUESTS = 64;

    private final ObjectStoreSettings settings;
    private final OkHttpClient http;
    private final MinioClient client;
    private final Retry retry;

    public ObjectStore(ObjectStoreSettings settings) {
        this.settings = settings;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_REQUESTS);
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS);
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (isPlainHttp(settings.endpoint())) {
            // Without a TLS connection spec OkHttp skips loading the JDK's trust store and making an
            // SSL context: 0.1-0.15 s of each process's first client, on an endpoint that has no TLS.
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        this.http = builder
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(MAX_REQUESTS, 5, TimeUnit.MINUTES))
                .socketFactory(new NoDelaySocketFactory())
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .build();
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(http, true)
                .build();
        this.retry = Retry.of("object-store", RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2.0))
                .retryOnException(e -> e instanceof IOException)
                .build());
    }

    /** An {@code http://} URL; MinIO reads a bare host name as HTTPS. */
    private static boolean isPlainHttp(String endpoint) {
        HttpUrl url = HttpUrl.parse(endpoint);
        return url != null && !url.isHttps();
    }

    public String bucket() {
        return settings.bucket();
    }

    /** Where the store is, for messages: credentials in the endpoint are masked. */
    public String endpoint() {
        return Redaction.url(settings.endpoint());
    }

    /** For readiness: the store answers and the bucket is there; throws, saying which, when not. */
    public void verifyReachable() {
        if (!bucketExists()) {
            throw new IllegalStateException("bucket " + bucket() + " does not exist at " + endpoint());
        }
    }

    public boolean bucketExists() {
        return call("check bucket " + bucket(), () -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket())
                .build()));
    }

    /** Creates the bucket if it does not exist yet. */
    public void ensureBucket() {
        call("check bucket " + bucket(), () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket()).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket()).build());
                    LOG.info("created bucket {} at {}", bucket(), endpoint());
                } catch (ErrorResponseException e) {
                    if (!isAlreadyExists(e)) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    public void put(String key, byte[] content, String contentType) {
        call("put " + key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket())
                .object(key)
                .contentType(contentType)
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .build()));
    }

    /** The object's bytes, or empty if there is no object at that key. */
    public Optional<byte[]> get(String key) {
        return call("get " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket()).object(key).build())) {
                return Optional.of(in.readAllBytes());
            } catch (ErrorResponseException e) {
                if (isNotFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** The object's size in bytes, or empty if there is no object at that key; reads no content. */
    public Optional<Long> size(String key) {
        return call("stat " + key, () -> {
            try {
                return Optional.of(client.statObject(StatObjectArgs.builder().bucket(bucket()).object(key).build())
                        .size());
            } catch (ErrorResponseException e) {
                if (isNotFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Every key under a prefix, recursively, in the server's (lexicographic) order. */
    public List<String> list(String prefix) {
        return entries("list " + prefix, prefix, true).stream().map(Item::objectName).toList();
    }

    /**
     * The "folders" directly below a prefix: each distinct key part up to the next {@code /}, with
     * the prefix and ending in {@code /}, in the server's (lexicographic) order. One listing of
     * folder names, not of every key below them.
     */
    public List<String> listFolders(String prefix) {
        return entries("list folders " + prefix, prefix, false).stream().filter(Item::isDir).map(Item::objectName)
                .toList();
    }

    private List<Item> entries(String what, String prefix, boolean recursive) {
        return call(what, () -> {
            List<Item> entries = new ArrayList<>();
            // S3Proxy up to 4.0 double-encodes page tokens of keys with '=': URL encoding off avoids an endless listing.
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket())
                    .prefix(prefix)
                    .recursive(recursive)
                    .useUrlEncodingType(false)
                    .build())) {
                entries.add(item.get());
            }
            return entries;
        });
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("error closing the MinIO client", e);
        }
        // OkHttp's non-daemon threads would otherwise keep a CLI's JVM alive for about a minute.
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private <T> T call(String what, StoreCall<T> action) {
        try {
            return Retry.decorateCheckedSupplier(retry, action::run).get();
        } catch (IOException e) {
            throw new TransientException("object store at " + endpoint() + " unavailable: " + what
                    + " failed: " + e, e);
        } catch (ErrorResponseException e) {
            int status = e.response() == null ? 0 : e.response().code();
            if (isRetryable(status)) {
                throw new TransientException("object store returned " + status + " for " + what, e);
            }
            String code = e.errorResponse().code();
            Optional<String> infrastructure = InfrastructureRefusals.cause(status, code);
            if (infrastructure.isPresent()) {
                LOG.warn("object store at {} refused {} with {} {}: check the {}; retrying as an outage",
                        settings.endpoint(), what, status, code, infrastructure.get());
                throw new TransientException("object store at " + settings.endpoint() + " refused " + what + " with "
                        + status + " " + code + " (" + infrastructure.get() + ")", e);
            }
            throw new ObjectStoreException(what + " in bucket " + bucket() + " failed: " + code + " "
                    + e.getMessage(), e);
        } catch (ServerException e) {
            // an error status with an empty body, as a restarting server or proxy sends
            if (isRetryable(e.statusCode())) {
                throw new TransientException("object store returned " + e.statusCode() + " for " + what, e);
            }
            throw new ObjectStoreException(what + " in bucket " + bucket() + " failed: " + e.getMessage(), e);
        } catch (InvalidResponseException e) {
            // A body that is not S3's XML comes from something in front of the store (a gateway
            // answering 502/503 while it restarts), not from the store refusing the request.
            throw new TransientException("object store at " + endpoint() + " answered " + what
                    + " with a non-S3 response: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new ObjectStoreException(what + " in bucket " + bucket() + " failed: " + e, e);
        }
    }

    private static boolean isRetryable(int httpStatus) {
        return httpStatus >= 500 || httpStatus == 429;
    }

    private static boolean isNotFound(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code);
    }

    private static boolean isAlreadyExists(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code);
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T run() throws Exception;
    }

    /** Sockets with Nagle's algorithm off. */
    private static final class NoDelaySocketFactory extends SocketFactory {
        private final SocketFactory delegate = SocketFactory.getDefault();

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }

        private static Socket noDelay(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
