package io.scenarioops.local;

import io.scenarioops.core.config.KafkaSettings;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.publisher.PublisherService;
import io.scenarioops.qc.QcService;
import io.scenarioops.solver.SolverService;
import io.scenarioops.testharness.Barriers;

/** Proof that the pipeline is done with what it was sent, before a test asserts that something did not happen. */
final class PipelineBarrier {
    private PipelineBarrier() {
    }

    /**
     * Waits until the solvers, the publisher and QC, one after the other, have been through every
     * record on their input topics: all the outputs of everything sent so far are committed and
     * readable.
     */
    static void awaitDrained(KafkaSettings kafka) {
        TopicCatalog topics = new TopicCatalog(kafka.topicPrefix());
        Barriers.awaitConsumed(kafka, kafka.topicPrefix() + SolverService.GROUP_ID, topics.scenarioRequested().name());
        Barriers.awaitConsumed(kafka, kafka.topicPrefix() + PublisherService.GROUP_ID, topics.scenarioSolved().name());
        awaitQcDrained(kafka);
    }

    /**
     * Waits until QC has been through every scenario-requested and scenario-published event sent so
     * far and its outputs are readable.
     */
    static void awaitQcDrained(KafkaSettings kafka) {
        TopicCatalog topics = new TopicCatalog(kafka.topicPrefix());
        String checks = kafka.topicPrefix() + QcService.CHECKS_APPLICATION_ID;
        Barriers.awaitConsumed(kafka, checks, topics.scenarioRequested().name());
        Barriers.awaitConsumed(kafka, checks, topics.scenarioPublished().name());
        Barriers.awaitConsumed(kafka, kafka.topicPrefix() + QcService.APPLICATION_ID, topics.qcRunInputs());
        Barriers.awaitSettled(kafka, topics.runCompleted().name());
        Barriers.awaitSettled(kafka, topics.deadLetter());
    }
}
