package io.scenarioops.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scenarioops.core.config.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {
    @Test
    void loopbackOnPort8080UnlessConfigured() {
        assertEquals(new ConsoleSettings("127.0.0.1", 8080), ConsoleSettings.fromEnv(Map.of()));
        ConsoleSettings container = ConsoleSettings.fromEnv(Map.of("CONSOLE_HOST", "0.0.0.0", "CONSOLE_PORT", "9090"));
        assertEquals(new ConsoleSettings("0.0.0.0", 9090), container);
        assertEquals("http://127.0.0.1:9090/", container.url(9090));
    }

    @Test
    void aBadPortIsNamed() {
        assertEquals("CONSOLE_PORT must be a port number, got \"http\"",
                assertThrows(InvalidConfigurationException.class,
                        () -> ConsoleSettings.fromEnv(Map.of("CONSOLE_PORT", "http"))).getMessage());
        assertEquals("CONSOLE_PORT must be a port number in [0, 65535], got 70000",
                assertThrows(InvalidConfigurationException.class,
                        () -> ConsoleSettings.fromEnv(Map.of("CONSOLE_PORT", "70000"))).getMessage());
    }
}
