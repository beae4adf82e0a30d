package io.scenarioops.producer.cli;

import io.scenarioops.common.model.BaselineGenerator;
import io.scenarioops.common.model.ScenarioDefinition;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.ScenarioFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/** What a run request is made of; shared by {@code run} and {@code demo}. */
public final class RunOptions {
    @Option(names = "--scenarios", paramLabel = "FILE",
            description = "JSON list of {\"scenario_id\", \"knobs\": {...}, \"notes\"}; default: the seed's three scenarios.")
    Path scenariosFile;

    @Option(names = "--seed", defaultValue = "" + BaselineGenerator.DEFAULT_SEED,
            description = "Baseline seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id to use instead of a new UUID; publishing the same id again re-runs it.")
    String runId;

    /** Reads and validates everything before anything is published. */
    public RunPlan plan(Instant now) {
        List<ScenarioDefinition> scenarios = scenariosFile == null ? ScenarioDefinition.SEED_DEFAULTS
                : ScenarioFile.read(scenariosFile);
        return runId == null ? RunPlan.create(scenarios, seed, now) : RunPlan.create(runId, scenarios, seed, now);
    }
}
