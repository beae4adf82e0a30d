package io.scenarioops.kafka.service;

import io.scenarioops.core.config.DurationVariable;
import io.scenarioops.core.config.InvalidConfigurationException;
import io.scenarioops.kafka.metrics.Telemetry;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Where a service process serves {@code /metrics}, {@code /health} and {@code /ready}
 * ({@value #METRICS_PORT}; none when unset), and how long an outage may last before it reports
 * itself unready ({@value #READY_MAX_OUTAGE}, a {@link DurationVariable}; 60 s when unset).
 */
public record OpsSettings(OptionalInt metricsPort, Duration maxOutage) {
    public static final String METRICS_PORT = "METRICS_PORT";
    public static final String READY_MAX_OUTAGE = "READY_MAX_OUTAGE";

    /** @throws IllegalArgumentException naming the variable that is not a port or not a duration */
    public static OpsSettings fromEnv(Map<String, String> env) {
        return new OpsSettings(port(env.get(METRICS_PORT)),
                DurationVariable.fromEnv(env, READY_MAX_OUTAGE, Telemetry.DEFAULT_MAX_OUTAGE));
    }

    private static OptionalInt port(String value) {
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new InvalidConfigurationException(METRICS_PORT + " must be a port number from 1 to 65535, got '" + value
                + "'");
    }
}
