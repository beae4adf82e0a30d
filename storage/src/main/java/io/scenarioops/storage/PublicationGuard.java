package io.scenarioops.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scenarioops.core.RefusedEventException;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.time.Timestamps;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a published scenario's objects from being replaced by an answer the pipeline did not give,
 * checked before a stage writes at the scenario's keys (the publisher its artifacts, the solver a
 * large plan's tables). The same request always gives the same bytes, so a re-delivery or a replay
 * finds them in place; a later request of the run ({@code run --run-id}) replaces an earlier
 * one's objects. Anything else, other bytes for the same request or another request of the same
 * or an earlier run time, is refused ({@link RefusedEventException}) before any object is written.
 *
 * <p>An answer's request time is that of the run's request, which was made before it was solved:
 * one later than this stage's clock by more than {@link #MAX_CLOCK_SKEW} is refused as invalid
 * input (with the stage's stand-in, so a run whose producer's clock runs ahead completes and says
 * why). Otherwise an event claiming a request far in the future would take a scenario's keys for
 * good, since only a later request of the run may replace it.
 *
 * <p>The published request's time is read from the {@code scenario_spec.json} the manifest lists,
 * checked against the sha256 listed there. A spec with other bytes was written by a publication
 * that stopped before its manifest (an outage, a crash): that publication is let through again,
 * since the refusal would leave its scenario without an answer.
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

    /** How far a producer's clock may run ahead of a stage's. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

    private final ObjectStore store;
    private final Clock clock;

    public PublicationGuard(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Before the publisher writes a scenario whose manifest will be {@code manifest}. */
    public void requireManifestReplaceable(Answer answer, byte[] manifest) {
        requireReplaceable(answer, published -> Arrays.equals(published.bytes(), manifest) ? List.of()
                : List.of("manifest.json (sha256 " + Sha256.hex(published.bytes()) + ") with sha256 "
                        + Sha256.hex(manifest)));
    }

    /**
     * Before the solver writes a plan's tables at the scenario's keys; {@code sha256ByName} (by
     * artifact name) is asked for only when the scenario is already published.
     */
    public void requireTablesReplaceable(Answer answer, Supplier<Map<String, String>> sha256ByName) {
        requireReplaceable(answer, published -> {
            List<String> replaced = new ArrayList<>();
            sha256ByName.get().forEach((name, sha256) -> {
                String listed = published.listedSha256().get(name);
                if (!sha256.equals(listed)) {
                    replaced.add(name + " (sha256 " + listed + ") with sha256 " + sha256);
                }
            });
            return replaced;
        });
    }

    /** @param replacements what the answer would write differently from the published scenario; none: the same */
    private void requireReplaceable(Answer answer, Function<Published, List<String>> replacements) {
        requireNotInTheFuture(answer);
        String manifestKey = answer.scenarioPrefix() + ObjectLayout.MANIFEST;
        // nearly every answer is a scenario's first: a HEAD that finds nothing costs about half of a
        // GET that finds nothing (0.58 against 1.06 ms of CPU, bench/probes/MissingObjectCost.java)
        if (store.size(manifestKey).isEmpty()) {
            return;
        }
        Optional<Published> existing = store.get(manifestKey).map(Published::of);
        if (existing.isEmpty()) {
            return;
        }
        Published published = existing.get();
        List<String> replaced = replacements.apply(published);
        if (replaced.isEmpty()) {
            return;
        }
        if (published.requestEventId() == null) {
            LOG.warn("the manifest at {} names no request; {} replaces it", manifestKey, answer.byEvent());
            return;
        }
        String was = "scenario " + answer.scenario() + " was published for request " + published.requestEventId();
        if (published.requestEventId().equals(answer.requestEventId())) {
            throw new RefusedEventException(was + "; " + answer.byEvent() + " answers the same request but would"
                    + " replace " + String.join(", ", replaced) + ": the same request always publishes the same"
                    + " bytes (a new solver or generator version gives others: request the run again with"
                    + " run --run-id)");
        }
        Optional<Instant> publishedAt = publishedRequestTime(answer, published);
        if (publishedAt.isPresent() && !Timestamps.parseUtc(answer.runCreatedAtUtc()).isAfter(publishedAt.get())) {
            throw new RefusedEventException(was + ", made at " + Timestamps.utc(publishedAt.get()) + "; "
                    + answer.byEvent() + " answers request " + answer.requestEventId() + ", made at "
                    + answer.runCreatedAtUtc() + ", which is not a later request of the run");
        }
    }

    private void requireNotInTheFuture(Answer answer) {
        Instant now = clock.instant();
        if (Timestamps.parseUtc(answer.runCreatedAtUtc()).isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new InvalidInputException("run_created_at_utc", answer.runCreatedAtUtc() + " of " + answer.byEvent()
                    + " is more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes after this stage's clock ("
                    + Timestamps.utc(now) + "): a run is requested before it is solved");
        }
    }

    /** The run time of the published request, from the spec the manifest lists; empty if that spec is not in place. */
    private Optional<Instant> publishedRequestTime(Answer answer, Published published) {
        String specKey = answer.scenarioPrefix() + ObjectLayout.SCENARIO_SPEC;
        Optional<byte[]> spec = store.get(specKey);
        String listed = published.listedSha256().get(ObjectLayout.SCENARIO_SPEC);
        if (spec.isEmpty() || listed == null || !listed.equals(Sha256.hex(spec.get()))) {
            LOG.warn("{} is not the spec the manifest at {} lists (a publication stopped before its manifest);"
                    + " {} replaces the scenario", specKey, answer.scenarioPrefix() + ObjectLayout.MANIFEST,
                    answer.byEvent());
            return Optional.empty();
        }
        return text(spec.get(), "created_at_utc").flatMap(PublicationGuard::instant);
    }

    /** A manifest as found: its bytes, the request it names (null if none) and each listed artifact's sha256. */
    private record Published(byte[] bytes, String requestEventId, Map<String, String> listedSha256) {
        static Published of(byte[] manifest) {
            Map<String, String> listed = new LinkedHashMap<>();
            try {
                JsonNode tree = MAPPER.readTree(manifest);
                for (JsonNode artifact : tree.path("artifacts")) {
                    listed.put(artifact.path("name").asText(), artifact.path("sha256").asText());
                }
                JsonNode request = tree.path("request_event_id");
                return new Published(manifest, request.isTextual() ? request.textValue() : null, listed);
            } catch (IOException e) {
                return new Published(manifest, null, listed);
            }
        }
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
