package io.scenarioops.local.bench;

import io.scenarioops.events.TopicCatalog;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.producer.ChosenInstance;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.Sweep;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/** The runs the bench times: the seed's three scenarios, and a demand sweep of any size. */
final class Workloads {
    private Workloads() {
    }

    /**
     * A solver-bound run: {@code scenarios} lp-v1 scenarios (demand from 0.9 up in steps of 0.005)
     * on a sized seed instance, each solve taking about a second on 500 x 52. Scenario ids are
     * chosen so that the keys fill the scenario partitions round-robin, as Kafka's default
     * partitioner places them: with hashed ids, 12 scenarios often split 8 to 4 between two
     * solvers, and the ratio would measure that luck rather than the second solver.
     */
    static RunPlan lpRun(int scenarios, InstanceSize size) {
        String runId = UUID.randomUUID().toString();
        List<ScenarioDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < scenarios; i++) {
            definitions.add(new ScenarioDefinition(idOnPartition(runId, "lp_" + String.format("%03d", i),
                    i % TopicCatalog.SCENARIO_TOPIC_PARTITIONS), new Knobs(0.9 + i * 0.005, 1, 1), "",
                    LpSolver.INSTANCE, null));
        }
        return RunPlan.create(runId, definitions, ChosenInstance.generated(BaselineGenerator.DEFAULT_SEED, size),
                Instant.now());
    }

    /** {@code base} with the first suffix {@code _N} whose record key lands on {@code partition}. */
    private static String idOnPartition(String runId, String base, int partition) {
        for (int suffix = 0; ; suffix++) {
            String id = base + "_" + suffix;
            byte[] key = (runId + "/" + id).getBytes(StandardCharsets.UTF_8);
            if (BuiltInPartitioner.partitionForKey(key, TopicCatalog.SCENARIO_TOPIC_PARTITIONS) == partition) {
                return id;
            }
        }
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
