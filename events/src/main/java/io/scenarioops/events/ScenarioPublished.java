package io.scenarioops.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.scenarioops.model.Component;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioInputs;

/**
 * A scenario whose artifacts and manifest are in the object store, written by the publisher.
 * QC reads the artifacts back through {@code manifestKey}. On failure {@code failure} is set and
 * the manifest fields are null.
 */
public record ScenarioPublished(
        @JsonUnwrapped ScenarioHeader header,
        long seed,
        Knobs knobs,
        @JsonUnwrapped SolvedLineage lineage,
        Component generator,
        Component solver,
        @JsonUnwrapped ScenarioInputs inputs,
        String artifactPrefix,
        String manifestKey,
        String manifestSha256,
        StageFailure failure) implements ScenarioEvent {

    public ScenarioPublished {
        inputs = inputs == null ? ScenarioInputs.SEED : inputs;
    }

    /** A seed scenario's event, with the default planning parameters. */
    public ScenarioPublished(ScenarioHeader header, long seed, Knobs knobs, SolvedLineage lineage, Component generator,
            Component solver, String artifactPrefix, String manifestKey, String manifestSha256, StageFailure failure) {
        this(header, seed, knobs, lineage, generator, solver, ScenarioInputs.SEED, artifactPrefix, manifestKey,
                manifestSha256, failure);
    }

    /** The answer to {@code solved}, written under {@code header} once its manifest is in the object store. */
    public static ScenarioPublished of(ScenarioSolved solved, ScenarioHeader header, String artifactPrefix,
            String manifestKey, String manifestSha256) {
        return new ScenarioPublished(header, solved.seed(), solved.knobs(), SolvedLineage.of(solved),
                solved.generator(), solved.solver(), solved.inputs(), artifactPrefix, manifestKey, manifestSha256, null);
    }

    /** The answer to a {@code solved} scenario that has no manifest, so that the run still completes and names it. */
    public static ScenarioPublished failed(ScenarioSolved solved, ScenarioHeader header, String artifactPrefix,
            StageFailure failure) {
        return new ScenarioPublished(header, solved.seed(), solved.knobs(), SolvedLineage.of(solved),
                solved.generator(), solved.solver(), solved.inputs(), artifactPrefix, null, null, failure);
    }

    public boolean failed() {
        return failure != null;
    }
}
