package io.scenarioops.producer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code scenarioops} command and its subcommands; the launcher adds the local-stack ones. */
@Command(name = "scenarioops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Event-driven scenario planning: publish run requests, check the stack, solve offline.",
        footer = {"", "Configuration comes from environment variables: KAFKA_BOOTSTRAP_SERVERS, TOPIC_PREFIX,",
                "S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_BUCKET (default scenarioops), PG_URL, PG_USER,",
                "PG_PASSWORD. Exit codes: 0 success, 1 failure, 2 bad input or configuration."},
        subcommands = {SolveCommand.class, RunCommand.class, SmoketestCommand.class, CheckCommand.class})
public final class ScenarioOpsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
