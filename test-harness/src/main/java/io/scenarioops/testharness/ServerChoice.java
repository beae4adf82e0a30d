package io.scenarioops.testharness;

import java.util.Locale;
import java.util.function.Supplier;
import org.testcontainers.DockerClientFactory;

/**
 * Which servers a test JVM's integration tests run on, from the system property
 * {@value #PROPERTY} ({@code -Pcontainers} sets it to {@code containers}):
 * <ul>
 *   <li>{@code containers}: Testcontainers' Kafka, MinIO and PostgreSQL; without a Docker engine
 *       the tests fail at once, saying so, rather than pass on other servers than asked for;</li>
 *   <li>{@code embedded}: the embedded stack, Docker or not;</li>
 *   <li>{@code auto} (the default): containers when a Docker engine answers, else the embedded stack.</li>
 * </ul>
 *
 * @param source the servers chosen
 * @param reason why, for the log
 */
public record ServerChoice(ServerSource source, String reason) {

    public static final String PROPERTY = "scenarioops.servers";

    /** Whether a Docker engine answers, and what was found either way. */
    public record DockerStatus(boolean available, String detail) {

        /** Asks Testcontainers, which tries DOCKER_HOST, the Docker socket and the other usual places. */
        public static DockerStatus probe() {
            try {
                DockerClientFactory docker = DockerClientFactory.instance();
                docker.client();
                return new DockerStatus(true, "Docker " + docker.getActiveApiVersion() + " answers");
            } catch (IllegalStateException e) {
                return new DockerStatus(false, e.getMessage());
            }
        }
    }

    /**
     * @param requested the property's value, null when unset
     * @param docker    asked only when the choice depends on it
     * @throws IllegalStateException when containers are requested and no Docker engine answers,
     *                               or the value is none of the three
     */
    public static ServerChoice decide(String requested, Supplier<DockerStatus> docker) {
        String mode = requested == null || requested.isBlank() ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "embedded" -> {
                return new ServerChoice(new EmbeddedServers(), PROPERTY + "=embedded");
            }
            case "containers" -> {
                DockerStatus status = docker.get();
                if (!status.available()) {
                    throw new IllegalStateException(PROPERTY + "=containers (-Pcontainers) needs a Docker engine, and"
                            + " none answered: " + status.detail() + ". Start one (or set DOCKER_HOST), or run"
                            + " without -Pcontainers to use the embedded stack.");
                }
                return new ServerChoice(new ContainerServers(), PROPERTY + "=containers; " + status.detail());
            }
            case "auto" -> {
                DockerStatus status = docker.get();
                return status.available()
                        ? new ServerChoice(new ContainerServers(), "a Docker engine answers: " + status.detail())
                        : new ServerChoice(new EmbeddedServers(), "no Docker engine answers: " + status.detail());
            }
            default -> throw new IllegalStateException(PROPERTY + " must be containers, embedded or auto, got \""
                    + requested + "\"");
        }
    }

    /** The choice for this JVM's system properties, asking Docker when needed. */
    static ServerChoice fromSystemProperties() {
        return decide(System.getProperty(PROPERTY), DockerStatus::probe);
    }

    @Override
    public String toString() {
        return source + " (" + reason + ")";
    }
}
