package io.scenarioops.core.config;

/** A service was started without a setting it cannot default. */
public class MissingConfigurationException extends IllegalStateException {
    private final String variable;

    public MissingConfigurationException(String variable) {
        super("environment variable " + variable + " is not set; set it, or run through the local stack"
                + " (./scenarioops demo), which starts an embedded server for it");
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
