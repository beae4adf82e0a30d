package io.scenarioops.local.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/** The bench's worker threads: daemons, so that a failed measurement never keeps the JVM alive. */
final class BenchThreads {
    private BenchThreads() {
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A worker's result; its failure rethrown as {@code what: cause}, an interrupt kept. */
    static <T> T await(Future<T> result, String what) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
    }
}
