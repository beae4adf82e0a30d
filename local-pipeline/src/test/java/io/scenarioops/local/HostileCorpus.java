package io.scenarioops.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.events.EventCodec;
import io.scenarioops.events.EventIds;
import io.scenarioops.events.PipelineEvent;
import io.scenarioops.events.ScenarioEvent;
import io.scenarioops.events.ScenarioPublished;
import io.scenarioops.events.ScenarioRequested;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.TopicCatalog;
import io.scenarioops.publisher.ScenarioPublisher;
import io.scenarioops.solver.ScenarioSolver;
import io.scenarioops.storage.ObjectLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Hostile records for the three scenario topics, made from valid encoded events by mutations whose
 * outcome is known by construction: each record says what the pipeline must do with it
 * ({@link Fate}). Seeded, so a failing case can be reproduced by its id.
 */
final class HostileCorpus {
    /** What the pipeline must do with a hostile record. */
    enum Fate {
        /** Unreadable or refused by the first stage that reads it: a dead letter whose source is this record. */
        DEAD_LETTERED,
        /**
         * Readable, but claims a completed run with facts its request contradicts: solved (the solver
         * does not know runs), then QC refuses the request itself, and the answer is refused too: by
         * the publisher when it would replace a scenario the victim published, else by QC.
         */
        REQUEST_REFUSED_BY_QC,
        /**
         * A readable solved event claiming a completed run it contradicts, at keys the victim did not
         * publish (another date, another scenario): published, then QC refuses its published answer.
         */
        ANSWER_REFUSED_BY_QC,
        /** A valid request of a new one-scenario run: it must simply pass. */
        RUN_PASSES
    }

    /**
     * @param answerEventId for a readable request or solved event, the event id of the answer that
     *     is dead-lettered: the solved event the publisher refuses, or the published event QC refuses
     */
    record Hostile(String caseId, String topic, byte[] key, byte[] value, Fate fate, String answerEventId,
            String runId) {
    }

    /** Valid events the mutations start from; the victim's are those of a completed run. */
    record Bases(List<ScenarioRequested> requests, List<ScenarioSolved> solved, List<ScenarioPublished> published,
            List<ScenarioRequested> victimRequests, List<ScenarioSolved> victimSolved,
            List<ScenarioPublished> victimPublished) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The first of the real calendar dates other than the victim's: valid, but not the victim
     * run's. Each contradiction takes a date and an intruder id of its own, so that no two hostile
     * answers are written at the same keys, where the first would make the publisher refuse the next.
     */
    private static final LocalDate OTHER_DT = LocalDate.parse("2020-01-01");
    private static final int HUGE_BYTES = 2 * 1024 * 1024;
    private static final String RAW = "@@raw@@";

    /** A mutation guaranteed to make any scenario event unreadable: its name and how many per topic. */
    private record Breakage(String name, int copies, boolean victimOnly, Function<Target, Encoded> apply) {
        Breakage(String name, int copies, Function<Target, Encoded> apply) {
            this(name, copies, false, apply);
        }
    }

    /** The event being broken: its tree (a copy), its key, the others of its topic for wrong keys. */
    private record Target(ObjectNode tree, String key, List<String> otherKeys) {
    }

    /** A key and value as they go on the wire; a null key is a record without one. */
    private record Encoded(byte[] key, byte[] value) {
    }

    private final Random random;
    private int contradictions;
    private final TopicCatalog topics;
    private final Bases bases;
    private final List<Breakage> breakages = List.of(
            new Breakage("truncated", 8, this::truncated),
            new Breakage("malformed-json", 8, this::malformed),
            new Breakage("not-utf8", 8, this::notUtf8),
            new Breakage("wrong-type", 8, this::wrongType),
            new Breakage("missing-field", 8, this::missingField),
            new Breakage("unknown-field", 8, this::unknownField),
            new Breakage("unknown-schema-version", 8, this::unknownSchemaVersion),
            new Breakage("bad-knob", 8, this::badKnob),
            new Breakage("impossible-date", 8, this::impossibleDate),
            new Breakage("control-character", 8, this::controlCharacter),
            new Breakage("path-or-long-id", 8, this::pathOrLongId),
            new Breakage("key-disagrees", 8, this::keyDisagrees),
            new Breakage("count-lie-max-int", 2, true, this::countLieMaxInt),
            new Breakage("huge-gzipped", 2, this::huge));

    HostileCorpus(long seed, TopicCatalog topics, Bases bases) {
        this.random = new Random(seed);
        this.topics = topics;
        this.bases = bases;
    }

    /** Every breakage on every topic, then the readable events that claim the victim run, then new runs. */
    List<Hostile> generate() {
        List<Hostile> corpus = new ArrayList<>();
        for (Breakage breakage : breakages) {
            for (int copy = 0; copy < breakage.copies(); copy++) {
                boolean victim = breakage.victimOnly();
                corpus.add(broken(breakage, topics.scenarioRequested().name(),
                        pick(victim ? bases.victimRequests() : bases.requests()), copy));
                corpus.add(broken(breakage, topics.scenarioSolved().name(),
                        pick(victim ? bases.victimSolved() : bases.solved()), copy));
                corpus.add(broken(breakage, topics.scenarioPublished().name(),
                        pick(victim ? bases.victimPublished() : bases.published()), copy));
            }
        }
        for (int i = 0; i < 8; i++) {
            corpus.add(requestClaimingTheVictim(i));
            corpus.add(solvedClaimingTheVictim(i));
            corpus.add(publishedClaimingTheVictim(i));
            corpus.add(publishedPointingAtTheVictim(i));
        }
        for (int i = 0; i < 3; i++) {
            corpus.add(victimSolvedWithOtherResults(i));
            corpus.add(victimPublishedWithOtherKnobs(i));
            corpus.add(victimSolvedOfAFutureRequest(i));
        }
        for (int i = 0; i < 3; i++) {
            corpus.add(newRun(i));
        }
        return corpus;
    }

    private <E extends ScenarioEvent> E pick(List<E> events) {
        return events.get(random.nextInt(events.size()));
    }

    private Hostile broken(Breakage breakage, String topic, ScenarioEvent base, int copy) {
        List<String> otherKeys = keysOf(topic).stream().filter(k -> !k.equals(base.key())).toList();
        Encoded encoded = breakage.apply().apply(new Target(tree(base), base.key(), otherKeys));
        String caseId = breakage.name() + "/" + shortName(topic) + "/" + copy;
        return new Hostile(caseId, topic, encoded.key(), encoded.value(), Fate.DEAD_LETTERED, null, base.runId());
    }

    private List<String> keysOf(String topic) {
        List<? extends ScenarioEvent> events = topic.equals(topics.scenarioRequested().name()) ? bases.requests()
                : topic.equals(topics.scenarioSolved().name()) ? bases.solved() : bases.published();
        return events.stream().map(ScenarioEvent::key).distinct().toList();
    }

    private String shortName(String topic) {
        return topic.substring(topics.prefix().length());
    }

    // ------------------------------------------------------------------ breakages (never readable)

    /** The document closes only at its last byte: every proper prefix is incomplete JSON. */
    private Encoded truncated(Target target) {
        byte[] value = bytes(target.tree());
        return new Encoded(utf8(target.key()), java.util.Arrays.copyOf(value, 1 + random.nextInt(value.length - 1)));
    }

    private Encoded malformed(Target target) {
        String json = text(target.tree());
        String broken = switch (random.nextInt(5)) {
            case 0 -> json.substring(0, json.length() - 1) + ",}";                 // trailing comma
            case 1 -> json + "}";                                                // trailing token
            case 2 -> "'" + json.substring(1);                                   // starts with a quote
            case 3 -> json.replaceFirst("\"schema_version\"", "schema_version"); // unquoted field name
            default -> json.replaceFirst(":", "=");                              // no colon after the first field
        };
        return new Encoded(utf8(target.key()), utf8(broken));
    }

    /** 0xFF never occurs in UTF-8, and 0xED 0xA0 0x80 encodes a surrogate, which UTF-8 forbids. */
    private Encoded notUtf8(Target target) {
        byte[] value = bytes(target.tree());
        byte[] bad = random.nextBoolean() ? new byte[] {(byte) 0xFF} : new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        int at = random.nextInt(value.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(value, 0, at);
        out.write(bad, 0, bad.length);
        out.write(value, at, value.length - at);
        return new Encoded(utf8(target.key()), out.toByteArray());
    }

    /** Text where a number, object or null belongs, a number where text belongs: no field accepts both. */
    private Encoded wrongType(Target target) {
        ObjectNode tree = target.tree();
        String field = randomField(tree);
        if (tree.get(field).isTextual()) {
            tree.put(field, 7);
        } else {
            tree.put(field, "7");
        }
        return new Encoded(utf8(target.key()), bytes(tree));
    }

    /** Every field of a scenario event is required, and so is each knob. */
    private Encoded missingField(Target target) {
        ObjectNode tree = target.tree();
        if (random.nextInt(4) == 0) {
            ((ObjectNode) tree.get("knobs")).remove(randomField((ObjectNode) tree.get("knobs")));
        } else {
            tree.remove(randomField(tree));
        }
        return new Encoded(utf8(target.key()), bytes(tree));
    }

    private Encoded unknownField(Target target) {
        ObjectNode tree = target.tree();
        ObjectNode where = random.nextBoolean() ? tree : (ObjectNode) tree.get("knobs");
        where.put("x_" + Integer.toString(random.nextInt(1 << 20), 36), random.nextInt(100));
        return new Encoded(utf8(target.key()), bytes(tree));
    }

    private Encoded unknownSchemaVersion(Target target) {
        ObjectNode tree = target.tree();
        switch (random.nextInt(7)) {
            case 0 -> tree.put("schema_version", 0);
            case 1 -> tree.put("schema_version", PipelineEvent.SCHEMA_VERSION + 1 + random.nextInt(100));
            case 2 -> tree.put("schema_version", -1);
            case 3 -> tree.put("schema_version", 4_294_967_297L);                 // 1 if read as an int
            case 4 -> tree.put("schema_version", 1.5);
            case 5 -> tree.put("schema_version", "1");
            default -> tree.putNull("schema_version");
        }
        return new Encoded(utf8(target.key()), bytes(tree));
    }

    /** Knobs are finite numbers within [0, 100]; NaN and the infinities are not even JSON. */
    private Encoded badKnob(Target target) {
        ObjectNode tree = target.tree();
        ObjectNode knobs = (ObjectNode) tree.get("knobs");
        String knob = randomField(knobs);
        String[] raw = {"NaN", "Infinity", "-Infinity", "-0.5", "-1e-9", "100.0001", "1e308", "-1e308", "\"1.0\""};
        knobs.put(knob, RAW);
        String json = text(tree).replace("\"" + RAW + "\"", raw[random.nextInt(raw.length)]);
        return new Encoded(utf8(target.key()), utf8(json));
    }

    private Encoded impossibleDate(Target target) {
        ObjectNode tree = target.tree();
        if (random.nextBoolean()) {
            String[] dates = {"2026-02-30", "2026-02-29", "2025-13-01", "2026-00-10", "2026-2-3", "0000-00-00", ""};
            tree.put("dt", dates[random.nextInt(dates.length)]);
        } else {
            List<String> stamps = fieldNames(tree).stream().filter(name -> name.endsWith("_utc")).toList();
            String[] times = {"yesterday", "2026-02-30T00:00:00.000000+00:00", "2026-01-01T24:00:01Z",
                "2026-01-01T00:00:00", "2026-01-01 00:00:00+00:00", "", "now"};
            tree.put(stamps.get(random.nextInt(stamps.size())), times[random.nextInt(times.length)]);
        }
        return new Encoded(utf8(target.key()), bytes(tree));
    }

    /** NUL, ESC and the other C0 controls and DEL: in a value or in a field name. */
    private Encoded controlCharacter(Target target) {
        ObjectNode tree = target.tree();
        char[] controls = {'\u0000', '\u001b', '\u0007', '\u0008', '\u001f', '\u007f'};
        char control = controls[random.nextInt(controls.length)];
        List<String> texts = fieldNames(tree).stream().filter(name -> tree.get(name).isTextual()).toList();
        if (random.nextInt(4) == 0) {
            String name = randomField(tree);
            JsonNode value = tree.remove(name);
            tree.set(insert(name, control), value);
        } else {
            String name = texts.get(random.nextInt(texts.size()));
            tree.put(name, insert(tree.get(name).textValue(), control));
        }
        return new Encoded(utf8(target.key()), bytes(tree));
    }

    /** Ids that would climb out of their prefix, or are too long; the key agrees with them. */
    private Encoded pathOrLongId(Target target) {
        ObjectNode tree = target.tree();
        String field = random.nextBoolean() ? "run_id" : "scenario_id";
        String[] ids = {"../" + tree.get(field).textValue(), "..", ".", "a/../../b", "x".repeat(200),
            "run id", "%2e%2e", "runs/dt=2020-01-01"};
        tree.put(field, ids[random.nextInt(ids.length)]);
        return new Encoded(utf8(tree.get("run_id").textValue() + "/" + tree.get("scenario_id").textValue()),
                bytes(tree));
    }

    /** A readable value under a key that is not its own (another scenario's, none, not UTF-8, padded). */
    private Encoded keyDisagrees(Target target) {
        byte[] value = bytes(target.tree());
        byte[] key = switch (random.nextInt(5)) {
            case 0 -> utf8(target.otherKeys().get(random.nextInt(target.otherKeys().size())));
            case 1 -> null;
            case 2 -> new byte[] {(byte) 0xFF, (byte) 0xFE};
            case 3 -> utf8(target.key() + " ");
            default -> utf8(target.key().substring(0, target.key().indexOf('/')));
        };
        return new Encoded(key, value);
    }

    /** A run has at most 10,000 scenarios. */
    private Encoded countLieMaxInt(Target target) {
        ObjectNode tree = target.tree();
        tree.put("scenario_count", Integer.MAX_VALUE);
        return new Encoded(utf8(target.key()), bytes(tree));
    }

    /** 2 MiB of padding in the notes or an extra field: over the 1 MiB an event may have, and sent gzipped. */
    private Encoded huge(Target target) {
        ObjectNode tree = target.tree();
        tree.put(tree.has("notes") ? "notes" : "padding", "a".repeat(HUGE_BYTES));
        return new Encoded(utf8(target.key()), bytes(tree));
    }

    // ------------------------------------------------------------------ readable events claiming the victim

    /**
     * A new request for the victim run that its request contradicts: more scenarios than it has,
     * another date, a scenario it never had, or one of its scenarios requested again.
     */
    private Hostile requestClaimingTheVictim(int index) {
        ScenarioRequested base = pick(bases.victimRequests());
        String eventId = EventIds.random();
        ObjectNode tree = tree(base);
        tree.put("event_id", eventId);
        String lie = contradiction(tree, index, true);
        if (lie.equals("same-scenario-again")) {
            ((ObjectNode) tree.get("knobs")).put("demand_scale", 1.5 + index / 10.0);
        }
        String solvedId = EventIds.derived(ScenarioSolver.STAGE, eventId);
        String answer = atVictimsKeys(lie) ? solvedId : EventIds.derived(ScenarioPublisher.STAGE, solvedId);
        return new Hostile("victim-request/" + lie + "/" + index, topics.scenarioRequested().name(), keyOf(tree),
                bytes(tree), Fate.REQUEST_REFUSED_BY_QC, answer, base.runId());
    }

    /**
     * Lies that keep the victim scenario's date and id, so the answer would be written at the keys
     * of a scenario published for another request, or for the same one with other bytes.
     */
    private static boolean atVictimsKeys(String lie) {
        return List.of("count-lie", "other-request", "same-scenario-again").contains(lie);
    }

    private Hostile solvedClaimingTheVictim(int index) {
        ScenarioSolved base = pick(bases.victimSolved());
        String eventId = EventIds.random();
        ObjectNode tree = tree(base);
        tree.put("event_id", eventId);
        String lie = contradiction(tree, index, false);
        if (atVictimsKeys(lie)) {
            return new Hostile("victim-solved/" + lie + "/" + index, topics.scenarioSolved().name(), keyOf(tree),
                    bytes(tree), Fate.DEAD_LETTERED, null, base.runId());
        }
        return new Hostile("victim-solved/" + lie + "/" + index, topics.scenarioSolved().name(), keyOf(tree),
                bytes(tree), Fate.ANSWER_REFUSED_BY_QC, EventIds.derived(ScenarioPublisher.STAGE, eventId),
                base.runId());
    }

    /** The victim's own published event with one fact changed that its run's request contradicts. */
    private Hostile publishedClaimingTheVictim(int index) {
        ScenarioPublished base = pick(bases.victimPublished());
        ObjectNode tree = tree(base);
        tree.put("event_id", EventIds.random());
        String lie = contradiction(tree, index, false);
        ownPointers(tree);
        return new Hostile("victim-published/" + lie + "/" + index, topics.scenarioPublished().name(), keyOf(tree),
                bytes(tree), Fate.DEAD_LETTERED, null, base.runId());
    }

    /**
     * The victim's own solved event, every id kept, with another total cost: the publisher finds
     * the scenario published for the same request with other bytes, and refuses it.
     */
    private Hostile victimSolvedWithOtherResults(int index) {
        ScenarioSolved base = pick(bases.victimSolved());
        ObjectNode tree = tree(base);
        ((ObjectNode) tree.get("kpi_total")).put("total_cost", 1.0 + index);
        return new Hostile("victim-solved/other-results/" + index, topics.scenarioSolved().name(), keyOf(tree),
                bytes(tree), Fate.DEAD_LETTERED, null, base.runId());
    }

    /**
     * A victim solved event claiming a request of the run made in the future, which would otherwise
     * pass for a later request of the run and take the scenario's keys: the publisher refuses it as
     * invalid input (its stand-in answers a request QC never sees, and waits there).
     */
    private Hostile victimSolvedOfAFutureRequest(int index) {
        ScenarioSolved base = pick(bases.victimSolved());
        ObjectNode tree = tree(base);
        tree.put("event_id", EventIds.random());
        tree.put("request_event_id", EventIds.random());
        tree.put("run_created_at_utc", (2099 + index) + "-01-01T00:00:00.000000+00:00");
        ((ObjectNode) tree.get("kpi_total")).put("total_cost", 42.0);
        return new Hostile("victim-solved/future-request/" + index, topics.scenarioSolved().name(), keyOf(tree),
                bytes(tree), Fate.DEAD_LETTERED, null, base.runId());
    }

    /**
     * The victim's own published event, every id kept, with knobs its request did not choose: QC
     * refuses it, naming the knobs.
     */
    private Hostile victimPublishedWithOtherKnobs(int index) {
        ScenarioPublished base = pick(bases.victimPublished());
        ObjectNode tree = tree(base);
        ((ObjectNode) tree.get("knobs")).put("demand_scale", 2.0 + index / 10.0);
        return new Hostile("victim-published/other-knobs/" + index, topics.scenarioPublished().name(), keyOf(tree),
                bytes(tree), Fate.DEAD_LETTERED, null, base.runId());
    }

    /**
     * Changes one fact of a victim event that the victim's request contradicts; {@code sameScenario}
     * allows asking for one of its scenarios again (with other knobs, which the caller sets).
     */
    private String contradiction(ObjectNode tree, int index, boolean sameScenario) {
        int unique = contradictions++;
        int kinds = sameScenario ? 4 : 3;
        switch (index % kinds) {
            case 0 -> {
                tree.put("scenario_count", bases.victimRequests().size() + 1);
                return "count-lie";
            }
            case 1 -> {
                tree.put("dt", OTHER_DT.plusDays(unique).toString());
                return "other-dt";
            }
            case 2 -> {
                if (tree.has("request_event_id") && random.nextBoolean()) {
                    tree.put("request_event_id", EventIds.random());
                    return "other-request";
                }
                tree.put("scenario_id", "intruder_" + unique);
                return "unrequested-scenario";
            }
            default -> {
                return "same-scenario-again";
            }
        }
    }

    /** A published event of any run whose artifact prefix or manifest key names objects not its own. */
    private Hostile publishedPointingAtTheVictim(int index) {
        ScenarioPublished victim = pick(bases.victimPublished());
        ScenarioPublished base = index % 2 == 0 ? pick(bases.published()) : pick(bases.victimPublished());
        ObjectNode tree = tree(base);
        tree.put("event_id", EventIds.random());
        String[] forged = {victim.artifactPrefix(), victim.manifestKey(),
            ObjectLayout.runMetadataKey(victim.dt(), victim.runId()), "../" + victim.manifestKey(),
            "runs/dt=" + victim.dt() + "/run_id=" + victim.runId() + "/", "smoketest/manifest.json"};
        String field = random.nextBoolean() ? "artifact_prefix" : "manifest_key";
        String pointer = forged[random.nextInt(forged.length)];
        if (pointer.equals(tree.get(field).textValue())) {
            pointer = "other/" + pointer;
        }
        tree.put(field, pointer);
        return new Hostile("forged-pointer/" + field + "/" + index, topics.scenarioPublished().name(), keyOf(tree),
                bytes(tree), Fate.DEAD_LETTERED, null, base.runId());
    }

    /** The published event's pointers as its (changed) ids derive them, so that only the claim is refused. */
    private static void ownPointers(ObjectNode tree) {
        String dt = tree.get("dt").textValue();
        String runId = tree.get("run_id").textValue();
        String scenarioId = tree.get("scenario_id").textValue();
        tree.put("artifact_prefix", ObjectLayout.scenarioPrefix(dt, runId, scenarioId));
        tree.put("manifest_key", ObjectLayout.manifestKey(dt, runId, scenarioId));
    }

    /** A valid request of a run nobody asked for: one scenario, non-ASCII notes, other knobs. */
    private Hostile newRun(int index) {
        ScenarioRequested base = pick(bases.requests());
        String runId = "newcomer-" + index + "-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        ObjectNode tree = tree(base);
        String eventId = EventIds.random();
        tree.put("event_id", eventId);
        tree.put("run_id", runId);
        tree.put("scenario_count", 1);
        tree.put("notes", "Zürich — 東京 — \uD83D\uDE80 " + index);
        ((ObjectNode) tree.get("knobs")).put("demand_scale", 0.5 + index / 4.0);
        String answer = EventIds.derived(ScenarioPublisher.STAGE, EventIds.derived(ScenarioSolver.STAGE, eventId));
        return new Hostile("new-run/" + index, topics.scenarioRequested().name(), keyOf(tree), bytes(tree),
                Fate.RUN_PASSES, answer, runId);
    }

    // ------------------------------------------------------------------ helpers

    private String randomField(ObjectNode tree) {
        List<String> names = fieldNames(tree);
        return names.get(random.nextInt(names.size()));
    }

    private static List<String> fieldNames(ObjectNode tree) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private String insert(String text, char control) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + control + text.substring(at);
    }

    private static byte[] keyOf(ObjectNode tree) {
        return utf8(tree.get("run_id").textValue() + "/" + tree.get("scenario_id").textValue());
    }

    @SuppressWarnings("unchecked")
    private static ObjectNode tree(ScenarioEvent event) {
        EventCodec<ScenarioEvent> codec = (EventCodec<ScenarioEvent>) codecOf(event);
        try {
            return (ObjectNode) JSON.readTree(codec.encode(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EventCodec<? extends ScenarioEvent> codecOf(ScenarioEvent event) {
        if (event instanceof ScenarioRequested) {
            return EventCodec.SCENARIO_REQUESTED;
        }
        return event instanceof ScenarioSolved ? EventCodec.SCENARIO_SOLVED : EventCodec.SCENARIO_PUBLISHED;
    }

    private static String text(JsonNode tree) {
        return tree.toString();
    }

    private static byte[] bytes(JsonNode tree) {
        return utf8(text(tree));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    static Map<Fate, Long> countByFate(List<Hostile> corpus) {
        return corpus.stream().collect(java.util.stream.Collectors.groupingBy(Hostile::fate,
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }
}
