package io.scenarioops.producer.cli;

import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.PlanningParameters;
import io.scenarioops.model.Solver;
import io.scenarioops.model.Solvers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which solver plans, with which planning parameters. Shared by {@code run}, {@code demo} and {@code solve}. */
public final class SolverOptions {
    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "toy-v1",
            description = "toy-v1 (the seed's greedy solver, default) or lp-v1 (the cost-optimal plan);"
                    + " in a scenarios file, a scenario's own \"solver\" wins.")
    String solver;

    @Option(names = "--planning", paramLabel = "NAME=VALUE",
            description = "A planning parameter of lp-v1, repeatable: overtime_multiplier (default 1.8), overtime_share"
                    + " (0.25), holding_cost (0.5), unmet_penalty (1000), site_share (0.5); each finite and >= 0,"
                    + " site_share > 0.")
    List<String> planning;

    public Solver solver() {
        return Solvers.named("--solver", solver);
    }

    /** The parameters given, by name, each checked on its own; unnamed ones keep their defaults. */
    public Map<String, Double> planningValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String assignment : planning == null ? List.<String>of() : planning) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException("--planning", "expected NAME=VALUE, got " + assignment);
            }
            String name = assignment.substring(0, equals).trim();
            String text = assignment.substring(equals + 1).trim();
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("planning." + name, "must be a number, got " + text);
            }
            values.put(name, value);
        }
        PlanningParameters.of(values);
        return values;
    }

    public PlanningParameters planning() {
        return PlanningParameters.of(planningValues());
    }
}
