package io.scenarioops.console;

import io.scenarioops.core.config.InvalidConfigurationException;
import java.util.Map;

/**
 * Where the console listens. Loopback by default, so that a console started on a laptop is not
 * reachable from the network; a container sets {@code CONSOLE_HOST=0.0.0.0}. Port 0 picks a free one.
 */
public record ConsoleSettings(String host, int port) {
    public static final String CONSOLE_HOST = "CONSOLE_HOST";
    public static final String CONSOLE_PORT = "CONSOLE_PORT";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ConsoleSettings {
        if (host == null || host.isBlank()) {
            throw new InvalidConfigurationException(CONSOLE_HOST + " must name an address to listen on, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65_535) {
            throw new InvalidConfigurationException(CONSOLE_PORT + " must be a port number in [0, 65535], got " + port);
        }
    }

    /** From {@code CONSOLE_HOST} and {@code CONSOLE_PORT}, each defaulted when unset. */
    public static ConsoleSettings fromEnv(Map<String, String> env) {
        String host = env.getOrDefault(CONSOLE_HOST, "").isBlank() ? DEFAULT_HOST : env.get(CONSOLE_HOST).strip();
        String portText = env.getOrDefault(CONSOLE_PORT, "").strip();
        int port;
        try {
            port = portText.isEmpty() ? DEFAULT_PORT : Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(CONSOLE_PORT + " must be a port number, got \"" + portText + "\"");
        }
        return new ConsoleSettings(host, port);
    }

    /** The address to open in a browser: a wildcard bind is reached through loopback. */
    public String url(int boundPort) {
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? DEFAULT_HOST : host;
        return "http://" + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + boundPort + "/";
    }
}
