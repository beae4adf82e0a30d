package io.scenarioops.local.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scenarioops.events.TopicCatalog;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.producer.RunPlan;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
    @Test
    void aDemandSweepHasTheRequestedSizeFromJustAboveHalfToOneAndAHalf() {
        RunPlan sweep = Workloads.demandSweep(1000);
        assertEquals(1000, sweep.scenarios().size());
        assertEquals(0.501, sweep.scenarios().get(0).knobs().demandScale());
        assertEquals(1.5, sweep.scenarios().get(999).knobs().demandScale());
    }

    @Test
    void anLpRunFillsTheScenarioPartitionsEvenly() {
        RunPlan run = Workloads.lpRun(24, new InstanceSize(500, 52));
        Map<Integer, Long> perPartition = run.scenarios().stream().collect(Collectors.groupingBy(
                s -> BuiltInPartitioner.partitionForKey((run.runId() + "/" + s.scenarioId()).getBytes(UTF_8),
                        TopicCatalog.SCENARIO_TOPIC_PARTITIONS), TreeMap::new, Collectors.counting()));
        assertEquals(IntStream.range(0, 12).boxed().collect(Collectors.toMap(p -> p, p -> 2L)), perPartition);
        assertEquals(24, run.scenarios().stream().map(ScenarioDefinition::scenarioId).distinct().count());
        assertTrue(run.scenarios().stream().allMatch(s -> s.solver() == LpSolver.INSTANCE));
        assertEquals(new InstanceSize(500, 52), run.instance().size());
    }

    @Test
    void theSeedRunIsTheSeedsThreeScenarios() {
        assertEquals(3, Workloads.seedRun().scenarios().size());
        assertEquals(7, Workloads.seedRun().seed());
    }

    @Test
    void theStoreCeilingCountsEveryPutAndGetOfAScenario() {
        // 6 PUTs at 600/s and 6 GETs at 1,200/s: 10 ms + 5 ms per scenario
        assertEquals(1 / 0.015, new ObjectStoreCeiling.Rates(600, 1200).scenariosPerSecond(), 1e-9);
    }
}
