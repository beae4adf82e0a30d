package io.scenarioops.kafka.service;

import java.util.List;

/**
 * A long-running pipeline service. {@link #start()} returns once the service is running;
 * {@link #stop()} finishes or aborts in-flight work, closes its clients and is safe to call twice.
 */
public interface Service extends AutoCloseable {
    String name();

    void start();

    void stop();

    /**
     * What must hold for the service to do its work: the peers it needs reachable, its stage not
     * stuck in an outage. Callable from any thread, before {@link #start()} too.
     */
    List<ReadinessCheck> readinessChecks();

    /** Blocks until the service stops; returns the error that stopped it, or null after a clean stop. */
    Throwable awaitTermination() throws InterruptedException;

    @Override
    default void close() {
        stop();
    }
}
