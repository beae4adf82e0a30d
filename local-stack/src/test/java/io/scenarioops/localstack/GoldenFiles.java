package io.scenarioops.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's golden reference files ({@code shared/reference/}, beside the repository), found by
 * walking up from the working directory, so the tests run from the module, the repository root or
 * an IDE alike. (common's {@code SeedReference} is not published as a test-jar, so local-stack
 * cannot use it.)
 */
final class GoldenFiles {
    static final String DEFAULT_RUN_KPIS = "seed7_default_run_kpis.json";
    static final String BASELINE_SUMMARY = "seed7_baseline_summary.json";

    private static final String MARKER = "SEED_MODEL.md";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenFiles() {
    }

    static Path dir() {
        Path start = Path.of("").toAbsolutePath();
        for (Path ancestor = start; ancestor != null; ancestor = ancestor.getParent()) {
            Path candidate = ancestor.resolve("shared").resolve("reference");
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return candidate;
            }
        }
        throw new IllegalStateException("golden files not found: no shared/reference/" + MARKER + " in " + start
                + " or any directory above it");
    }

    static byte[] bytes(String fileName) {
        Path file = dir().resolve(fileName);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + file, e);
        }
    }

    static JsonNode json(String fileName) {
        try {
            return MAPPER.readTree(bytes(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("golden file " + fileName + " is not JSON", e);
        }
    }

    /** The seed's default run (seed 7), one entry per scenario id, in the file's order. */
    static Map<String, JsonNode> defaultRunByScenario() {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode scenario : json(DEFAULT_RUN_KPIS)) {
            byId.put(scenario.get("scenario_id").asText(), scenario);
        }
        if (byId.isEmpty()) {
            throw new IllegalStateException(DEFAULT_RUN_KPIS + " lists no scenarios");
        }
        return byId;
    }
}
