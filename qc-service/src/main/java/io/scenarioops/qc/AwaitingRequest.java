package io.scenarioops.qc;

/**
 * A checked scenario whose run's request QC has not seen yet (the two topics are read
 * independently, so a legitimate published event may arrive first), since when it waits.
 */
record AwaitingRequest(ScenarioQcResult result, SourceRecord source, long sinceMillis) {

    String storeKey() {
        return result.storeKey() + "/" + result.publishedEventId();
    }
}
