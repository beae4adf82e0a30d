package io.scenarioops.producer.cli;

import io.scenarioops.core.config.InvalidConfigurationException;
import io.scenarioops.core.config.MissingConfigurationException;
import io.scenarioops.model.InvalidInputException;
import picocli.CommandLine;

/** Builds the command line with the project's error handling and exit codes. */
public final class Cli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    private Cli() {
    }

    public static CommandLine commandLine(Object rootCommand) {
        CommandLine commandLine = new CommandLine(rootCommand);
        commandLine.setExecutionExceptionHandler((error, cmd, parseResult) -> {
            boolean badInput = error instanceof InvalidInputException
                    || error instanceof MissingConfigurationException
                    || error instanceof InvalidConfigurationException;
            cmd.getErr().println("error: " + describe(error));
            if (!badInput && System.getenv("SCENARIOOPS_DEBUG") != null) {
                error.printStackTrace(cmd.getErr());
            }
            return badInput ? EXIT_BAD_INPUT : EXIT_FAILED;
        });
        return commandLine;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.toString() : message;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new ScenarioOpsCommand()).execute(args));
    }
}
