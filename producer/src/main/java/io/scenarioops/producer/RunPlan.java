package io.scenarioops.producer;

import io.scenarioops.events.EventCodec;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.InvalidEventException;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.model.Ids;
import io.scenarioops.model.InstanceSize;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.model.Solvers;
import io.scenarioops.model.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A validated run request: its id, its partition date and creation time, the seed, the instance
 * every scenario is solved on, and the scenarios. {@link #events()} is what the producer
 * publishes, one event per scenario. A run on a baseline file carries the file's bytes
 * ({@code baselineFile}), which are stored in the bucket before any event is published.
 */
public record RunPlan(String runId, String dt, String createdAtUtc, long seed, ChosenInstance instance,
        List<ScenarioDefinition> scenarios) {
    /**
     * A run is one producer transaction, and its run-completed event lists every scenario's
     * verdict: at this size that event stays well inside Kafka's default 1 MB record limit.
     */
    public static final int MAX_SCENARIOS = 10_000;

    public RunPlan {
        Ids.requireValidId("run_id", runId);
        instance = instance == null ? ChosenInstance.generated(seed, InstanceSize.SEED) : instance;
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

    /** A new run on the seed's instance. */
    public static RunPlan create(List<ScenarioDefinition> scenarios, long seed, Instant createdAt) {
        return create(null, scenarios, seed, createdAt);
    }

    /** A run on the seed's instance. */
    public static RunPlan create(String runId, List<ScenarioDefinition> scenarios, long seed, Instant createdAt) {
        return create(runId, scenarios, ChosenInstance.generated(seed, InstanceSize.SEED), createdAt);
    }

    /** What the planner asked for, as {@code published ...} prints it: {@code 3 scenarios (seed 7, dt 2026-12-03)}. */
    public String describe() {
        return scenarios.size() + " scenarios (" + instance.describe() + ", dt " + dt + ")";
    }

    /**
     * A run on {@code instance}; a new run id when {@code runId} is null. Its events are written
     * and read back as the solver will read them, so that a request the solver would dead-letter
     * is refused here, before anything is stored or published, rather than leaving a run that never
     * completes. The model's own rules already refuse the knobs, notes and parameters no event
     * carries; this catches what they do not foresee (a clock past the year 9999).
     */
    public static RunPlan create(String runId, List<ScenarioDefinition> scenarios, ChosenInstance instance,
            Instant createdAt) {
        RunPlan plan = new RunPlan(runId == null ? UUID.randomUUID().toString() : runId, Timestamps.dt(createdAt),
                Timestamps.utc(createdAt), instance.seed(), instance, scenarios);
        plan.requireReadableEvents();
        return plan;
    }

    private void requireReadableEvents() {
        EventCodec<ScenarioRequested> codec = EventCodec.SCENARIO_REQUESTED;
        for (ScenarioRequested event : events()) {
            try {
                codec.decode(event.key().getBytes(StandardCharsets.UTF_8), codec.encode(event));
            } catch (InvalidEventException e) {
                throw new InvalidInputException("scenario " + event.scenarioId(), e.reason());
            }
        }
    }

    public List<ScenarioRequested> events() {
        ScenarioInputs onInstance = instance.inputs();
        return scenarios.stream()
                .map(s -> new ScenarioRequested(header(s), seed, s.knobs(), s.notes(), s.solver().name(),
                        new ScenarioInputs(onInstance.instanceSize(), onInstance.baseline(), s.planning())))
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
        String request = runId + "/" + scenario.scenarioId() + "@" + createdAtUtc + "#" + seed + "#" + scenario.knobs();
        ScenarioInputs inputs = new ScenarioInputs(instance.inputs().instanceSize(), instance.inputs().baseline(),
                scenario.planning());
        // only what a request chose beyond the seed's choices is added, so seed requests keep their ids
        if (scenario.solver() != Solvers.DEFAULT || !inputs.equals(ScenarioInputs.SEED)) {
            request += "#" + scenario.solver().name() + "#" + inputs.describe();
        }
        return EventIds.derived("requested", request);
    }
}
