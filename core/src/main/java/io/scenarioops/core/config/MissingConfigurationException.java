package io.scenarioops.core.config;

/** A service was started without a setting it cannot default. */
public class MissingConfigurationException extends IllegalStateException {
    private final String variable;

    public MissingConfigurationException(String variable) {
        this(variable, "environment variable " + variable + " is not set; set it, or run through the local stack"
                + " (./scenarioops demo), which starts an embedded server for it");
    }

    private MissingConfigurationException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    /** A server configured by {@code endpointVariable} without the credential it needs. */
    public static MissingConfigurationException credentialFor(String variable, String endpointVariable) {
        return new MissingConfigurationException(variable, "environment variable " + variable + " is not set; it is"
                + " required when " + endpointVariable + " is set (the default credentials are only for the"
                + " embedded servers)");
    }

    public String variable() {
        return variable;
    }
}
