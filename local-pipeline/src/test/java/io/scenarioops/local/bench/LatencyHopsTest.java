package io.scenarioops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scenarioops.model.Knobs;
import io.scenarioops.runstore.RunRecord;
import io.scenarioops.runstore.RunStatus;
import io.scenarioops.runstore.ScenarioRecord;
import io.scenarioops.runstore.ScenarioStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyHopsTest {
    private static final String CREATED = "2026-12-02T10:00:00.000000+00:00";

    @Test
    void eachHopEndsAtTheLastScenarioToPassThatStage() {
        LatencyHops hops = new LatencyHops();
        hops.add(run("2026-12-02T10:00:00.600000+00:00",
                scenario("a", "10:00:00.110", "10:00:00.200", "10:00:00.300"),
                scenario("b", "10:00:00.120", "10:00:00.260", "10:00:00.290"),
                scenario("c", "10:00:00.100", "10:00:00.250", "10:00:00.550")),
                Instant.parse("2026-12-02T10:00:00.100Z"), Instant.parse("2026-12-02T10:00:00.640Z"));

        List<Samples> samples = hops.samples();

        assertEquals(LatencyHops.HOPS.size(), samples.size());
        assertEquals(List.of(20.0, 140.0, 290.0, 50.0, 40.0), samples.stream().map(Samples::median).toList());
        assertEquals("seed run latency, last solved -> last published", samples.get(1).name());
        assertEquals("request committed -> last scenario solved 20 ms; last solved -> last published 140 ms;"
                + " last published -> last checked 290 ms; last checked -> run completed by QC 50 ms;"
                + " run completed -> the watcher read it 40 ms", hops.medians());
    }

    @Test
    void theMedianOfEachHopIsOverTheRunsAdded() {
        LatencyHops hops = new LatencyHops();
        for (String solved : List.of("10:00:00.130", "10:00:00.110", "10:00:00.190")) {
            hops.add(run("2026-12-02T10:00:00.600000+00:00", scenario("a", solved, "10:00:00.200", "10:00:00.300")),
                    Instant.parse("2026-12-02T10:00:00.100Z"), Instant.parse("2026-12-02T10:00:00.700Z"));
        }

        assertEquals(30.0, hops.samples().get(0).median(), 1e-9);
        assertEquals(10.0, hops.samples().get(0).min(), 1e-9);
        assertEquals(90.0, hops.samples().get(0).max(), 1e-9);
    }

    @Test
    void aRunWithoutItsCompletionTimeIsRefusedByName() {
        RunStatus running = new RunStatus(new RunRecord("run-1", "2026-12-02", CREATED, 1, "running", null, null),
                List.of(scenario("a", "10:00:00.110", "10:00:00.200", "10:00:00.300")));

        NullPointerException refused = assertThrows(NullPointerException.class, () -> new LatencyHops()
                .add(running, Instant.parse("2026-12-02T10:00:00Z"), Instant.parse("2026-12-02T10:00:01Z")));
        assertEquals("run run-1 has no completion time", refused.getMessage());
    }

    private static RunStatus run(String completed, ScenarioStatus... scenarios) {
        return new RunStatus(new RunRecord("run-1", "2026-12-02", CREATED, scenarios.length, "passed", "key",
                completed), List.of(scenarios));
    }

    private static ScenarioStatus scenario(String id, String solved, String published, String checked) {
        return new ScenarioStatus(new ScenarioRecord("run-1", "2026-12-02", CREATED, 3, id, 7L, new Knobs(1, 1, 1), "",
                null, null, ScenarioRecord.VERDICT_PASSED, List.of(), null, CREATED, utc(solved), utc(published),
                utc(checked)), List.of());
    }

    private static String utc(String time) {
        return "2026-12-02T" + time + "000+00:00";
    }
}
