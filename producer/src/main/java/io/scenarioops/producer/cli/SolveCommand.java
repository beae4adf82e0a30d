package io.scenarioops.producer.cli;

import io.scenarioops.model.Knobs;
import io.scenarioops.model.PlanResult;
import io.scenarioops.model.ScenarioModel;
import io.scenarioops.model.json.SeedJson;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Solves one scenario offline (no Kafka) and prints its KPIs as JSON. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve one scenario offline (toy-v1 or lp-v1, on a seed's instance at any size or a baseline"
                + " file) and print {\"kpi_total\", \"kpi_cost_breakdown\"}.")
final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Mixin
    SolverOptions solverOptions;

    @Option(names = "--demand-scale", defaultValue = "1", description = "Demand multiplier, [0, 100].")
    double demandScale;

    @Option(names = "--variable-cost-scale", defaultValue = "1", description = "Variable cost multiplier, [0, 100].")
    double variableCostScale;

    @Option(names = "--logistics-cost-scale", defaultValue = "1",
            description = "Inbound and outbound cost multiplier, [0, 100].")
    double logisticsCostScale;

    @Override
    public Integer call() {
        Knobs knobs = new Knobs(demandScale, variableCostScale, logisticsCostScale);
        PlanResult result = ScenarioModel.run(instance.choose().base(), knobs, solverOptions.solver(),
                solverOptions.planning()).result();
        spec.commandLine().getOut().println(SeedJson.writeString(
                Map.of("kpi_total", result.kpiTotal(), "kpi_cost_breakdown", result.kpiCostBreakdown())));
        return Cli.EXIT_OK;
    }
}
