package io.scenarioops.qc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.ScenarioHeader;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.SolvedLineage;
import io.scenarioops.events.StageFailure;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.ProductionRow;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.storage.BaselineFiles;
import io.scenarioops.storage.Manifest;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.Sha256;
import io.scenarioops.model.time.Timestamps;
import io.scenarioops.publisher.ScenarioArtifacts;
import io.scenarioops.publisher.ScenarioPublisher;
import io.scenarioops.solver.ScenarioSolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Real published scenarios for QC tests, made without a broker or a bucket: a
 * {@link ScenarioRequested} as the producer writes it, solved by the real {@link ScenarioSolver},
 * rendered by the real {@link ScenarioArtifacts}, kept as a map of object key to bytes (the five
 * artifacts and the manifest), and announced by the {@link ScenarioPublished} event that
 * {@link ScenarioPublisher} would send for it.
 *
 * <p>{@link Published} also tampers with a scenario: change an artifact's bytes behind the
 * manifest's back, or rewrite an artifact together with its manifest entry (and the manifest's
 * sha256 in the event), so that integrity holds but the numbers are wrong.
 */
final class PublishedScenarios {
    static final long SEED = 7;
    static final Instant RUN_CREATED_AT = Instant.parse("2024-05-17T09:30:00.123456Z");
    static final Instant SOLVED_AT = RUN_CREATED_AT.plusSeconds(1);
    static final Instant PUBLISHED_AT = RUN_CREATED_AT.plusSeconds(2);
    static final Instant CHECKED_AT = RUN_CREATED_AT.plusSeconds(3);
    static final String DT = "2024-05-17";

    /** The seed's three default scenarios. */
    static final Definition BASELINE = new Definition("baseline", new Knobs(1.0, 1.0, 1.0), "No changes");
    static final Definition DEMAND_UP_10 = new Definition("demand_up_10", new Knobs(1.1, 1.0, 1.0), "Demand +10%");
    static final Definition COSTS_UP_10 = new Definition("costs_up_10", new Knobs(1.0, 1.1, 1.1),
            "Variable +10%, Logistics +10%");
    static final List<Definition> SEED_SCENARIOS = List.of(BASELINE, DEMAND_UP_10, COSTS_UP_10);

    /** Reads what the store holds: snake_case, as the services write it. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private PublishedScenarios() {
    }

    record Definition(String scenarioId, Knobs knobs, String notes) {
    }

    static Published publish(String runId, Definition scenario, int scenarioCount) {
        return publish(runId, scenario.scenarioId(), SEED, scenario.knobs(), scenario.notes(), scenarioCount);
    }

    /** Request, solve, render and announce one scenario, exactly as the pipeline's stages do. */
    static Published publish(String runId, String scenarioId, long seed, Knobs knobs, String notes,
            int scenarioCount) {
        return publish(request(runId, scenarioId, seed, knobs, notes, scenarioCount), Map.of());
    }

    /**
     * One lp-v1 scenario on {@code inputs}; {@code baselineFile}, when given, is in the bucket at
     * its content address (and {@code inputs} should name it).
     */
    static Published publishLp(String runId, String scenarioId, Knobs knobs, ScenarioInputs inputs,
            Map<String, byte[]> bucketObjects) {
        return publishWith("lp-v1", runId, scenarioId, knobs, inputs, bucketObjects);
    }

    /** The same with the solver named. */
    static Published publishWith(String solver, String runId, String scenarioId, Knobs knobs, ScenarioInputs inputs,
            Map<String, byte[]> bucketObjects) {
        ScenarioRequested seedRequest = request(runId, scenarioId, SEED, knobs, "lp", 1);
        return publish(new ScenarioRequested(seedRequest.header(), SEED, knobs, "lp", solver, inputs), bucketObjects);
    }

    private static Published publish(ScenarioRequested request, Map<String, byte[]> bucketObjects) {
        ScenarioSolved solved = new ScenarioSolver(Clock.fixed(SOLVED_AT, ZoneOffset.UTC),
                new BaselineFiles(key -> Optional.ofNullable(bucketObjects.get(key)))).solve(request);
        ScenarioArtifacts.Rendered rendered = ScenarioArtifacts.render(solved);
        Map<String, byte[]> objects = new LinkedHashMap<>(bucketObjects);
        for (ScenarioArtifacts.Artifact artifact : rendered.artifacts()) {
            objects.put(artifact.key(), artifact.content());
        }
        ScenarioArtifacts.Artifact manifest = rendered.manifest();
        objects.put(manifest.key(), manifest.content());
        ScenarioPublished event = ScenarioPublished.of(solved, publishedHeader(solved), rendered.scenarioPrefix(),
                manifest.key(), Sha256.hex(manifest.content()));
        return new Published(solved, event, objects);
    }

    /** The run's seed scenarios, published. */
    static List<Published> seedRun(String runId) {
        return SEED_SCENARIOS.stream().map(s -> publish(runId, s, SEED_SCENARIOS.size())).toList();
    }

    /** A scenario the solver could not solve, as the publisher passes it on: no manifest, the failure named. */
    static ScenarioPublished failedUpstream(String runId, String scenarioId, int scenarioCount, String reason) {
        ScenarioSolved solved = new ScenarioSolver(Clock.fixed(SOLVED_AT, ZoneOffset.UTC), new BaselineFiles(key -> Optional.empty()))
                .failed(request(runId, scenarioId, SEED, Knobs.NEUTRAL, "", scenarioCount), reason);
        return ScenarioPublished.failed(solved, publishedHeader(solved),
                ObjectLayout.scenarioPrefix(solved.dt(), solved.runId(), solved.scenarioId()), solved.failure());
    }

    /** As the producer's run plan writes it. */
    static ScenarioRequested request(String runId, String scenarioId, long seed, Knobs knobs, String notes,
            int scenarioCount) {
        String createdAt = Timestamps.utc(RUN_CREATED_AT);
        ScenarioHeader header = new ScenarioHeader(PipelineEvent.SCHEMA_VERSION,
                EventIds.derived("requested", runId + "/" + scenarioId), runId, Timestamps.dt(RUN_CREATED_AT),
                createdAt, scenarioCount, createdAt, scenarioId);
        return new ScenarioRequested(header, seed, knobs, notes);
    }

    /** The header {@code ScenarioPublisher} answers with; it needs a real object store, so it is mirrored here. */
    private static ScenarioHeader publishedHeader(ScenarioSolved solved) {
        return solved.header().next(EventIds.derived(ScenarioPublisher.STAGE, solved.eventId()),
                Timestamps.utc(PUBLISHED_AT));
    }

    /** The same event announcing another manifest sha256. */
    static ScenarioPublished withManifestSha256(ScenarioPublished e, String sha256) {
        return new ScenarioPublished(e.header(), e.seed(), e.knobs(), e.lineage(), e.generator(), e.solver(),
                e.inputs(), e.artifactPrefix(), e.manifestKey(), sha256, e.failure());
    }

    /** The same event, same ids, carrying other knobs than its request chose. */
    static ScenarioPublished withKnobs(ScenarioPublished e, Knobs knobs) {
        return new ScenarioPublished(e.header(), e.seed(), knobs, e.lineage(), e.generator(), e.solver(),
                e.inputs(), e.artifactPrefix(), e.manifestKey(), e.manifestSha256(), e.failure());
    }

    /** The same event, same ids, turned into a stand-in: no manifest, a failure named. */
    static ScenarioPublished asFailure(ScenarioPublished e, String reason) {
        return new ScenarioPublished(e.header(), e.seed(), e.knobs(), e.lineage(), e.generator(), e.solver(),
                e.inputs(), e.artifactPrefix(), null, null, new StageFailure(ScenarioPublisher.STAGE, reason));
    }

    /** The same event re-sent later, as after a replay: same event id, another publish time. */
    static ScenarioPublished republishedAt(ScenarioPublished e, Instant publishedAt) {
        return new ScenarioPublished(e.header().next(e.eventId(), Timestamps.utc(publishedAt)), e.seed(), e.knobs(),
                e.lineage(), e.generator(), e.solver(), e.inputs(), e.artifactPrefix(), e.manifestKey(),
                e.manifestSha256(), e.failure());
    }

    /** The same event claiming another scenario count. */
    static ScenarioPublished withScenarioCount(ScenarioPublished e, int scenarioCount) {
        ScenarioHeader h = e.header();
        return withHeader(e, new ScenarioHeader(h.schemaVersion(), EventIds.random(), h.runId(), h.dt(),
                h.occurredAtUtc(), scenarioCount, h.runCreatedAtUtc(), h.scenarioId()));
    }

    /** The same scenario claiming to be another run's, its object keys moved along (as the layout derives them). */
    static ScenarioPublished inRun(ScenarioPublished e, String runId) {
        ScenarioHeader h = e.header();
        ScenarioPublished moved = withHeader(e, new ScenarioHeader(h.schemaVersion(), EventIds.random(), runId, h.dt(),
                h.occurredAtUtc(), h.scenarioCount(), h.runCreatedAtUtc(), h.scenarioId()));
        return withObjectKeys(moved, ObjectLayout.scenarioPrefix(e.dt(), runId, e.scenarioId()),
                ObjectLayout.manifestKey(e.dt(), runId, e.scenarioId()), moved.eventId());
    }

    /** The same event announcing other object keys. */
    static ScenarioPublished withObjectKeys(ScenarioPublished e, String artifactPrefix, String manifestKey) {
        return withObjectKeys(e, artifactPrefix, manifestKey, EventIds.random());
    }

    private static ScenarioPublished withObjectKeys(ScenarioPublished e, String artifactPrefix, String manifestKey,
            String eventId) {
        return new ScenarioPublished(e.header().next(eventId, e.occurredAtUtc()), e.seed(), e.knobs(), e.lineage(),
                e.generator(), e.solver(), e.inputs(), artifactPrefix, manifestKey, e.manifestSha256(), e.failure());
    }

    private static ScenarioPublished withHeader(ScenarioPublished e, ScenarioHeader header) {
        return new ScenarioPublished(header, e.seed(), e.knobs(), e.lineage(), e.generator(), e.solver(),
                e.inputs(), e.artifactPrefix(), e.manifestKey(), e.manifestSha256(), e.failure());
    }

    /**
     * A failed-upstream event as another scenario of the same run would carry it, with the ids
     * the producer and the solver derive for that scenario.
     */
    static ScenarioPublished asScenario(ScenarioPublished e, String scenarioId) {
        String requestEventId = request(e.runId(), scenarioId, e.seed(), e.knobs(), "", e.scenarioCount()).eventId();
        ScenarioHeader h = e.header();
        ScenarioHeader header = new ScenarioHeader(h.schemaVersion(),
                EventIds.derived("published", e.runId() + "/" + scenarioId), h.runId(), h.dt(), h.occurredAtUtc(),
                h.scenarioCount(), h.runCreatedAtUtc(), scenarioId);
        SolvedLineage l = e.lineage();
        return new ScenarioPublished(header, e.seed(), e.knobs(),
                new SolvedLineage(requestEventId, l.solvedEventId(), l.requestedAtUtc(), l.solvedAtUtc()),
                e.generator(), e.solver(), e.inputs(), ObjectLayout.scenarioPrefix(e.dt(), e.runId(), scenarioId),
                null, null, e.failure());
    }

    /** The objects of several published scenarios in one "bucket". */
    static ArtifactSource bucket(List<Published> scenarios) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        scenarios.forEach(p -> all.putAll(p.objects()));
        return key -> Optional.ofNullable(all.get(key));
    }

    /** The row with one numeric field (snake_case name) set to another value. */
    static ProductionRow withField(ProductionRow row, String field, double value) {
        ObjectNode node = MAPPER.valueToTree(row);
        if (!node.has(field)) {
            throw new IllegalArgumentException("no field " + field + " in " + row);
        }
        node.put(field, value);
        try {
            return MAPPER.treeToValue(node, ProductionRow.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The row moved to another period (the order and every number unchanged). */
    static ProductionRow inPeriod(ProductionRow row, int period) {
        ObjectNode node = MAPPER.valueToTree(row);
        node.put("period", period);
        try {
            return MAPPER.treeToValue(node, ProductionRow.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** One published scenario: the solved event, the announcing event and the objects in the store. Immutable. */
    static final class Published {
        private final ScenarioSolved solved;
        private final ScenarioPublished event;
        private final Map<String, byte[]> objects;

        private Published(ScenarioSolved solved, ScenarioPublished event, Map<String, byte[]> objects) {
            this.solved = solved;
            this.event = event;
            this.objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
        }

        ScenarioSolved solved() {
            return solved;
        }

        ScenarioPublished event() {
            return event;
        }

        Map<String, byte[]> objects() {
            return objects;
        }

        ArtifactSource source() {
            return key -> Optional.ofNullable(objects.get(key));
        }

        String key(String artifact) {
            return event.artifactPrefix() + artifact;
        }

        byte[] bytes(String artifact) {
            return objects.get(key(artifact));
        }

        byte[] manifestBytes() {
            return objects.get(event.manifestKey());
        }

        Manifest manifest() {
            return read(manifestBytes(), Manifest.class);
        }

        KpiTotal kpiTotal() {
            return read(bytes(ObjectLayout.KPI_TOTAL), KpiTotal.class);
        }

        KpiCostBreakdown kpiCostBreakdown() {
            return read(bytes(ObjectLayout.KPI_COST_BREAKDOWN), KpiCostBreakdown.class);
        }

        List<ProductionRow> factProduction() {
            try {
                return List.of(MAPPER.readValue(bytes(ObjectLayout.FACT_PRODUCTION), ProductionRow[].class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode json(String artifact) {
            try {
                return MAPPER.readTree(bytes(artifact));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        // ---- tampering behind the manifest's back

        /** The artifact's bytes replaced; the manifest and the event still describe the original. */
        Published withArtifactBytes(String artifact, byte[] content) {
            Map<String, byte[]> copy = new LinkedHashMap<>(objects);
            copy.put(key(artifact), content);
            return new Published(solved, event, copy);
        }

        /** Any object of the bucket, such as a baseline file, replaced. */
        Published withObject(String key, byte[] content) {
            Map<String, byte[]> copy = new LinkedHashMap<>(objects);
            copy.put(key, content);
            return new Published(solved, event, copy);
        }

        Published without(String key) {
            Map<String, byte[]> copy = new LinkedHashMap<>(objects);
            if (copy.remove(key) == null) {
                throw new IllegalArgumentException("no object " + key);
            }
            return new Published(solved, event, copy);
        }

        Published withoutArtifact(String artifact) {
            return without(key(artifact));
        }

        Published withoutManifest() {
            return without(event.manifestKey());
        }

        Published withEvent(ScenarioPublished replacement) {
            return new Published(solved, replacement, objects);
        }

        // ---- consistent rewrites: integrity holds, the content is wrong

        /** The manifest replaced by these bytes, and the event announcing their sha256. */
        Published withManifestBytes(byte[] manifest) {
            Map<String, byte[]> copy = new LinkedHashMap<>(objects);
            copy.put(event.manifestKey(), manifest);
            return new Published(solved, withManifestSha256(event, Sha256.hex(manifest)), copy);
        }

        Published withManifest(Manifest manifest) {
            return withManifestBytes(SeedJson.write(manifest));
        }

        /** The manifest with its entries edited (for example one dropped or moved). */
        Published withManifestEntries(UnaryOperator<List<Manifest.Artifact>> edit) {
            Manifest m = manifest();
            List<Manifest.Artifact> entries = edit.apply(new ArrayList<>(m.artifacts()));
            return withManifest(new Manifest(m.manifestVersion(), m.runId(), m.dt(), m.scenarioId(), m.seed(),
                    m.knobs(), m.requestEventId(), m.solvedEventId(), m.generator(), m.solver(), m.inputs(), entries));
        }

        /** The artifact rewritten AND its manifest entry updated, and the event announcing the new manifest. */
        Published rewritten(String artifact, byte[] content) {
            Published withContent = withArtifactBytes(artifact, content);
            return withContent.withManifestEntries(entries -> entries.stream()
                    .map(a -> a.name().equals(artifact)
                            ? new Manifest.Artifact(a.name(), a.key(), content.length, Sha256.hex(content))
                            : a)
                    .toList());
        }

        /** Rewrites a JSON artifact as the seed writes JSON. */
        Published rewrittenAsSeedJson(String artifact, Object value) {
            return rewritten(artifact, SeedJson.write(value));
        }

        Published rewrittenKpiTotal(UnaryOperator<KpiTotal> edit) {
            return rewrittenAsSeedJson(ObjectLayout.KPI_TOTAL, edit.apply(kpiTotal()));
        }

        Published rewrittenKpiCostBreakdown(UnaryOperator<KpiCostBreakdown> edit) {
            return rewrittenAsSeedJson(ObjectLayout.KPI_COST_BREAKDOWN, edit.apply(kpiCostBreakdown()));
        }

        Published rewrittenFactProduction(UnaryOperator<List<ProductionRow>> edit) {
            return rewrittenAsSeedJson(ObjectLayout.FACT_PRODUCTION, edit.apply(new ArrayList<>(factProduction())));
        }

        /** For edits the model types cannot express, such as a number written as a string. */
        Published rewrittenJson(String artifact, UnaryOperator<JsonNode> edit) {
            return rewrittenAsSeedJson(artifact, edit.apply(json(artifact).deepCopy()));
        }

        Published rewrittenJsonObject(String artifact, java.util.function.Consumer<ObjectNode> edit) {
            return rewrittenJson(artifact, node -> {
                edit.accept((ObjectNode) node);
                return node;
            });
        }

        Published rewrittenJsonRows(java.util.function.Consumer<ArrayNode> edit) {
            return rewrittenJson(ObjectLayout.FACT_PRODUCTION, node -> {
                edit.accept((ArrayNode) node);
                return node;
            });
        }

        private static <T> T read(byte[] bytes, Class<T> type) {
            try {
                return MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
