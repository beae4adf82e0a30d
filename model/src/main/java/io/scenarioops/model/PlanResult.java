package io.scenarioops.model;

/** What a {@link Solver} produces for one scenario: its tables and its KPIs. */
public sealed interface PlanResult permits SolveResult, LpSolveResult {
    KpiTotal kpiTotal();

    KpiCostBreakdown kpiCostBreakdown();
}
