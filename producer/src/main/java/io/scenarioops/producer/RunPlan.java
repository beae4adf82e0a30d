package io.scenarioops.producer;

import io.scenarioops.events.EventIds;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.model.Ids;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.time.Timestamps;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A validated run request: its id, its partition date and creation time, the seed, and the
 * scenarios. {@link #events()} is what the producer publishes, one event per scenario.
 */
public record RunPlan(String runId, String dt, String createdAtUtc, long seed, List<ScenarioDefinition> scenarios) {
    /**
     * A run is one producer transaction, and its run-completed event lists every scenario's
     * verdict: at this size that event stays well inside Kafka's default 1 MB record limit.
     */
    public static final int MAX_SCENARIOS = 10_000;

    public RunPlan {
        Ids.requireValidId("run_id", runId);
        scenarios = List.copyOf(scenarios);
        if (scenarios.isEmpty()) {
            throw new InvalidInputException("scenarios", "a run needs at least one scenario");
        }
        if (scenarios.size() > MAX_SCENARIOS) {
            throw new InvalidInputException("scenarios", "a run has at most " + MAX_SCENARIOS + " scenarios, got "
                    + scenarios.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < scenarios.size(); i++) {
            String id = scenarios.get(i).scenarioId();
            if (!seen.add(id)) {
                throw new InvalidInputException("scenarios[" + i + "].scenario_id", "duplicate id \"" + id + "\"");
            }
        }
    }

    public static RunPlan create(List<ScenarioDefinition> scenarios, long seed, Instant createdAt) {
        return create(UUID.randomUUID().toString(), scenarios, seed, createdAt);
    }

    public static RunPlan create(String runId, List<ScenarioDefinition> scenarios, long seed, Instant createdAt) {
        return new RunPlan(runId, Timestamps.dt(createdAt), Timestamps.utc(createdAt), seed, scenarios);
    }

    public List<ScenarioRequested> events() {
        return scenarios.stream()
                .map(s -> new ScenarioRequested(header(s), seed, s.knobs(), s.notes()))
                .toList();
    }

    /** A request is written when its run is created. */
    private ScenarioHeader header(ScenarioDefinition scenario) {
        return new ScenarioHeader(PipelineEvent.SCHEMA_VERSION, requestEventId(scenario), runId, dt, createdAtUtc,
                scenarios.size(), createdAtUtc, scenario.scenarioId());
    }

    /**
     * Derived from everything the request says, so that re-publishing the same plan re-sends the
     * same events (downstream recognises them), while a new request under an old run id, made at
     * another time or with other knobs, is a new event that QC takes into account.
     */
    private String requestEventId(ScenarioDefinition scenario) {
        return EventIds.derived("requested", runId + "/" + scenario.scenarioId() + "@" + createdAtUtc + "#" + seed
                + "#" + scenario.knobs());
    }
}
