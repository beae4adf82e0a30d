package io.scenarioops.localstack;

import io.scenarioops.producer.cli.Cli;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import picocli.CommandLine;

/** Entry point of {@code ./scenarioops}: the producer's commands plus those that need every module. */
public final class Launcher {
    private Launcher() {
    }

    public static CommandLine commandLine() {
        return commandLine(new ScenarioOpsCommand());
    }

    /** The launcher's command tree around a given root, e.g. one with a test's configuration. */
    public static CommandLine commandLine(ScenarioOpsCommand root) {
        return Cli.commandLine(root)
                .addSubcommand("demo", new DemoCommand())
                .addSubcommand("stack", new StackCommand())
                .addSubcommand("service", new ServiceCommand());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
