package io.scenarioops.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The embedded object store as the AWS SDK for Java v2 sees it with its default settings: since
 * 2.30 the SDK sends flexible checksums (CRC32 in an {@code aws-chunked} trailer on uploads,
 * {@code x-amz-checksum-mode: ENABLED} on downloads), which planners' tools do too (boto3 since
 * 1.36). Only what any S3-compatible endpoint needs is configured: endpoint, path-style access,
 * region and credentials; checksums stay on.
 */
class AwsSdkObjectStoreTest {

    private static final String ACCESS_KEY = "aws-sdk-test";
    private static final String SECRET_KEY = "aws-sdk-test-secret";
    private static final String BUCKET = "aws-sdk";

    @TempDir
    static Path dataDir;

    private static EmbeddedObjectStore store;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        store = EmbeddedObjectStore.start(dataDir, EmbeddedObjectStore.ANY_FREE_PORT, ACCESS_KEY, SECRET_KEY);
        s3 = S3Client.builder()
                .endpointOverride(URI.create(store.endpoint()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        s3.createBucket(request -> request.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void putThenGetReturnsTheBytesAndStoresThemUnframed() throws IOException {
        byte[] content = "{\"total_cost\": 332961.19}\n".getBytes(StandardCharsets.UTF_8);

        s3.putObject(request -> request.bucket(BUCKET).key("runs/run_id=a/kpi_total.json"), RequestBody.fromBytes(content));

        byte[] read = s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("runs/run_id=a/kpi_total.json")).asByteArray();
        assertArrayEquals(content, read);
        // the file holds the object, not the aws-chunked framing (chunk sizes, trailer) it travelled in
        assertArrayEquals(content, Files.readAllBytes(objectFile("runs/run_id=a/kpi_total.json")));
    }

    @Test
    void objectOfManyChunksRoundTrips() throws IOException {
        // larger than the SDK's chunk of an aws-chunked upload, and not a multiple of it
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(12).nextBytes(content);

        s3.putObject(request -> request.bucket(BUCKET).key("large/fact_production.json"), RequestBody.fromBytes(content));

        assertArrayEquals(content,
                s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("large/fact_production.json")).asByteArray());
        assertArrayEquals(content, Files.readAllBytes(objectFile("large/fact_production.json")));
    }

    @Test
    void listsWhatWasPut() {
        for (String key : List.of("listing/b.json", "listing/a.json", "listing/sub/c.json")) {
            s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString(key));
        }

        List<S3Object> objects = s3.listObjectsV2(request -> request.bucket(BUCKET).prefix("listing/")).contents();

        assertEquals(List.of("listing/a.json", "listing/b.json", "listing/sub/c.json"),
                objects.stream().map(S3Object::key).toList());
        assertEquals(List.of(14L, 14L, 18L), objects.stream().map(S3Object::size).toList());
    }

    private static Path objectFile(String key) {
        return dataDir.resolve("s3").resolve(BUCKET).resolve(key);
    }
}
