package io.scenarioops.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's golden reference files, shipped in this module under {@code reference/} (see its
 * README for where each value comes from). Read from the classpath, so that tests run the same from
 * a fresh clone, the repository root or an IDE.
 */
public final class GoldenFiles {
    public static final String RNG_VECTORS = "rng_vectors.json";
    public static final String BASELINE_SUMMARY = "seed7_baseline_summary.json";
    public static final String DEFAULT_RUN_KPIS = "seed7_default_run_kpis.json";
    public static final String LP_V1_REFERENCE = "lp_v1_reference.json";
    public static final String EXAMPLE_BASELINE = "example_baseline.json";

    private static final String DIRECTORY = "reference/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenFiles() {
    }

    public static byte[] bytes(String fileName) {
        try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(DIRECTORY + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + DIRECTORY + fileName + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + fileName, e);
        }
    }

    public static JsonNode read(String fileName) {
        try {
            return MAPPER.readTree(bytes(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("golden file " + fileName + " is not JSON", e);
        }
    }

    /** The seed's default run (seed 7), one entry per scenario id, in the file's order. */
    public static Map<String, JsonNode> defaultRunByScenario() {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode scenario : read(DEFAULT_RUN_KPIS)) {
            byId.put(scenario.get("scenario_id").asText(), scenario);
        }
        if (byId.isEmpty()) {
            throw new IllegalStateException(DEFAULT_RUN_KPIS + " lists no scenarios");
        }
        return byId;
    }
}
