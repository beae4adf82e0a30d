package io.scenarioops.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.function.Function;

/**
 * What a scenario is solved on and with, beyond its seed and knobs: the instance, either a sized
 * seed instance ({@code instanceSize}) or a planner's baseline file ({@code baseline}), and the
 * planning parameters. Each is optional and absent from JSON when not set: no size means the
 * seed's 20 orders over 8 periods, no planning parameters mean the defaults. So a request that
 * sets none of them is written exactly as before they existed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioInputs(InstanceSize instanceSize, BaselineRef baseline, PlanningParameters planning) {

    /**
     * The largest instance the pipeline takes, in orders x periods: 1,000 orders over 52 weeks.
     * Its lp-v1 solve takes seconds and its {@code fact_delivery.json} is about 20 MB, within what a
     * service does with a 256 MiB heap; tables too large for an event travel through the object
     * store. Larger instances are for {@code solve}.
     */
    public static final int MAX_ORDER_PERIODS_IN_PIPELINE = 52_000;
    /** ... and in orders x sites x periods, which bounds lp-v1's delivery table. */
    public static final int MAX_DELIVERY_CELLS_IN_PIPELINE = 156_000;

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

    /**
     * The instance a pipeline scenario is solved on, knobs not applied: generated from the seed at
     * its size, or the baseline file read through {@code files}. Refuses an instance too large for
     * the pipeline before any solving.
     */
    public Baseline instance(long seed, Function<BaselineRef, Baseline> files) {
        if (baseline == null) {
            requireFitsThePipeline("instance_size", sizeOrSeed().orders(), BaselineGenerator.SITES.size(),
                    sizeOrSeed().periods());
            return ScenarioModel.generated(seed, sizeOrSeed());
        }
        Baseline file = files.apply(baseline);
        requireFitsThePipeline("baseline", file.orders().size(), file.sites().size(), file.periods().size());
        return file;
    }

    /** Refuses an instance larger than the pipeline takes, naming {@code field}. */
    public static void requireFitsThePipeline(String field, int orders, int sites, int periods) {
        long orderPeriods = (long) orders * periods;
        if (orderPeriods > MAX_ORDER_PERIODS_IN_PIPELINE || orderPeriods * sites > MAX_DELIVERY_CELLS_IN_PIPELINE) {
            throw new InvalidInputException(field, orders + " orders x " + sites + " sites x " + periods
                    + " periods is too large for a pipeline run (at most " + MAX_ORDER_PERIODS_IN_PIPELINE
                    + " orders x periods and " + MAX_DELIVERY_CELLS_IN_PIPELINE
                    + " orders x sites x periods); use solve");
        }
    }

    /** The generator of the instance, as events and manifests name it. */
    public Component generator() {
        return baseline == null ? BaselineGenerator.COMPONENT : BaselineFile.COMPONENT;
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
