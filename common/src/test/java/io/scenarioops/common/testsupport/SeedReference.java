package io.scenarioops.common.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The seed's golden reference files ({@code shared/reference/}, a sibling of the repository),
 * found by walking up from the working directory so that tests run from the module, the
 * repository root or an IDE alike.
 */
public final class SeedReference {

    private static final String MARKER = "SEED_MODEL.md";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SeedReference() {
    }

    public static Path dir() {
        Path start = Path.of("").toAbsolutePath();
        // Checking <ancestor>/shared/reference for every ancestor also covers
        // <ancestor>/../shared/reference, which is the next ancestor's check.
        for (Path ancestor = start; ancestor != null; ancestor = ancestor.getParent()) {
            Path candidate = ancestor.resolve("shared").resolve("reference");
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return candidate;
            }
        }
        throw new IllegalStateException("seed reference files not found: no shared/reference/" + MARKER
                + " in " + start + " or any directory above it");
    }

    public static JsonNode read(String fileName) {
        Path file = dir().resolve(fileName);
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed reference file " + file, e);
        }
    }

    public static byte[] bytes(String fileName) {
        Path file = dir().resolve(fileName);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed reference file " + file, e);
        }
    }
}
