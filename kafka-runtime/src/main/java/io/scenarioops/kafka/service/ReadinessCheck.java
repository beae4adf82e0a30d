package io.scenarioops.kafka.service;

import io.scenarioops.kafka.metrics.StageMetrics;
import java.time.Duration;
import java.util.Objects;

/**
 * One thing a service needs to do its work: a peer it reaches (Kafka, the object store, the
 * database) or its stage not stuck in an outage. {@code /ready} runs every check of the service.
 *
 * @param name  what {@code /ready} calls it when it fails: {@code kafka}, {@code object-store}, ...
 * @param probe returns when the check holds; throws, with the reason, when it does not
 */
public record ReadinessCheck(String name, Probe probe) {
    public static final String KAFKA = "kafka";
    public static final String OBJECT_STORE = "object-store";
    public static final String DATABASE = "database";
    public static final String OUTAGE = "outage";
    /** The solver's or publisher's consumer loop runs. */
    public static final String STAGE = "stage";
    /** QC's Kafka Streams runs. */
    public static final String STREAMS = "streams";

    public ReadinessCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
    }

    @FunctionalInterface
    public interface Probe {
        void verify() throws Exception;
    }

    /** A service's client for a check, which fails until the service has started and opened it. */
    public static <T> T started(T client, String service) {
        if (client == null) {
            throw new IllegalStateException(service + " is not started");
        }
        return client;
    }

    /** Holds unless the stage has been retrying an outage for longer than {@code maxOutage}. */
    public static ReadinessCheck noOutageLongerThan(StageMetrics stage, Duration maxOutage) {
        return new ReadinessCheck(OUTAGE, () -> {
            Duration ongoing = stage.ongoingOutage().orElse(Duration.ZERO);
            if (ongoing.compareTo(maxOutage) > 0) {
                throw new IllegalStateException("retrying an outage for " + ongoing.toSeconds() + " s, over the "
                        + maxOutage.toSeconds() + " s limit");
            }
        });
    }
}
