package io.scenarioops.publisher;

import io.scenarioops.common.service.ServiceRunner;

/** Runs one publisher instance as a process, configured from the environment. */
public final class PublisherMain {
    private PublisherMain() {
    }

    public static void main(String[] args) {
        ServiceRunner.runFromEnvironment(config -> new PublisherService(config.kafka(), config.objectStore()));
    }
}
