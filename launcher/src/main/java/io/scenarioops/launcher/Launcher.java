package io.scenarioops.launcher;

import io.scenarioops.producer.cli.Cli;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import picocli.CommandLine;

/**
 * Entry point of the production image: the producer's commands plus {@code service}, which runs
 * one pipeline service as this process. The embedded servers are not on this classpath; the local
 * commands ({@code demo}, {@code stack}) add themselves to this tree in {@code local-pipeline}.
 */
public final class Launcher {
    private Launcher() {
    }

    /** The launcher's command tree around a given root, e.g. one with a test's configuration. */
    public static CommandLine commandLine(ScenarioOpsCommand root) {
        return Cli.commandLine(root).addSubcommand("service", new ServiceCommand());
    }

    public static void main(String[] args) {
        ProcessDefaults.apply();
        System.exit(commandLine(new ScenarioOpsCommand()).execute(args));
    }
}
