package io.scenarioops.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.scenarioops.model.BaselineSummary;
import io.scenarioops.model.Component;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.LpSolveResult;
import io.scenarioops.model.LpSolver;
import io.scenarioops.model.PlanResult;
import io.scenarioops.model.ProductionRow;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.model.ScenarioOutcome;
import io.scenarioops.model.SolveResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A solved scenario with its outputs inline, written by the solver. Carries the request's fields
 * the publisher needs for {@code scenario_spec.json}, so the publisher never looks back upstream.
 * Either the results are present and {@code failure} is null, or the reverse. The results are
 * {@code baseline_summary}, {@code kpi_total}, {@code kpi_cost_breakdown} and the solver's tables:
 * toy-v1's {@code fact_production} rows, or lp-v1's {@code lp_plan} (then {@code fact_production}
 * is null). When those tables would make the event too large for a Kafka record, the solver writes
 * them to the object store as their artifacts and the event lists them in {@code stored_tables}
 * instead (then {@code fact_production} is null and there is no {@code lp_plan}).
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
        @JsonInclude(JsonInclude.Include.NON_NULL) List<StoredTable> storedTables,
        StageFailure failure) implements ScenarioEvent {

    public static final String FACT_PRODUCTION = "fact_production";
    public static final String FACT_DELIVERY = "fact_delivery";
    public static final String FACT_INVENTORY = "fact_inventory";

    public ScenarioSolved {
        inputs = inputs == null ? ScenarioInputs.SEED : inputs;
        if (storedTables != null) {
            List<String> names = storedTables.stream().map(StoredTable::table).toList();
            if (!names.equals(tableNames(solver))) {
                throw new InvalidInputException("stored_tables", solver.name() + " writes the tables "
                        + tableNames(solver) + ", in that order; got " + names);
            }
            storedTables = List.copyOf(storedTables);
        }
    }

    /** The tables {@code solver} writes, in the order of a solved event and of its artifacts. */
    public static List<String> tableNames(Component solver) {
        return LpSolver.COMPONENT.name().equals(solver.name()) ? List.of(FACT_PRODUCTION, FACT_DELIVERY, FACT_INVENTORY)
                : List.of(FACT_PRODUCTION);
    }

    /** The answer to {@code request}, written under {@code header}, with the outcome the components computed. */
    public static ScenarioSolved of(ScenarioRequested request, ScenarioHeader header, Component generator,
            Component solver, ScenarioOutcome<?> outcome) {
        PlanResult result = outcome.result();
        List<ProductionRow> toyRows = result instanceof SolveResult toy ? toy.factProduction() : null;
        LpPlanTables lpPlan = result instanceof LpSolveResult lp ? LpPlanTables.of(lp) : null;
        return new ScenarioSolved(header, request.seed(), request.knobs(), request.notes(), RequestLineage.of(request),
                generator, solver, request.inputs(), outcome.baselineSummary(), toyRows, result.kpiTotal(),
                result.kpiCostBreakdown(), lpPlan, null, null);
    }

    /** The answer to a {@code request} that could not be solved, so that the run still completes and names it. */
    public static ScenarioSolved failed(ScenarioRequested request, ScenarioHeader header, Component generator,
            Component solver, StageFailure failure) {
        return new ScenarioSolved(header, request.seed(), request.knobs(), request.notes(), RequestLineage.of(request),
                generator, solver, request.inputs(), null, null, null, null, null, null, failure);
    }

    /**
     * The tables this event carries, by name in {@link #tableNames} order; empty when it failed or
     * its tables are in the object store.
     */
    public Map<String, List<?>> inlineTables() {
        Map<String, List<?>> tables = new LinkedHashMap<>();
        if (lpPlan != null) {
            tables.put(FACT_PRODUCTION, lpPlan.factProduction());
            tables.put(FACT_DELIVERY, lpPlan.factDelivery());
            tables.put(FACT_INVENTORY, lpPlan.factInventory());
        } else if (factProduction != null) {
            tables.put(FACT_PRODUCTION, factProduction);
        }
        return tables;
    }

    /** This event with its tables replaced by {@code stored}, the artifacts the solver wrote for them. */
    public ScenarioSolved withStoredTables(List<StoredTable> stored) {
        if (failed()) {
            throw new IllegalStateException("scenario " + key() + " failed and has no tables to store");
        }
        return new ScenarioSolved(header, seed, knobs, notes, lineage, generator, solver, inputs, baselineSummary, null,
                kpiTotal, kpiCostBreakdown, null, stored, null);
    }

    public boolean failed() {
        return failure != null;
    }
}
