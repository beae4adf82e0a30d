package io.scenarioops.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scenarioops.core.RefusedEventException;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.Knobs;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import io.scenarioops.storage.Sha256;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A published scenario's objects against answers the pipeline did not give: another solve of the
 * same request, another request of the same run time. Only a re-publication of the same solve, or
 * a later request of the run, writes at its keys. Against a real S3 server.
 */
@PipelineTest(EmbeddedStack.Component.OBJECT_STORE)
class ScenarioPublisherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
    private static final ScenarioSolver SOLVER = new ScenarioSolver(CLOCK, new BaselineFiles(key -> Optional.empty()));
    private static final Knobs DEMAND_UP_10 = new Knobs(1.1, 1.0, 1.0);

    private final ExecutorService writers = Executors.newFixedThreadPool(2);
    private ObjectStore store;
    private ScenarioPublisher publisher;
    private ScenarioRequested request;

    @BeforeEach
    void publishTheScenario(StackSlice slice) {
        store = slice.objectStore();
        publisher = new ScenarioPublisher(store, writers, CLOCK);
        String runId = "run-" + EventIds.random().substring(0, 8);
        request = ScenarioArtifactsTest.request(runId, "demand_up_10", DEMAND_UP_10, "Demand +10%", 3);
        publisher.publish(SOLVER.solve(request));
    }

    @AfterEach
    void close() {
        writers.shutdownNow();
        store.close();
    }

    private Map<String, String> objects() {
        Map<String, String> shaByKey = new LinkedHashMap<>();
        String prefix = ScenarioArtifactsTest.PREFIX.replace(ScenarioArtifactsTest.RUN_ID, request.runId());
        store.list(prefix).forEach(key -> shaByKey.put(key, Sha256.hex(store.get(key).orElseThrow())));
        return shaByKey;
    }

    /** The request with another event id and run creation time: another request of the same run. */
    private ScenarioRequested requestedAt(String runCreatedAtUtc, Knobs knobs) {
        ScenarioHeader h = request.header();
        ScenarioHeader header = new ScenarioHeader(PipelineEvent.SCHEMA_VERSION,
                EventIds.derived("requested", h.runId() + "/" + h.scenarioId() + "@" + runCreatedAtUtc + knobs),
                h.runId(), h.dt(), h.occurredAtUtc(), h.scenarioCount(), runCreatedAtUtc, h.scenarioId());
        return new ScenarioRequested(header, request.seed(), knobs, request.notes());
    }

    @Test
    void theSameSolvePublishedAgainRewritesTheSameBytes() {
        Map<String, String> before = objects();

        publisher.publish(SOLVER.solve(request));

        assertEquals(6, before.size(), before.toString());
        assertEquals(before, objects());
    }

    @Test
    void anotherSolveOfThePublishedRequestIsRefusedBeforeAnyObjectIsWritten() {
        Map<String, String> before = objects();
        // the request's ids and event id, other demand: a solved event the solver never wrote for it
        ScenarioSolved forged = SOLVER.solve(new ScenarioRequested(request.header(), request.seed(),
                new Knobs(3.0, 1.0, 1.0), request.notes()));
        String manifestKey = ScenarioArtifacts.render(forged).manifest().key();

        RefusedEventException refused = assertThrows(RefusedEventException.class, () -> publisher.publish(forged));

        assertEquals("scenario " + request.key() + " was published for request " + request.eventId()
                + "; solved event " + forged.eventId() + " answers the same request but would replace manifest.json"
                + " (sha256 " + before.get(manifestKey) + ") with sha256 "
                + Sha256.hex(ScenarioArtifacts.render(forged).manifest().content()) + ": the same request always"
                + " publishes the same bytes (a new solver or generator version gives others: request the run"
                + " again with run --run-id)", refused.getMessage());
        assertEquals(before, objects());
    }

    @Test
    void anotherRequestOfTheSameRunTimeIsRefusedAndALaterOneReplacesTheObjects() {
        Map<String, String> before = objects();
        ScenarioSolved sameTime = SOLVER.solve(requestedAt(request.runCreatedAtUtc(), new Knobs(3.0, 1.0, 1.0)));
        ScenarioSolved earlier = SOLVER.solve(requestedAt("2026-11-26T07:00:00.000000+00:00", DEMAND_UP_10));

        for (ScenarioSolved refusedSolve : new ScenarioSolved[] {sameTime, earlier}) {
            RefusedEventException refused = assertThrows(RefusedEventException.class,
                    () -> publisher.publish(refusedSolve));
            assertEquals("scenario " + request.key() + " was published for request " + request.eventId()
                    + ", made at " + request.runCreatedAtUtc() + "; solved event " + refusedSolve.eventId()
                    + " answers request " + refusedSolve.lineage().requestEventId() + ", made at "
                    + refusedSolve.runCreatedAtUtc() + ", which is not a later request of the run",
                    refused.getMessage());
        }
        assertEquals(before, objects());

        ScenarioSolved later = SOLVER.solve(requestedAt("2026-11-26T07:59:30.000000+00:00",
                new Knobs(3.0, 1.0, 1.0)));
        publisher.publish(later);

        Map<String, String> after = objects();
        assertEquals(before.keySet(), after.keySet());
        String manifestKey = ScenarioArtifacts.render(later).manifest().key();
        assertEquals(Sha256.hex(ScenarioArtifacts.render(later).manifest().content()), after.get(manifestKey));
        assertNotEquals(before.get(manifestKey), after.get(manifestKey));
    }

    /**
     * A later request's publication stopped after its spec and before its manifest (an outage, a
     * crash): the retry finds the earlier request's manifest beside the later one's spec, and
     * completes the publication.
     */
    @Test
    void aLaterRequestWhosePublicationStoppedBeforeItsManifestIsPublishedOnItsRetry() {
        ScenarioSolved later = SOLVER.solve(requestedAt("2026-11-26T07:59:30.000000+00:00",
                new Knobs(3.0, 1.0, 1.0)));
        ScenarioArtifacts.Rendered rendered = ScenarioArtifacts.render(later);
        ScenarioArtifacts.Artifact spec = rendered.artifacts().stream()
                .filter(a -> a.name().equals(ObjectLayout.SCENARIO_SPEC)).findFirst().orElseThrow();
        store.put(spec.key(), spec.content(), ObjectStore.JSON);

        publisher.publish(later);

        assertEquals(Sha256.hex(rendered.manifest().content()), objects().get(rendered.manifest().key()));
    }

    /**
     * An answer claiming a request made after the publisher's clock (beyond the allowed skew) is
     * invalid input, whatever the scenario holds: otherwise it would take the scenario's keys for
     * good, since only a later request of the run may replace it.
     */
    @Test
    void anAnswerToARequestMadeAfterThisStagesClockIsInvalidAndWritesNothing() {
        Map<String, String> before = objects();
        ScenarioSolved future = SOLVER.solve(requestedAt("2026-11-26T08:10:00.000001+00:00",
                new Knobs(3.0, 1.0, 1.0)));

        InvalidInputException invalid = assertThrows(InvalidInputException.class, () -> publisher.publish(future));

        assertEquals("run_created_at_utc: 2026-11-26T08:10:00.000001+00:00 of solved event " + future.eventId()
                + " is more than 10 minutes after this stage's clock (2026-11-26T08:00:00.000000+00:00): a run is"
                + " requested before it is solved", invalid.getMessage());
        assertEquals(before, objects());
        // at the allowed skew exactly, it is a later request of the run
        publisher.publish(SOLVER.solve(requestedAt("2026-11-26T08:10:00.000000+00:00", new Knobs(3.0, 1.0, 1.0))));
        assertNotEquals(before, objects());
    }
}
