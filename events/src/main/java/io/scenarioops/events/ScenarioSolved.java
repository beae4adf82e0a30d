package io.scenarioops.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.scenarioops.model.BaselineSummary;
import io.scenarioops.model.Component;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.LpSolveResult;
import io.scenarioops.model.PlanResult;
import io.scenarioops.model.ProductionRow;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.model.ScenarioOutcome;
import io.scenarioops.model.SolveResult;
import java.util.List;

/**
 * A solved scenario with its outputs inline, written by the solver. Carries the request's fields
 * the publisher needs for {@code scenario_spec.json}, so the publisher never looks back upstream.
 * Either the results are present and {@code failure} is null, or the reverse. The results are
 * {@code baseline_summary}, {@code kpi_total}, {@code kpi_cost_breakdown} and the solver's tables:
 * toy-v1's {@code fact_production} rows, or lp-v1's {@code lp_plan} (then {@code fact_production}
 * is null).
 */
public record ScenarioSolved(
        @JsonUnwrapped ScenarioHeader header,
        long seed,
        Knobs knobs,
        String notes,
        @JsonUnwrapped RequestLineage lineage,
        Component generator,
        Component solver,
        @JsonUnwrapped ScenarioInputs inputs,
        BaselineSummary baselineSummary,
        List<ProductionRow> factProduction,
        KpiTotal kpiTotal,
        KpiCostBreakdown kpiCostBreakdown,
        @JsonInclude(JsonInclude.Include.NON_NULL) LpPlanTables lpPlan,
        StageFailure failure) implements ScenarioEvent {

    public ScenarioSolved {
        inputs = inputs == null ? ScenarioInputs.SEED : inputs;
    }

    /** The answer to {@code request}, written under {@code header}, with the outcome the components computed. */
    public static ScenarioSolved of(ScenarioRequested request, ScenarioHeader header, Component generator,
            Component solver, ScenarioOutcome<?> outcome) {
        PlanResult result = outcome.result();
        List<ProductionRow> toyRows = result instanceof SolveResult toy ? toy.factProduction() : null;
        LpPlanTables lpPlan = result instanceof LpSolveResult lp ? LpPlanTables.of(lp) : null;
        return new ScenarioSolved(header, request.seed(), request.knobs(), request.notes(), RequestLineage.of(request),
                generator, solver, request.inputs(), outcome.baselineSummary(), toyRows, result.kpiTotal(),
                result.kpiCostBreakdown(), lpPlan, null);
    }

    /** The answer to a {@code request} that could not be solved, so that the run still completes and names it. */
    public static ScenarioSolved failed(ScenarioRequested request, ScenarioHeader header, Component generator,
            Component solver, StageFailure failure) {
        return new ScenarioSolved(header, request.seed(), request.knobs(), request.notes(), RequestLineage.of(request),
                generator, solver, request.inputs(), null, null, null, null, null, failure);
    }

    public boolean failed() {
        return failure != null;
    }
}
