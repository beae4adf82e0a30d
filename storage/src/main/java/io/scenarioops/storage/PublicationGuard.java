package io.scenarioops.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.core.RefusedEventException;
import io.scenarioops.model.time.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a published scenario's objects from being replaced by an answer the pipeline did not give,
 * checked before a stage writes at the scenario's keys (the publisher its artifacts, the solver a
 * large plan's tables). The same request always gives the same bytes, so a re-delivery or a replay
 * finds them in place; a later request of the run ({@code run --run-id}) replaces an earlier
 * one's objects. Anything else, other bytes for the same request or another request of the same
 * or a later run time, is refused ({@link RefusedEventException}) before any object is written.
 */
public final class PublicationGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PublicationGuard.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * What is about to be written: for which scenario ({@code run_id/scenario_id}, under its prefix),
     * by which event ({@code "solved event <id>"}, say), answering which request of which run time.
     */
    public record Answer(String scenario, String scenarioPrefix, String byEvent, String requestEventId,
            String runCreatedAtUtc) {
    }

    private final ObjectStore store;

    public PublicationGuard(ObjectStore store) {
        this.store = store;
    }

    /** Before the publisher writes a scenario whose manifest will be {@code manifest}. */
    public void requireManifestReplaceable(Answer answer, byte[] manifest) {
        requireReplaceable(answer, published -> Arrays.equals(published, manifest),
                "with manifest sha256 " + Sha256.hex(manifest));
    }

    /** Before the solver writes a plan's tables ({@code content} by artifact name) at the scenario's keys. */
    public void requireTablesReplaceable(Answer answer, Map<String, byte[]> contentByName) {
        requireReplaceable(answer, published -> contentByName.entrySet().stream()
                .allMatch(table -> listedSha256(published, table.getKey())
                        .filter(Sha256.hex(table.getValue())::equals).isPresent()),
                "with other tables");
    }

    private void requireReplaceable(Answer answer, Predicate<byte[]> samePublication, String replacement) {
        String manifestKey = answer.scenarioPrefix() + ObjectLayout.MANIFEST;
        Optional<byte[]> existing = store.get(manifestKey);
        if (existing.isEmpty() || samePublication.test(existing.get())) {
            return;
        }
        Optional<String> publishedRequest = text(existing.get(), "request_event_id");
        if (publishedRequest.isEmpty()) {
            LOG.warn("the manifest at {} is unreadable; replacing what it lists", manifestKey);
            return;
        }
        String published = "scenario " + answer.scenario() + " was published for request " + publishedRequest.get();
        if (publishedRequest.get().equals(answer.requestEventId())) {
            throw new RefusedEventException(published + " with manifest sha256 " + Sha256.hex(existing.get()) + "; "
                    + answer.byEvent() + " would replace it " + replacement
                    + ", but the same request always publishes the same bytes");
        }
        Optional<Instant> publishedRequestAt = store.get(answer.scenarioPrefix() + ObjectLayout.SCENARIO_SPEC)
                .flatMap(spec -> text(spec, "created_at_utc"))
                .flatMap(PublicationGuard::instant);
        if (publishedRequestAt.isPresent()
                && !Timestamps.parseUtc(answer.runCreatedAtUtc()).isAfter(publishedRequestAt.get())) {
            throw new RefusedEventException(published + " of the run's request at "
                    + Timestamps.utc(publishedRequestAt.get()) + "; " + answer.byEvent() + " answers request "
                    + answer.requestEventId() + " of the request at " + answer.runCreatedAtUtc()
                    + ", not a later one");
        }
    }

    /** The sha256 the manifest lists for the artifact {@code name}. */
    private static Optional<String> listedSha256(byte[] manifest, String name) {
        try {
            for (JsonNode artifact : MAPPER.readTree(manifest).path("artifacts")) {
                if (name.equals(artifact.path("name").textValue())) {
                    return Optional.ofNullable(artifact.path("sha256").textValue());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> text(byte[] json, String field) {
        try {
            JsonNode value = MAPPER.readTree(json).path(field);
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
