package io.scenarioops.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * lp-v1 against toy-v1 within one run: each lp-v1 scenario is paired with the first toy-v1
 * scenario (in scenario id order) that has the same knobs, on the run's one instance, and the
 * saving is what the optimal plan costs less than the greedy one. Planning parameters do not
 * enter the pairing: the toy ignores them.
 */
public final class SolverComparison {

    private SolverComparison() {
    }

    /** One scenario of a run as the comparison needs it; {@code totalCost} is null when it has no KPIs. */
    public record Scenario(String scenarioId, String solver, Knobs knobs, Double totalCost) {
    }

    /** An lp-v1 scenario and the toy-v1 scenario with its knobs; {@code saving} = toy - lp, to the cent. */
    public record Pair(String lpScenarioId, String toyScenarioId, double lpTotalCost, double toyTotalCost,
            double saving, double savingPercent) {
    }

    public static List<Pair> pairs(List<Scenario> scenarios) {
        List<Scenario> byId = scenarios.stream().filter(s -> s.totalCost() != null)
                .sorted(Comparator.comparing(Scenario::scenarioId)).toList();
        List<Pair> pairs = new ArrayList<>();
        for (Scenario lp : byId) {
            if (!lp.solver().equals(LpSolver.COMPONENT.name())) {
                continue;
            }
            byId.stream()
                    .filter(toy -> toy.solver().equals(ToySolver.COMPONENT.name()) && toy.knobs().equals(lp.knobs()))
                    .findFirst()
                    .ifPresent(toy -> {
                        double saving = PyMath.round(toy.totalCost() - lp.totalCost(), 2);
                        double percent = toy.totalCost() == 0.0 ? 0.0 : PyMath.round(100.0 * saving / toy.totalCost(), 2);
                        pairs.add(new Pair(lp.scenarioId(), toy.scenarioId(), lp.totalCost(), toy.totalCost(), saving,
                                percent));
                    });
        }
        return pairs;
    }
}
