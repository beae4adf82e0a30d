package io.scenarioops.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobProviderMetadata;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;

/**
 * An S3-compatible endpoint (S3Proxy) inside this JVM, storing buckets as directories and objects
 * as plain files: object {@code key} of {@code bucket} is the file {@code <dataDir>/s3/<bucket>/<key>},
 * so pipeline output can be read with ordinary tools and survives restarts.
 *
 * <p>Requests must be signed (AWS signature V2 or V4) with the configured access and secret key,
 * as on the deployed MinIO, so a client with the wrong credentials fails here too.
 */
public final class EmbeddedObjectStore implements AutoCloseable {

    /** Pass as a port to let the operating system pick a free one. */
    public static final int ANY_FREE_PORT = 0;

    private static final String LOOPBACK = "127.0.0.1";

    private final BlobStoreContext blobStoreContext;
    private final S3Proxy proxy;
    private final String endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedObjectStore(BlobStoreContext blobStoreContext, S3Proxy proxy) {
        this.blobStoreContext = blobStoreContext;
        this.proxy = proxy;
        // Read back from the connector: with port 0 only Jetty knows which port it bound.
        this.endpoint = "http://" + LOOPBACK + ":" + proxy.getPort();
    }

    public static EmbeddedObjectStore start(Path dataDir, int port, String accessKey, String secretKey) {
        ServerLogLevels.quietenUnlessConfigured();
        // filesystem-nio2 needs an absolute base dir: with a relative one listings and multipart
        // uploads break. The older "filesystem" provider is not used because it lists directory
        // placeholders as objects.
        Path baseDir = dataDir.toAbsolutePath().normalize().resolve("s3");
        try {
            Files.createDirectories(baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the object store directory " + baseDir, e);
        }
        Properties overrides = new Properties();
        overrides.setProperty(FilesystemConstants.PROPERTY_BASEDIR, baseDir.toString());
        BlobStoreContext context = ContextBuilder.newBuilder(new FilesystemNio2BlobProviderMetadata())
                .overrides(overrides)
                // jclouds insists on credentials even for a local directory, and never checks them;
                // clients are authenticated by S3Proxy below.
                .credentials("local", "unused")
                .modules(List.of(new SLF4JLoggingModule()))
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://" + LOOPBACK + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("S3Proxy did not start on port " + port, e);
        }
        return new EmbeddedObjectStore(context, proxy);
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
            blobStoreContext.close();
        }
    }
}
