package io.scenarioops.qc;

import io.scenarioops.events.ScenarioRequested;

/** What QC keeps of one scenario-requested event: the facts a published scenario must agree with. */
record RequestedScenario(String runId, String dt, int scenarioCount, String scenarioId, String eventId) {

    static RequestedScenario of(ScenarioRequested event) {
        return new RequestedScenario(event.runId(), event.dt(), event.scenarioCount(), event.scenarioId(),
                event.eventId());
    }
}
