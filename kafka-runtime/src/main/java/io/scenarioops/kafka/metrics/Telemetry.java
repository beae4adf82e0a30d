package io.scenarioops.kafka.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a service's meters go, and how long an outage may last before the service reports itself
 * unready. One registry may serve several services (all of them in one JVM): each stage tags its
 * meters with its name ({@link StageMetrics}).
 */
public record Telemetry(MeterRegistry registry, Duration maxOutage) {
    /** Retried outages are waited out; past this the service says so on {@code /ready}. */
    public static final Duration DEFAULT_MAX_OUTAGE = Duration.ofSeconds(60);

    public Telemetry {
        Objects.requireNonNull(registry, "registry");
        if (maxOutage.isNegative() || maxOutage.isZero()) {
            throw new IllegalArgumentException("maxOutage must be positive, got " + maxOutage);
        }
    }

    /** Meters nobody reads: for services run without an endpoint (tests, tools, the demo). */
    public static Telemetry unregistered() {
        return new Telemetry(new SimpleMeterRegistry(), DEFAULT_MAX_OUTAGE);
    }

    public StageMetrics stage(String name) {
        return new StageMetrics(registry, name);
    }
}
