package io.scenarioops.producer.cli;

import io.scenarioops.core.config.ScenarioOpsConfig;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code scenarioops} command and its subcommands; the launcher adds {@code service}, local-pipeline adds {@code demo} and {@code stack}. */
@Command(name = "scenarioops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Event-driven scenario planning: publish run requests, check the stack, solve offline.",
        footer = {"%nConfiguration comes from environment variables: KAFKA_BOOTSTRAP_SERVERS, TOPIC_PREFIX, "
                + "S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_BUCKET (default scenarioops), PG_URL, PG_USER, "
                + "PG_PASSWORD, SCENARIOOPS_DATA_DIR; Kafka client settings from KAFKA_* (KAFKA_SECURITY_PROTOCOL, "
                + "KAFKA_SASL_JAAS_CONFIG, ...) and KAFKA_CONFIG_FILE (README, Security).",
            "Exit codes: 0 success, 1 failure, 2 bad input or configuration."},
        subcommands = {SolveCommand.class, BaselineCommand.class, RunCommand.class, ReplayCommand.class, StatusCommand.class,
            RunsCommand.class, ReportCommand.class, DlqCommand.class, SmoketestCommand.class, CheckCommand.class})
public final class ScenarioOpsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final Supplier<ScenarioOpsConfig> config;

    /** Configured from the environment, read when a subcommand first needs it. */
    public ScenarioOpsCommand() {
        this(ScenarioOpsConfig::fromEnvironment);
    }

    public ScenarioOpsCommand(Supplier<ScenarioOpsConfig> config) {
        this.config = config;
    }

    /** The configuration every subcommand uses. */
    public ScenarioOpsConfig config() {
        return config.get();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
