package io.scenarioops.core.config;

import java.util.Objects;

/** An S3-API endpoint (MinIO in deployment) and the bucket the pipeline writes to. */
public record ObjectStoreSettings(String endpoint, String accessKey, String secretKey, String bucket) {
    public ObjectStoreSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(bucket, "bucket");
    }

    public ObjectStoreSettings withEndpoint(String newEndpoint) {
        return new ObjectStoreSettings(newEndpoint, accessKey, secretKey, bucket);
    }

    /** The secret never reaches logs or error messages. */
    @Override
    public String toString() {
        return "ObjectStoreSettings[endpoint=" + Redaction.url(endpoint) + ", accessKey=" + accessKey + ", bucket=" + bucket + "]";
    }
}
