package io.scenarioops.solver;

import io.scenarioops.common.service.ServiceRunner;

/** Runs one solver instance as a process, configured from the environment. */
public final class SolverMain {
    private SolverMain() {
    }

    public static void main(String[] args) {
        ServiceRunner.runFromEnvironment(config -> new SolverService(config.kafka()));
    }
}
