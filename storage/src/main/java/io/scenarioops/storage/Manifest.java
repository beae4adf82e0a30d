package io.scenarioops.storage;

import io.scenarioops.model.Component;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioInputs;
import java.util.List;

/**
 * A scenario's lineage, written last as {@code manifest.json}: every artifact's key, size and
 * sha256, the events it came from, the generator and solver that made it, and the instance and
 * planning parameters when they are not the seed's and the defaults. It holds no publish-time
 * values, so re-publishing the same event rewrites identical bytes.
 */
public record Manifest(
        int manifestVersion,
        String runId,
        String dt,
        String scenarioId,
        long seed,
        Knobs knobs,
        String requestEventId,
        String solvedEventId,
        Component generator,
        Component solver,
        @JsonUnwrapped ScenarioInputs inputs,
        List<Artifact> artifacts) {

    public static final int VERSION = 1;

    /** One artifact; {@code name} is its path below the scenario prefix, e.g. {@code outputs/kpi_total.json}. */
    public record Artifact(String name, String key, long size, String sha256) {
    }
}
