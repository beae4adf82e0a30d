package io.scenarioops.events;

import io.scenarioops.model.BaselineSummary;
import io.scenarioops.model.Component;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ProductionRow;
import java.util.List;

/**
 * A solved scenario with its outputs inline, written by the solver. Carries the request's fields
 * the publisher needs for {@code scenario_spec.json}, so the publisher never looks back upstream.
 * Either the four result fields are present and {@code failure} is null, or the reverse.
 */
public record ScenarioSolved(
        int schemaVersion,
        String eventId,
        String runId,
        String dt,
        String occurredAtUtc,
        int scenarioCount,
        String runCreatedAtUtc,
        String scenarioId,
        long seed,
        Knobs knobs,
        String notes,
        String requestEventId,
        String requestedAtUtc,
        Component generator,
        Component solver,
        BaselineSummary baselineSummary,
        List<ProductionRow> factProduction,
        KpiTotal kpiTotal,
        KpiCostBreakdown kpiCostBreakdown,
        StageFailure failure) implements PipelineEvent {

    @Override
    public String key() {
        return EventKeys.scenarioKey(runId, scenarioId);
    }

    public boolean failed() {
        return failure != null;
    }
}
