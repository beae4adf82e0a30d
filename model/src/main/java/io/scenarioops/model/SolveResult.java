package io.scenarioops.model;

import java.util.List;
import java.util.Objects;

/** Everything the toy solver produces for one scenario: the seed's three output files. */
public record SolveResult(List<ProductionRow> factProduction, KpiTotal kpiTotal, KpiCostBreakdown kpiCostBreakdown)
        implements PlanResult {

    public SolveResult {
        factProduction = List.copyOf(factProduction);
        Objects.requireNonNull(kpiTotal, "kpiTotal");
        Objects.requireNonNull(kpiCostBreakdown, "kpiCostBreakdown");
    }

    /** How many rows carry overtime, i.e. how many (order, period) pairs did not fit in regular capacity. */
    public long overtimeRows() {
        return factProduction.stream().filter(row -> row.overtimeQty() > 0.0).count();
    }
}
