package io.scenarioops.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a scenario is solved on and with, beyond its seed and knobs: the instance, either a sized
 * seed instance ({@code instanceSize}) or a planner's baseline file ({@code baseline}), and the
 * planning parameters. Each is optional and absent from JSON when not set: no size means the
 * seed's 20 orders over 8 periods, no planning parameters mean the defaults. So a request that
 * sets none of them is written exactly as before they existed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioInputs(InstanceSize instanceSize, BaselineRef baseline, PlanningParameters planning) {

    /** The seed's instance, default planning parameters. */
    public static final ScenarioInputs SEED = new ScenarioInputs(null, null, null);

    public ScenarioInputs {
        if (instanceSize != null && baseline != null) {
            throw new InvalidInputException("baseline", "a baseline file has its own size: it cannot be combined"
                    + " with instance_size");
        }
        if (InstanceSize.SEED.equals(instanceSize)) {
            // the seed's size is the default: written as absent, so that requests stay as they were
            instanceSize = null;
        }
        if (PlanningParameters.DEFAULTS.equals(planning)) {
            planning = null;
        }
    }

    /** The planning parameters in force. */
    public PlanningParameters planningOrDefaults() {
        return planning == null ? PlanningParameters.DEFAULTS : planning;
    }

    /** The size of the generated instance; meaningless for a baseline file. */
    public InstanceSize sizeOrSeed() {
        return instanceSize == null ? InstanceSize.SEED : instanceSize;
    }

    /** A short label for logs and ids: {@code seed}, {@code 40x10} or {@code baseline sha256=...}, and non-default parameters. */
    public String describe() {
        String instance = baseline != null ? "baseline sha256=" + baseline.sha256() : sizeOrSeed().toString();
        return planning == null ? instance : instance + " planning " + planning.asMap();
    }
}
