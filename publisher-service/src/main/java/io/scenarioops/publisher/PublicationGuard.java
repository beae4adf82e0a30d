package io.scenarioops.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.kafka.RefusedEventException;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.storage.Sha256;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a published scenario's objects from being replaced by an answer the pipeline did not give.
 * The same request always renders the same manifest, so re-publishing it (a re-delivery, a replay)
 * finds identical bytes; a later request of the run ({@code run --run-id}) replaces an earlier
 * one's objects. Anything else at the scenario's manifest key, another manifest for the same
 * request or one for the same or a later request of the run, means the event was not the
 * pipeline's answer to the request that published the scenario: it is refused before any object
 * is written.
 */
final class PublicationGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PublicationGuard.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectStore store;

    PublicationGuard(ObjectStore store) {
        this.store = store;
    }

    /** Throws {@link RefusedEventException} unless {@code rendered} may be written for {@code solved}. */
    void requireReplaceable(ScenarioSolved solved, ScenarioArtifacts.Rendered rendered) {
        ScenarioArtifacts.Artifact manifest = rendered.manifest();
        Optional<byte[]> existing = store.get(manifest.key());
        if (existing.isEmpty() || Arrays.equals(existing.get(), manifest.content())) {
            return;
        }
        Optional<String> publishedRequest = field(existing.get(), "request_event_id");
        if (publishedRequest.isEmpty()) {
            LOG.warn("publisher: the manifest at {} is unreadable; replacing it", manifest.key());
            return;
        }
        String scenario = "scenario " + solved.key();
        String requestEventId = solved.lineage().requestEventId();
        if (publishedRequest.get().equals(requestEventId)) {
            throw new RefusedEventException(scenario + " was published for request " + requestEventId
                    + " with manifest sha256 " + Sha256.hex(existing.get()) + "; solved event " + solved.eventId()
                    + " would replace it with " + Sha256.hex(manifest.content())
                    + ", but the same request always publishes the same bytes");
        }
        Optional<Instant> publishedRequestAt = store.get(rendered.scenarioPrefix() + ObjectLayout.SCENARIO_SPEC)
                .flatMap(spec -> field(spec, "created_at_utc"))
                .flatMap(PublicationGuard::instant);
        Instant requestAt = Timestamps.parseUtc(solved.runCreatedAtUtc());
        if (publishedRequestAt.isPresent() && !requestAt.isAfter(publishedRequestAt.get())) {
            throw new RefusedEventException(scenario + " was published for request " + publishedRequest.get()
                    + " of the run's request at " + Timestamps.utc(publishedRequestAt.get()) + "; solved event "
                    + solved.eventId() + " answers request " + requestEventId + " of the request at "
                    + solved.runCreatedAtUtc() + ", not a later one");
        }
    }

    private static Optional<String> field(byte[] json, String name) {
        try {
            JsonNode value = MAPPER.readTree(json).path(name);
            return value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String utc) {
        try {
            return Optional.of(Timestamps.parseUtc(utc));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
