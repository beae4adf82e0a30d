package io.scenarioops.testharness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.testharness.ServerChoice.DockerStatus;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.junit.jupiter.api.Test;

/** The choice between the embedded stack and containers, without starting either. */
class ServerChoiceTest {

    private static final Supplier<DockerStatus> NO_DOCKER =
            () -> new DockerStatus(false, "Could not find a valid Docker environment");
    private static final Supplier<DockerStatus> DOCKER = () -> new DockerStatus(true, "Docker 1.47 answers");

    @Test
    void containersWithoutDockerFailFastSayingWhy() {
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> ServerChoice.decide("containers", NO_DOCKER));

        assertEquals("scenarioops.servers=containers (-Pcontainers) needs a Docker engine, and none answered:"
                + " Could not find a valid Docker environment. Start one (or set DOCKER_HOST), or run without"
                + " -Pcontainers to use the embedded stack.", refusal.getMessage());
    }

    @Test
    void containersWithDockerRunOnContainers() {
        ServerChoice choice = ServerChoice.decide("containers", DOCKER);

        assertInstanceOf(ContainerServers.class, choice.source());
        assertEquals("scenarioops.servers=containers; Docker 1.47 answers", choice.reason());
    }

    @Test
    void automaticWithoutDockerRunsEmbeddedAndSaysWhy() {
        ServerChoice choice = ServerChoice.decide(null, NO_DOCKER);

        assertInstanceOf(EmbeddedServers.class, choice.source());
        assertEquals("no Docker engine answers: Could not find a valid Docker environment", choice.reason());
        assertEquals("the embedded stack (no Docker engine answers: Could not find a valid Docker environment)",
                choice.toString());
    }

    @Test
    void automaticWithDockerRunsOnContainers() {
        assertInstanceOf(ContainerServers.class, ServerChoice.decide("auto", DOCKER).source());
        assertInstanceOf(ContainerServers.class, ServerChoice.decide(" ", DOCKER).source());
    }

    @Test
    void embeddedDoesNotAskDocker() {
        ServerChoice choice = ServerChoice.decide("Embedded", () -> {
            throw new AssertionError("Docker was asked");
        });

        assertInstanceOf(EmbeddedServers.class, choice.source());
    }

    @Test
    void unknownValueIsRefused() {
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> ServerChoice.decide("docker", DOCKER));

        assertEquals("scenarioops.servers must be containers, embedded or auto, got \"docker\"", refusal.getMessage());
    }

    /** Testcontainers' own probe, on whatever this machine has (here: no Docker engine). */
    @Test
    void realProbeDecidesConsistently() {
        DockerStatus status = DockerStatus.probe();

        assertTrue(!status.detail().isBlank(), "the probe says what it found");
        ServerChoice automatic = ServerChoice.decide(null, () -> status);
        if (status.available()) {
            assertInstanceOf(ContainerServers.class, automatic.source());
            assertInstanceOf(ContainerServers.class, ServerChoice.decide("containers", () -> status).source());
        } else {
            assertInstanceOf(EmbeddedServers.class, automatic.source());
            IllegalStateException refusal = assertThrows(IllegalStateException.class,
                    () -> ServerChoice.decide("containers", () -> status));
            assertTrue(refusal.getMessage().contains(status.detail()), refusal.getMessage());
        }
    }

    @Test
    void containerImagesArePinnedAndKafkaIsOnTheClientsVersion() {
        assertEquals("apache/kafka:" + AppInfoParser.getVersion(), ContainerServers.KAFKA_IMAGE.asCanonicalNameString());
        assertEquals("4.4.0", AppInfoParser.getVersion());
        assertEquals("quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z", ContainerServers.MINIO_IMAGE.asCanonicalNameString());
        assertEquals("postgres:17.11", ContainerServers.POSTGRES_IMAGE.asCanonicalNameString());
    }
}
