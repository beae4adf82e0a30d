package io.scenarioops.model;

/** The LP solver did not reach an optimum; the message is the solver's own account. */
public final class LpSolverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LpSolverException(String message) {
        super(message);
    }
}
