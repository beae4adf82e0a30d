package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.testsupport.GoldenFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ScenarioModelTest {

    @Test
    void runIsGenerateApplySummariseAndSolve() {
        Knobs knobs = new Knobs(1.1, 0.9, 1.2);
        Baseline knobApplied = knobs.applyTo(BaselineGenerator.generate(7));
        ScenarioOutcome outcome = ScenarioModel.run(7, knobs);
        assertEquals(BaselineSummary.of(knobApplied), outcome.baselineSummary());
        assertEquals(ToySolver.solve(knobApplied), outcome.result());
    }

    @Test
    void concurrentRunsOverManySeedsGiveTheSameBytesAsSequentialOnes() throws Exception {
        List<Knobs> knobs = List.of(Knobs.NEUTRAL, new Knobs(1.1, 1.0, 1.0), new Knobs(0.5, 2.0, 3.0));
        List<String> expected = new ArrayList<>();
        for (long seed = 0; seed < 40; seed++) {
            for (Knobs k : knobs) {
                expected.add(SeedJson.writeString(ToySolver.solve(k.applyTo(BaselineGenerator.generate(seed)))));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (long seed = 0; seed < 40; seed++) {
                for (Knobs k : knobs) {
                    long s = seed;
                    futures.add(pool.submit(() -> SeedJson.writeString(ScenarioModel.run(s, k).result())));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i), futures.get(i).get(), "scenario " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingKnobsAreInvalidInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioModel.run(7, null));
        assertEquals("knobs", e.field());
        assertEquals("is missing", e.reason());
    }

    @Test
    void seedDefaultsAreTheScenariosOfTheSeedsDefaultRun() {
        JsonNode runs = GoldenFiles.read(GoldenFiles.DEFAULT_RUN_KPIS);
        assertEquals(runs.size(), ScenarioDefinition.SEED_DEFAULTS.size());
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            ScenarioDefinition scenario = ScenarioDefinition.SEED_DEFAULTS.get(i);
            assertEquals(run.get("scenario_id").asText(), scenario.scenarioId());
            JsonNode knobs = run.get("knobs");
            assertEquals(new Knobs(knobs.get("demand_scale").doubleValue(), knobs.get("variable_cost_scale").doubleValue(),
                    knobs.get("logistics_cost_scale").doubleValue()), scenario.knobs());
        }
        assertEquals(List.of("No changes", "Demand +10%", "Variable +10%, Logistics +10%"),
                ScenarioDefinition.SEED_DEFAULTS.stream().map(ScenarioDefinition::notes).toList());
    }
}
