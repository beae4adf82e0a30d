package io.scenarioops.qc;

/**
 * QC's side effects outside Kafka: each checked scenario, and each completed run. Both must be
 * idempotent, because Kafka Streams re-processes records after a crash or rebalance.
 */
public interface QcRecorder {
    void scenarioChecked(ScenarioQcResult result);

    /** Writes the run's metadata; returns the object key it was written to. */
    String runCompleted(RunMetadata metadata);
}
