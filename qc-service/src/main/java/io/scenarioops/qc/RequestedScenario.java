package io.scenarioops.qc;

import io.scenarioops.events.ScenarioRequested;

/** What QC keeps of one scenario-requested event: the facts a published scenario must agree with. */
record RequestedScenario(String runId, String dt, String runCreatedAtUtc, int scenarioCount, String scenarioId,
        String eventId, RequestFingerprint fingerprint) {

    static RequestedScenario of(ScenarioRequested event) {
        return new RequestedScenario(event.runId(), event.dt(), event.runCreatedAtUtc(), event.scenarioCount(),
                event.scenarioId(), event.eventId(),
                RequestFingerprint.of(event.seed(), event.knobs(), event.chosenSolver().name(),
                        event.inputs()));
    }
}
