package io.scenarioops.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.model.BaselineFile;
import io.scenarioops.model.BaselineRef;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.Sha256;
import io.scenarioops.testsupport.GoldenFiles;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The solver's choice of solver and instance, on the seed, a sized instance and a baseline file. */
class LpScenarioSolverTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
    private static final byte[] EXAMPLE = GoldenFiles.bytes(GoldenFiles.EXAMPLE_BASELINE);
    private static final BaselineRef EXAMPLE_REF = BaselineRef.of(Sha256.hex(EXAMPLE));

    private final Map<String, byte[]> bucket = new HashMap<>(Map.of(EXAMPLE_REF.key(), EXAMPLE));
    private final AtomicInteger reads = new AtomicInteger();
    private final ScenarioSolver solver = new ScenarioSolver(CLOCK, new BaselineFiles(key -> {
        reads.incrementAndGet();
        return Optional.ofNullable(bucket.get(key));
    }));

    private static ScenarioRequested lp(String scenarioId, ScenarioInputs inputs) {
        ScenarioRequested toy = ScenarioSolverTest.request(scenarioId, Knobs.NEUTRAL);
        return new ScenarioRequested(toy.header(), toy.seed(), toy.knobs(), toy.notes(), "lp-v1", inputs);
    }

    @Test
    void theSeedUnderLpGivesTheReferenceOptimumAndItsTables() {
        ScenarioSolved solved = solver.solve(lp("baseline", ScenarioInputs.SEED));
        assertEquals(LpSolver.COMPONENT, solved.solver());
        assertEquals(322133.37, solved.kpiTotal().totalCost(), 0.0);
        assertNull(solved.factProduction());
        assertEquals(20 * 8, solved.lpPlan().factDelivery().size());
        assertEquals(8, solved.lpPlan().factInventory().size());
    }

    @Test
    void aSizedInstanceIsGeneratedAtItsSize() {
        ScenarioSolved solved = solver.solve(lp("sized", new ScenarioInputs(new InstanceSize(40, 10), null, null)));
        assertEquals(781101.71, solved.kpiTotal().totalCost(), 0.0);
        assertEquals(40, solved.baselineSummary().orders().size());
    }

    @Test
    void aBaselineFileIsFetchedOnceByItsHash() {
        ScenarioInputs inputs = new ScenarioInputs(null, EXAMPLE_REF, null);
        ScenarioSolved first = solver.solve(lp("example", inputs));
        ScenarioSolved again = solver.solve(lp("example_again", inputs));
        assertEquals(25258.9, first.kpiTotal().totalCost(), 0.0);
        assertEquals(25258.9, again.kpiTotal().totalCost(), 0.0);
        assertEquals(BaselineFile.COMPONENT, first.generator());
        assertEquals(1, reads.get(), "the second scenario reads the cached file");
        assertEquals(EXAMPLE_REF, first.inputs().baseline());
    }

    @Test
    void contentWithAnotherHashIsRefused() {
        bucket.put(EXAMPLE_REF.key(), BaselineFile.write(BaselineFile.parse(EXAMPLE)));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> solver.solve(lp("example", new ScenarioInputs(null, EXAMPLE_REF, null))));
        assertEquals("baseline.sha256", e.field());
    }

    @Test
    void aMissingFileOrAnInstanceTooLargeForThePipelineIsTheRequestsFault() {
        BaselineRef nowhere = BaselineRef.of("0".repeat(64));
        assertEquals("baseline.key: no baseline file at " + nowhere.key(), assertThrows(InvalidInputException.class,
                () -> solver.solve(lp("missing", new ScenarioInputs(null, nowhere, null)))).getMessage());
        assertEquals("instance_size", assertThrows(InvalidInputException.class,
                () -> solver.solve(lp("huge", new ScenarioInputs(new InstanceSize(1001, 52), null, null)))).field());
    }
}
