package io.scenarioops.local.bench;

import io.scenarioops.model.time.Timestamps;
import io.scenarioops.runstore.RunStatus;
import io.scenarioops.runstore.ScenarioRecord;
import io.scenarioops.runstore.ScenarioStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a run's latency goes, hop by hop: from the commit of its request to its last scenario
 * solved, published and checked (the stage timestamps QC recorded in PostgreSQL), to QC completing
 * the run, to the watcher reading {@code run-completed}. The stages stamp with their own clocks,
 * so the hops mean something only when every stage runs on one machine, as in the bench. The
 * commit is when the publishing client's {@code commitTransaction} returned. QC stamps a run
 * completed before it writes {@code run_metadata.json}, the report and the run's row, so the
 * last hop includes those writes as well as QC's commit and the watcher's fetch.
 */
final class LatencyHops {
    static final List<String> HOPS = List.of("request committed -> last scenario solved",
            "last solved -> last published", "last published -> last checked", "last checked -> run completed by QC",
            "run completed -> the watcher read it");

    private static final String FIGURE_PREFIX = "seed run latency, ";

    private final Map<String, List<Double>> millisByHop = new LinkedHashMap<>();

    LatencyHops() {
        HOPS.forEach(hop -> millisByHop.put(hop, new ArrayList<>()));
    }

    /** Adds one completed run, committed at {@code committed} and seen completed at {@code seen}. */
    void add(RunStatus run, Instant committed, Instant seen) {
        Instant completed = Timestamps.parseUtc(Objects.requireNonNull(run.run().completedAtUtc(),
                () -> "run " + run.run().runId() + " has no completion time"));
        List<Instant> instants = List.of(committed, last(run, ScenarioRecord::solvedAtUtc),
                last(run, ScenarioRecord::publishedAtUtc), last(run, ScenarioRecord::checkedAtUtc), completed, seen);
        for (int hop = 0; hop < HOPS.size(); hop++) {
            millisByHop.get(HOPS.get(hop)).add(Duration.between(instants.get(hop), instants.get(hop + 1)).toNanos() / 1e6);
        }
    }

    /** One figure per hop, over every run added. */
    List<Samples> samples() {
        return HOPS.stream().map(hop -> new Samples(FIGURE_PREFIX + hop, "ms", millisByHop.get(hop))).toList();
    }

    /** {@code request committed -> last scenario solved 4 ms; ...}: each hop's median. */
    String medians() {
        return String.join("; ", HOPS.stream().map(hop -> String.format(Locale.ROOT, "%s %.0f ms", hop,
                new Samples(hop, "ms", millisByHop.get(hop)).median())).toList());
    }

    private static Instant last(RunStatus run, Function<ScenarioRecord, String> stamp) {
        return run.scenarios().stream()
                .map(ScenarioStatus::scenario)
                .map(scenario -> Objects.requireNonNull(stamp.apply(scenario),
                        () -> "scenario " + scenario.scenarioId() + " of run " + scenario.runId() + " lacks a stage time"))
                .map(Timestamps::parseUtc)
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException("run " + run.run().runId() + " has no scenarios"));
    }
}
