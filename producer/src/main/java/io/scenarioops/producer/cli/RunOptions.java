package io.scenarioops.producer.cli;

import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.PlanningParameters;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.Solver;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.ScenarioFile;
import io.scenarioops.producer.Sweep;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a run request is made of; shared by {@code run} and {@code demo}. */
public final class RunOptions {
    @Option(names = "--scenarios", paramLabel = "FILE",
            description = "JSON list of {\"scenario_id\", \"knobs\": {...}, \"notes\"} (optionally \"solver\" and"
                    + " \"planning\": {...}); default: the seed's three scenarios.")
    Path scenariosFile;

    @Option(names = "--sweep", paramLabel = "KNOB=START:STOP:STEP",
            description = "Scenarios from knob ranges instead of a file, e.g. --sweep demand_scale=0.5:1.5:0.01;"
                    + " repeat for a grid; KNOB=VALUE fixes a knob; unnamed knobs stay 1.")
    List<String> sweep;

    @Mixin
    InstanceOptions instance;

    @Mixin
    SolverOptions solverOptions;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id to use instead of a new UUID; publishing the same id again re-runs it.")
    String runId;

    /** Reads and validates everything before anything is published. */
    public RunPlan plan(Instant now) {
        if (sweep != null && scenariosFile != null) {
            throw new InvalidInputException("--sweep", "cannot be combined with --scenarios");
        }
        Solver solver = solverOptions.solver();
        Map<String, Double> planning = solverOptions.planningValues();
        List<ScenarioDefinition> scenarios = scenariosFile != null ? ScenarioFile.read(scenariosFile, solver, planning)
                : (sweep != null ? Sweep.scenarios(sweep) : ScenarioDefinition.SEED_DEFAULTS).stream()
                        .map(s -> s.with(solver, PlanningParameters.of(planning))).toList();
        return RunPlan.create(runId, scenarios, instance.choose().requireFitsThePipeline(), now);
    }
}
