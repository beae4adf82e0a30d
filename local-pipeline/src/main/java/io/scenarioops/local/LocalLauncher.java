package io.scenarioops.local;

import io.scenarioops.launcher.Launcher;
import io.scenarioops.launcher.ProcessDefaults;
import io.scenarioops.local.bench.BenchCommand;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import picocli.CommandLine;

/** Entry point of {@code ./scenarioops}: the launcher's commands plus those that start the embedded stack. */
public final class LocalLauncher {
    private LocalLauncher() {
    }

    public static CommandLine commandLine() {
        return commandLine(new ScenarioOpsCommand());
    }

    /** The command tree around a given root, e.g. one with a test's configuration. */
    public static CommandLine commandLine(ScenarioOpsCommand root) {
        return Launcher.commandLine(root)
                .addSubcommand("demo", new DemoCommand())
                .addSubcommand("stack", new StackCommand())
                .addSubcommand("console", new ConsoleCommand())
                .addSubcommand("bench", new BenchCommand());
    }

    public static void main(String[] args) {
        ProcessDefaults.apply();
        System.exit(commandLine().execute(args));
    }
}
