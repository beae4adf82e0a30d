package io.scenarioops.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The container image ships this module's runtime classpath (target/lib): the embedded servers
 * belong to local-pipeline only. This module's test classpath is that runtime classpath plus JUnit.
 */
class LauncherClasspathTest {
    private static final List<String> EMBEDDED_SERVERS = List.of(
            "io.scenarioops.embedded.EmbeddedStack",
            "kafka.server.KafkaRaftServer",
            "org.gaul.s3proxy.S3Proxy",
            "io.zonky.test.db.postgres.embedded.EmbeddedPostgres");

    @Test
    void carriesNoEmbeddedServer() {
        assertEquals(List.of(), EMBEDDED_SERVERS.stream().filter(LauncherClasspathTest::loadable).toList(),
                "embedded servers on the launcher's classpath");
    }

    @Test
    void carriesTheServicesAndTheirClients() {
        // The other side of the check above: a class that is there is found.
        for (String present : List.of("io.scenarioops.solver.SolverService", "io.scenarioops.qc.QcService",
                "org.apache.kafka.clients.producer.KafkaProducer", "io.minio.MinioClient", "org.postgresql.Driver")) {
            assertTrue(loadable(present), present);
        }
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, LauncherClasspathTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
