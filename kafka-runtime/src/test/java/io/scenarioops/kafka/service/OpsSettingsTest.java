package io.scenarioops.kafka.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scenarioops.core.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {
    @Test
    void withoutVariablesNothingIsServedAndOutagesMayLastAMinute() {
        OpsSettings ops = OpsSettings.fromEnv(Map.of());

        assertEquals(OptionalInt.empty(), ops.metricsPort());
        assertEquals(Duration.ofSeconds(60), ops.maxOutage());
    }

    @Test
    void thePortAndTheOutageLimitAreRead() {
        OpsSettings ops = OpsSettings.fromEnv(Map.of("METRICS_PORT", " 9404 ", "READY_MAX_OUTAGE", "5m"));

        assertEquals(OptionalInt.of(9404), ops.metricsPort());
        assertEquals(Duration.ofMinutes(5), ops.maxOutage());
    }

    @Test
    void aBadValueIsRefusedNamingItsVariable() {
        assertEquals("METRICS_PORT must be a port number from 1 to 65535, got 'http'",
                assertThrows(InvalidConfigurationException.class,
                        () -> OpsSettings.fromEnv(Map.of("METRICS_PORT", "http"))).getMessage());
        assertEquals("METRICS_PORT must be a port number from 1 to 65535, got '70000'",
                assertThrows(InvalidConfigurationException.class,
                        () -> OpsSettings.fromEnv(Map.of("METRICS_PORT", "70000"))).getMessage());
        assertEquals("READY_MAX_OUTAGE must be a positive duration such as 7d, 12h, 90s or P7D, got '0s'",
                assertThrows(InvalidConfigurationException.class,
                        () -> OpsSettings.fromEnv(Map.of("READY_MAX_OUTAGE", "0s"))).getMessage());
    }
}
