package io.scenarioops.local.bench;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.local.LocalPipeline;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link StackStartTimer}: starts what {@code demo} starts (the embedded
 * servers and every service) on the data dir given, prints how long that took, and stops.
 */
public final class StackStartProbe {
    static final String RESULT_PREFIX = "stack_start_ms=";

    private StackStartProbe() {
    }

    public static void main(String[] args) {
        ScenarioOpsConfig config = ScenarioOpsConfig.fromEnvironment().withDataDir(Path.of(args[0]));
        long start = System.nanoTime();
        try (LocalPipeline pipeline = LocalPipeline.start(config, 2)) {
            System.out.println(RESULT_PREFIX + (System.nanoTime() - start) / 1_000_000);
            System.out.flush();
        }
        System.exit(0);
    }
}
