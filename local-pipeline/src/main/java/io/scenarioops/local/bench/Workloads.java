package io.scenarioops.local.bench;

import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.producer.ChosenInstance;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.Sweep;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The runs the bench times: the seed's three scenarios, and a demand sweep of any size. */
final class Workloads {
    private Workloads() {
    }

    /**
     * A solver-bound run: {@code scenarios} lp-v1 scenarios (demand from 0.9 up in steps of 0.005)
     * on a sized seed instance, each solve taking a good part of a second.
     */
    static RunPlan lpRun(int scenarios, InstanceSize size) {
        List<ScenarioDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < scenarios; i++) {
            definitions.add(new ScenarioDefinition(String.format("lp_%03d", i), new Knobs(0.9 + i * 0.005, 1, 1),
                    "", LpSolver.INSTANCE, null));
        }
        return RunPlan.create(UUID.randomUUID().toString(), definitions,
                ChosenInstance.generated(BaselineGenerator.DEFAULT_SEED, size), Instant.now());
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
