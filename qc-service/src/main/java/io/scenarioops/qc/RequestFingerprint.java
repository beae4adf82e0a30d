package io.scenarioops.qc;

import io.scenarioops.model.Knobs;
import io.scenarioops.model.ScenarioInputs;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.storage.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a request fixed about its scenario and every later event of the scenario repeats: the
 * seed, the knobs, the solver's name and the inputs (instance, baseline file, planning
 * parameters), each as a short digest. QC keeps the request's beside its event id, so a published
 * event that names the right request but carries other knobs is refused, with the fields named.
 */
record RequestFingerprint(String seed, String knobs, String solver, String inputs) {
    private static final int DIGEST_HEX_CHARS = 16;
    private static final String SEPARATOR = ":";

    static RequestFingerprint of(long seed, Knobs knobs, String solver, ScenarioInputs inputs) {
        // the fields as the events carry them on the wire, so a new build's records read the same
        return new RequestFingerprint(digest(Long.toString(seed)), digest(SeedJson.writeString(knobs)),
                digest(solver), digest(SeedJson.writeString(inputs)));
    }

    /** The fields of {@code other} that are not this request's, in the order of the events' fields. */
    List<String> differingFields(RequestFingerprint other) {
        List<String> differing = new ArrayList<>();
        if (!seed.equals(other.seed)) {
            differing.add("seed");
        }
        if (!knobs.equals(other.knobs)) {
            differing.add("knobs");
        }
        if (!solver.equals(other.solver)) {
            differing.add("solver");
        }
        if (!inputs.equals(other.inputs)) {
            differing.add("inputs");
        }
        return differing;
    }

    String encode() {
        return String.join(SEPARATOR, seed, knobs, solver, inputs);
    }

    static Optional<RequestFingerprint> decode(String encoded) {
        String[] parts = encoded.split(SEPARATOR, -1);
        return parts.length == 4 ? Optional.of(new RequestFingerprint(parts[0], parts[1], parts[2], parts[3]))
                : Optional.empty();
    }

    private static String digest(String value) {
        return Sha256.hex(value.getBytes(StandardCharsets.UTF_8)).substring(0, DIGEST_HEX_CHARS);
    }
}
