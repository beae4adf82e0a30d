package io.scenarioops.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BenchThreadsTest {
    @Test
    void awaitGivesTheResultOrTheWorkersFailureUnderItsName() {
        assertEquals(42, BenchThreads.await(CompletableFuture.completedFuture(42), "answer"));

        IllegalArgumentException cause = new IllegalArgumentException("no bucket");
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> BenchThreads.await(CompletableFuture.failedFuture(cause), "a PUT failed"));
        assertEquals("a PUT failed: java.lang.IllegalArgumentException: no bucket", failed.getMessage());
        assertSame(cause, failed.getCause());
    }

    @Test
    void workerThreadsAreNamedDaemons() {
        Thread thread = BenchThreads.daemon("bench-worker").newThread(() -> { });
        assertTrue(thread.isDaemon());
        assertEquals("bench-worker", thread.getName());
    }
}
