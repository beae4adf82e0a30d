package io.scenarioops.report;

/** No completed run with that id in the bucket: no {@code run_metadata.json} for it. */
public final class RunNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String runId;

    public RunNotFoundException(String runId, String message) {
        super(message);
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
