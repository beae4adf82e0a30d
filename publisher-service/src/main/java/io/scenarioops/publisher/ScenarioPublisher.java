package io.scenarioops.publisher;

import io.scenarioops.events.EventIds;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.StageFailure;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.storage.Manifest;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.storage.PublicationGuard;
import io.scenarioops.storage.Sha256;
import io.scenarioops.model.time.Timestamps;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Writes a solved scenario's artifacts, then its manifest, and only then answers with the
 * published event: a scenario is never announced before all of its objects are in place. Objects
 * another answer published are left as they are ({@link PublicationGuard}).
 */
public final class ScenarioPublisher {
    public static final String STAGE = "publisher";

    private final ObjectStore store;
    private final PublicationGuard guard;
    private final ExecutorService writers;
    private final Clock clock;

    public ScenarioPublisher(ObjectStore store, ExecutorService writers, Clock clock) {
        this.store = store;
        this.guard = new PublicationGuard(store, clock);
        this.writers = writers;
        this.clock = clock;
    }

    public ScenarioPublished publish(ScenarioSolved solved) {
        if (solved.failed()) {
            return ScenarioPublished.failed(solved, answerHeader(solved), scenarioPrefix(solved), solved.failure());
        }
        ScenarioArtifacts.Rendered rendered = ScenarioArtifacts.render(solved);
        guard.requireManifestReplaceable(new PublicationGuard.Answer(solved.key(), rendered.scenarioPrefix(),
                "solved event " + solved.eventId(), solved.lineage().requestEventId(), solved.runCreatedAtUtc()),
                rendered.manifest().content());
        requireInPlace(rendered.storedBySolver());
        writeAll(rendered.artifacts());
        ScenarioArtifacts.Artifact manifest = rendered.manifest();
        store.put(manifest.key(), manifest.content(), ObjectStore.JSON);
        return ScenarioPublished.of(solved, answerHeader(solved), rendered.scenarioPrefix(), manifest.key(),
                Sha256.hex(manifest.content()));
    }

    /** The stand-in for a scenario that could not be published, so the run still completes and names it. */
    public ScenarioPublished failed(ScenarioSolved solved, String reason) {
        return ScenarioPublished.failed(solved, answerHeader(solved), scenarioPrefix(solved),
                new StageFailure(STAGE, reason));
    }

    /**
     * The tables the solver wrote must be there, at the size its event names, before the manifest
     * announces them; the manifest's sha256 is the event's, which QC checks against the bytes.
     */
    private void requireInPlace(List<Manifest.Artifact> storedBySolver) {
        for (Manifest.Artifact table : storedBySolver) {
            Optional<Long> size = store.size(table.key());
            if (size.isEmpty()) {
                throw new InvalidInputException("stored_tables", "no object at " + table.key()
                        + ", which the solved event says the solver wrote");
            }
            if (size.get() != table.size()) {
                throw new InvalidInputException("stored_tables", "the object at " + table.key() + " has "
                        + size.get() + " bytes, not the " + table.size() + " the solved event names");
            }
        }
    }

    private void writeAll(List<ScenarioArtifacts.Artifact> artifacts) {
        List<CompletableFuture<Void>> writes = artifacts.stream()
                .map(a -> CompletableFuture.runAsync(() -> store.put(a.key(), a.content(), ObjectStore.JSON), writers))
                .toList();
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private ScenarioHeader answerHeader(ScenarioSolved solved) {
        return solved.header().next(EventIds.derived(STAGE, solved.eventId()), Timestamps.utc(clock.instant()));
    }

    private static String scenarioPrefix(ScenarioSolved solved) {
        return ObjectLayout.scenarioPrefix(solved.dt(), solved.runId(), solved.scenarioId());
    }
}
