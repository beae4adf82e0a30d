package io.scenarioops.qc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioInputs;
import org.junit.jupiter.api.Test;

class RunProgressTest {
    private static final String CREATED = "2026-12-02T09:00:00.000000+00:00";
    private static final RunProgress PROGRESS = RunProgress.requestedBy(
            new RequestedScenario("run-a", "2026-12-02", CREATED, 3, "baseline", "e1",
                    RequestFingerprint.of(1, Knobs.NEUTRAL, "toy-v1", ScenarioInputs.SEED)), 0);

    @Test
    void aRequestIsOfTheSameGenerationOnlyAtTheSameInstant() {
        assertEquals(RunProgress.Generation.SAME, PROGRESS.generationOf(CREATED));
        // the same instant written with another offset is the same request time
        assertEquals(RunProgress.Generation.SAME, PROGRESS.generationOf("2026-12-02T10:00:00.000000+01:00"));
    }

    @Test
    void aLaterRequestOfTheRunIsANewGenerationAndAnEarlierOneIsSuperseded() {
        assertEquals(RunProgress.Generation.LATER, PROGRESS.generationOf("2026-12-02T09:00:00.000001+00:00"));
        assertEquals(RunProgress.Generation.SUPERSEDED, PROGRESS.generationOf("2026-12-02T08:59:59.999999+00:00"));
    }
}
