package io.scenarioops.qc;

import io.scenarioops.common.service.ServiceRunner;

/** Runs one QC instance as a process, configured from the environment. */
public final class QcMain {
    private QcMain() {
    }

    public static void main(String[] args) {
        ServiceRunner.runFromEnvironment(QcService::new);
    }
}
