package io.scenarioops.producer.cli;

import io.scenarioops.model.BaselineFile;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.InstanceSize;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Baseline files: {@code baseline export} writes a generated instance in the file format, for a planner to start from. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Baseline files (format_version 1, see docs/solvers.md).",
        subcommands = BaselineCommand.Export.class)
final class BaselineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print a seed's generated instance (knobs not applied) as a baseline file on stdout.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seed", defaultValue = "" + BaselineGenerator.DEFAULT_SEED,
                description = "Baseline seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--orders", paramLabel = "N", defaultValue = "20", description = "Orders (default: ${DEFAULT-VALUE}).")
        int orders;

        @Option(names = "--periods", paramLabel = "P", defaultValue = "8", description = "Periods (default: ${DEFAULT-VALUE}).")
        int periods;

        @Override
        public Integer call() {
            byte[] file = BaselineFile.write(BaselineGenerator.generate(seed, new InstanceSize(orders, periods)));
            spec.commandLine().getOut().println(new String(file, StandardCharsets.UTF_8));
            return Cli.EXIT_OK;
        }
    }
}
