package io.scenarioops.local;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.embedded.LoopbackPorts;
import io.scenarioops.runstore.RunDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LocalPipeline} on a real embedded stack: what a failed start leaves behind. */
class LocalPipelineTest {
    @RegisterExtension
    static final TargetDataDir DATA_DIR = new TargetDataDir("local-pipeline-");

    @AfterAll
    static void deleteDataDir() {
        DATA_DIR.deleteIfAllPassed();
    }

    /**
     * QC cannot reach the database it is given, while the solver and the publisher start. The
     * embedded broker locks its log dir for as long as it runs, so a second start on the same data
     * dir succeeds only if the failed start stopped everything it had started.
     */
    @Test
    void aServiceThatCannotStartFailsTheStartByNameAndEverythingStartedIsStopped() {
        Path dataDir = DATA_DIR.create();
        ScenarioOpsConfig embedded = ScenarioOpsConfig.fromEnv(Map.of()).withDataDir(dataDir);
        String nobodyListening = "jdbc:postgresql://127.0.0.1:" + LoopbackPorts.free(1)[0] + "/postgres";

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> LocalPipeline.start(embedded.withPostgres(nobodyListening, "postgres", "unused"), 1));

        assertTrue(failure.getMessage().startsWith("qc did not start: cannot connect to PostgreSQL at "
                + nobodyListening), failure.getMessage());
        try (LocalPipeline again = LocalPipeline.start(embedded, 1);
             RunDatabase database = RunDatabase.openExisting(again.config().postgres())) {
            // openExisting refuses a database without the run tables: QC migrated it on this start
            database.verifyReachable();
        }
    }
}
