package io.scenarioops.local.bench;

import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.Sweep;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;

/** The runs the bench times: the seed's three scenarios, and a demand sweep of any size. */
final class Workloads {
    private Workloads() {
    }

    static RunPlan seedRun() {
        return RunPlan.create(ScenarioDefinition.SEED_DEFAULTS, BaselineGenerator.DEFAULT_SEED, Instant.now());
    }

    /**
     * {@code demand_scale} from just above 0.5 to 1.5 in {@code scenarios} equal steps, the demo's
     * {@code --sweep demand_scale=0.501:1.5:0.001} for 1,000: runs with and without overtime.
     */
    static RunPlan demandSweep(int scenarios) {
        BigDecimal step = BigDecimal.ONE.divide(BigDecimal.valueOf(scenarios), MathContext.DECIMAL64);
        BigDecimal start = new BigDecimal("0.5").add(step);
        String range = "demand_scale=" + start.toPlainString() + ":1.5:" + step.toPlainString();
        return RunPlan.create(Sweep.scenarios(List.of(range)), BaselineGenerator.DEFAULT_SEED, Instant.now());
    }
}
