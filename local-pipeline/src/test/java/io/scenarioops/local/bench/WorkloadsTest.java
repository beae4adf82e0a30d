package io.scenarioops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scenarioops.producer.RunPlan;
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
