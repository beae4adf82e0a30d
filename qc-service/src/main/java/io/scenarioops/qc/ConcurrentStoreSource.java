package io.scenarioops.qc;

import io.scenarioops.storage.ObjectStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The object store as QC's source: a scenario's six objects are read side by side, so checking
 * one waits for the slowest read rather than for all six in turn.
 */
final class ConcurrentStoreSource implements ArtifactSource, AutoCloseable {
    private final ObjectStore store;
    private final ExecutorService readers;

    ConcurrentStoreSource(ObjectStore store, int readers) {
        this.store = store;
        this.readers = Executors.newFixedThreadPool(readers, runnable -> {
            Thread thread = new Thread(runnable, "qc-reader");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Optional<byte[]> get(String key) {
        return store.get(key);
    }

    @Override
    public Map<String, Optional<byte[]>> getAll(List<String> keys) {
        List<CompletableFuture<Optional<byte[]>>> reads = new ArrayList<>(keys.size());
        keys.forEach(key -> reads.add(CompletableFuture.supplyAsync(() -> store.get(key), readers)));
        Map<String, Optional<byte[]>> objects = new LinkedHashMap<>();
        try {
            for (int i = 0; i < keys.size(); i++) {
                objects.put(keys.get(i), reads.get(i).join());
            }
        } catch (CompletionException e) {
            // the store's own exception (an outage is a TransientException) decides what QC does
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return objects;
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
