package io.scenarioops.local;

import io.scenarioops.core.config.ScenarioOpsConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the embedded servers keep their data; overrides SCENARIOOPS_DATA_DIR. */
final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where Kafka, the bucket and PostgreSQL keep their data (default: $SCENARIOOPS_DATA_DIR"
                    + " or .scenarioops).")
    Path dataDir;

    ScenarioOpsConfig applyTo(ScenarioOpsConfig config) {
        return dataDir == null ? config : config.withDataDir(dataDir);
    }
}
