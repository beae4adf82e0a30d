package io.scenarioops.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible endpoint (S3Proxy) inside this JVM, storing buckets as directories and objects
 * as plain files: object {@code key} of {@code bucket} is the file {@code <dataDir>/s3/<bucket>/<key>},
 * so pipeline output can be read with ordinary tools and survives restarts.
 *
 * <p>Requests must be signed (AWS signature V2 or V4) with the configured access and secret key,
 * as on the deployed MinIO, so a client with the wrong credentials fails here too.
 *
 * <p>The AWS SDKs' default requests are served: flexible checksums ({@code x-amz-checksum-*}
 * headers, {@code aws-chunked} bodies with a signed trailing checksum, which is verified) and
 * {@code x-amz-checksum-mode} on reads, which S3Proxy answers with the checksum it stored.
 */
public final class EmbeddedObjectStore implements AutoCloseable {

    /** Pass as a port to let the operating system pick a free one. */
    public static final int ANY_FREE_PORT = 0;

    private static final String LOOPBACK = "127.0.0.1";

    private final BlobStore blobStore;
    private final S3Proxy proxy;
    private final String endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedObjectStore(BlobStore blobStore, S3Proxy proxy) {
        this.blobStore = blobStore;
        this.proxy = proxy;
        // Read back from the connector: with port 0 only Jetty knows which port it bound.
        this.endpoint = "http://" + LOOPBACK + ":" + proxy.getPort();
    }

    public static EmbeddedObjectStore start(Path dataDir, int port, String accessKey, String secretKey) {
        ServerLogLevels.quietenUnlessConfigured();
        // An absolute base dir: with a relative one listings and multipart uploads break. The
        // nio2 store keeps each object as a plain file (metadata and checksums in extended
        // attributes) and, unlike jclouds' older "filesystem" store, lists no directory placeholders.
        Path baseDir = dataDir.toAbsolutePath().normalize().resolve("s3");
        try {
            Files.createDirectories(baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the object store directory " + baseDir, e);
        }
        BlobStore blobStore = new FilesystemNio2BlobStore(baseDir.toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://" + LOOPBACK + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            blobStore.close();
            throw new IllegalStateException("S3Proxy did not start on port " + port, e);
        }
        return new EmbeddedObjectStore(blobStore, proxy);
    }

    /** Base URL for S3 clients, e.g. {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        return endpoint;
    }

    /** Stops serving and releases the store; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop cleanly", e);
        } finally {
            blobStore.close();
        }
    }
}
