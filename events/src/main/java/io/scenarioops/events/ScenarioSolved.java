package io.scenarioops.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.scenarioops.model.BaselineSummary;
import io.scenarioops.model.Component;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ProductionRow;
import io.scenarioops.model.ScenarioOutcome;
import java.util.List;

/**
 * A solved scenario with its outputs inline, written by the solver. Carries the request's fields
 * the publisher needs for {@code scenario_spec.json}, so the publisher never looks back upstream.
 * Either the four result fields are present and {@code failure} is null, or the reverse.
 */
public record ScenarioSolved(
        @JsonUnwrapped ScenarioHeader header,
        long seed,
        Knobs knobs,
        String notes,
        @JsonUnwrapped RequestLineage lineage,
        Component generator,
        Component solver,
        BaselineSummary baselineSummary,
        List<ProductionRow> factProduction,
        KpiTotal kpiTotal,
        KpiCostBreakdown kpiCostBreakdown,
        StageFailure failure) implements ScenarioEvent {

    /** The answer to {@code request}, written under {@code header}, with the outcome the components computed. */
    public static ScenarioSolved of(ScenarioRequested request, ScenarioHeader header, Component generator,
            Component solver, ScenarioOutcome outcome) {
        return new ScenarioSolved(header, request.seed(), request.knobs(), request.notes(), RequestLineage.of(request),
                generator, solver, outcome.baselineSummary(), outcome.result().factProduction(),
                outcome.result().kpiTotal(), outcome.result().kpiCostBreakdown(), null);
    }

    /** The answer to a {@code request} that could not be solved, so that the run still completes and names it. */
    public static ScenarioSolved failed(ScenarioRequested request, ScenarioHeader header, Component generator,
            Component solver, StageFailure failure) {
        return new ScenarioSolved(header, request.seed(), request.knobs(), request.notes(), RequestLineage.of(request),
                generator, solver, null, null, null, null, failure);
    }

    public boolean failed() {
        return failure != null;
    }
}
