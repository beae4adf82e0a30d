package io.scenarioops.qc;

/**
 * What reaches a run's aggregation, keyed by run id: a scenario of the run's request, or a
 * published scenario after its checks. Exactly one of {@code request} and {@code checked} is set.
 */
record RunInput(RequestedScenario request, ScenarioQcResult checked, SourceRecord source)
        implements QcTopology.Routed {

    /** Read from QC's run-inputs topic too, where a record QC did not write may arrive. */
    RunInput {
        if ((request == null) == (checked == null)) {
            throw new IllegalArgumentException("a run input carries exactly one of request and checked");
        }
        if (source == null) {
            throw new IllegalArgumentException("a run input carries the record it was read from");
        }
    }

    static RunInput ofRequest(RequestedScenario request, SourceRecord source) {
        return new RunInput(request, null, source);
    }

    static RunInput ofChecked(ScenarioQcResult result, SourceRecord source) {
        return new RunInput(null, result, source);
    }
}
