package io.scenarioops.producer.cli;

import io.scenarioops.core.config.ScenarioOpsConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;
import picocli.CommandLine;

/** A command run in-process as {@code scenarioops ARGS}: its exit code and what it printed. */
record CliResult(int exitCode, String out, String err) {
    static CliResult run(Supplier<ScenarioOpsConfig> config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine(new ScenarioOpsCommand(config));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new CliResult(cli.execute(args), out.toString(), err.toString());
    }
}
