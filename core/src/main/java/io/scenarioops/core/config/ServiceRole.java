package io.scenarioops.core.config;

import java.util.Locale;

/**
 * A service that can run under its own Kafka principal: its {@code <ROLE>_KAFKA_*} variables (for
 * instance {@code SOLVER_KAFKA_SASL_JAAS_CONFIG}) win over the shared {@code KAFKA_*} ones. The
 * command-line tools (run requests, replay, status) use the shared settings only.
 */
public enum ServiceRole {
    SOLVER, PUBLISHER, QC, CONSOLE;

    /** {@code SOLVER_KAFKA_} and so on. */
    public String kafkaVariablePrefix() {
        return name() + "_" + KafkaClientEnvironment.PREFIX;
    }

    /** The name used on the command line and for principals: {@code solver}, {@code publisher}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
