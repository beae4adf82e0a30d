package io.scenarioops.producer;

import io.scenarioops.model.Baseline;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.BaselineRef;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.storage.Sha256;

/**
 * The instance a command works on, read and validated: the seed's instance at a size, or a
 * planner's baseline file ({@code file} and its bytes as read, which the bucket stores by their
 * sha256).
 */
public record ChosenInstance(long seed, InstanceSize size, Baseline file, byte[] fileContent) {

    public static ChosenInstance generated(long seed, InstanceSize size) {
        return new ChosenInstance(seed, size, null, null);
    }

    /** The instance before knobs. */
    public Baseline base() {
        return file != null ? file : ScenarioModel.generated(seed, size);
    }

    /** What the run's events say about it: a size, or a reference to the stored file. */
    public ScenarioInputs inputs() {
        return file != null ? new ScenarioInputs(null, BaselineRef.of(Sha256.hex(fileContent)), null)
                : new ScenarioInputs(size, null, null);
    }

    /** For the planner: {@code seed 7}, {@code seed 7, 40x10} or {@code baseline file sha256 0c1d2e3f4a5b...}. */
    public String describe() {
        if (file != null) {
            return "baseline file sha256 " + Sha256.hex(fileContent).substring(0, 12) + "...";
        }
        return size.equals(InstanceSize.SEED) ? "seed " + seed : "seed " + seed + ", " + size;
    }

    /** Refuses an instance whose results would not fit in the pipeline's events. */
    public ChosenInstance requireFitsThePipeline() {
        if (file != null) {
            ScenarioInputs.requireFitsThePipeline("--baseline", file.orders().size(), file.sites().size(),
                    file.periods().size());
        } else {
            ScenarioInputs.requireFitsThePipeline("--orders/--periods", size.orders(),
                    BaselineGenerator.SITES.size(), size.periods());
        }
        return this;
    }
}
