package io.scenarioops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compose files as {@code docker compose} would read them, checked without a Docker engine:
 * valid against the Compose Specification's JSON schema (vendored under
 * {@code src/test/resources/compose-spec/}), every image pinned, the broker's log on a volume, the
 * versions in step with the build. {@link ComposeServicesIT} then runs the services as compose
 * would start them.
 */
class ComposeFileTest {
    private static final Path DOCKER_COMPOSE = ComposeFile.REPOSITORY_ROOT.resolve("docker-compose.yml");
    private static final Path ENV_EXAMPLE = ComposeFile.REPOSITORY_ROOT.resolve(".env.example");
    private static final Path DOCKERFILE = ComposeFile.REPOSITORY_ROOT.resolve("Dockerfile");
    private static final Schema COMPOSE_SPEC = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
    /** A tag that names a release: at least major.minor (4.4.0, 17.11) or a MinIO release date. */
    private static final Pattern RELEASE_TAG = Pattern.compile(".*(\\d+\\.\\d+|RELEASE\\.\\d{4}-\\d{2}-\\d{2}T).*");
    private static final List<String> FLOATING_TAGS = List.of("latest", "stable", "edge", "main", "master");

    static List<Path> composeFiles() {
        return ComposeFile.allInRepository();
    }

    @ParameterizedTest
    @MethodSource("composeFiles")
    void validatesAgainstTheComposeSpecification(Path file) throws IOException {
        ComposeFile compose = ComposeFile.load(file, ComposeFile.dotEnv(ENV_EXAMPLE));
        assertEquals(List.of(), schemaProblems(compose), file + " against the Compose Specification schema");
    }

    @Test
    void aBrokenFileFailsTheSchema() throws IOException {
        // The check above can fail: a misspelt key and a condition compose does not know.
        Path broken = Files.createTempFile(Path.of("target").toAbsolutePath(), "broken-compose", ".yml");
        Files.writeString(broken, Files.readString(DOCKER_COMPOSE)
                .replace("    restart: \"no\"", "    restart: \"no\"\n    healthckeck: {}")
                .replace("condition: service_completed_successfully", "condition: service_completed"));
        try {
            List<String> problems = schemaProblems(ComposeFile.load(broken, ComposeFile.dotEnv(ENV_EXAMPLE)));
            assertTrue(problems.stream().anyMatch(p -> p.contains("healthckeck")), "problems: " + problems);
            assertTrue(problems.stream().anyMatch(p -> p.contains("/depends_on/minio-init/condition")),
                    "problems: " + problems);
        } finally {
            Files.delete(broken);
        }
    }

    @ParameterizedTest
    @MethodSource("composeFiles")
    void everyImageIsPinnedToARelease(Path file) {
        ComposeFile compose = ComposeFile.load(file, ComposeFile.dotEnv(ENV_EXAMPLE));
        List<String> unpinned = new ArrayList<>();
        compose.services().forEach((name, service) -> {
            Object image = service.get("image");
            if (image == null ? service.containsKey("build") : !isPinned(image.toString())) {
                unpinned.add(name + ": " + image);
            }
        });
        assertEquals(List.of(), unpinned, "services in " + file + " without an image pinned to a release");
    }

    @Test
    void theDockerfileBaseImagesArePinned() throws IOException {
        List<String> unpinned = Files.readAllLines(DOCKERFILE).stream()
                .filter(line -> line.startsWith("FROM "))
                .map(line -> line.split("\\s+")[1])
                .filter(image -> !isPinned(image))
                .toList();
        assertEquals(List.of(), unpinned, "unpinned base images in " + DOCKERFILE);
    }

    @Test
    void thePinCheckRefusesFloatingTags() {
        for (String floating : List.of("minio/minio", "minio/minio:latest", "postgres:17", "eclipse-temurin:17-jre",
                "localhost:5000/scenarioops", "quay.io/minio/mc:latest")) {
            assertFalse(isPinned(floating), floating);
        }
        for (String pinned : List.of("apache/kafka:4.4.0", "postgres:17.11", "localhost:5000/app:1.2.3",
                "quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z", "app@sha256:" + "a".repeat(64))) {
            assertTrue(isPinned(pinned), pinned);
        }
    }

    @Test
    void versionsFollowTheBuild() throws Exception {
        ComposeFile compose = ComposeFile.load(DOCKER_COMPOSE, ComposeFile.dotEnv(ENV_EXAMPLE));
        assertEquals("apache/kafka:" + pom("properties/kafka.version"), compose.service("kafka").get("image"),
                "the broker on the clients' version");
        String postgresBinaries = pom("properties/postgres-binaries.version");
        assertEquals("postgres:" + postgresBinaries.substring(0, postgresBinaries.lastIndexOf('.')),
                compose.service("postgres").get("image"), "PostgreSQL as in the tests (postgres-binaries.version)");
        compose.services().forEach((name, service) -> {
            if (service.containsKey("build")) {
                assertEquals("scenarioops:" + pom("version"), service.get("image"), name + ": the built image's tag");
            }
        });
    }

    @Test
    void theKafkaLogDirectoryIsOnANamedVolume() {
        ComposeFile compose = ComposeFile.load(DOCKER_COMPOSE, ComposeFile.dotEnv(ENV_EXAMPLE));
        String logDirs = compose.environment("kafka").get("KAFKA_LOG_DIRS");
        assertTrue(logDirs != null && !logDirs.isBlank(), "KAFKA_LOG_DIRS is set (the image's default is under /tmp)");
        List<ComposeFile.Mount> mounts = compose.mounts("kafka");
        for (String dir : logDirs.split(",")) {
            assertTrue(mounts.stream().anyMatch(m -> m.holds(dir) && compose.volumes().contains(m.source())),
                    dir + " lies on a named volume; mounts " + mounts + ", volumes " + compose.volumes());
        }
    }

    @Test
    void everyServiceOfTheImageReportsReadinessOnItsMetricsPort() {
        ComposeFile compose = ComposeFile.load(DOCKER_COMPOSE, ComposeFile.dotEnv(ENV_EXAMPLE));
        compose.services().forEach((name, service) -> {
            if (!service.containsKey("build") || service.containsKey("profiles")) {
                return; // not one of ours, or a one-off tool
            }
            assertTrue(compose.environment(name).getOrDefault("METRICS_PORT", "").matches("\\d+"),
                    name + ": METRICS_PORT set");
            @SuppressWarnings("unchecked")
            Map<String, Object> healthcheck = (Map<String, Object>) service.get("healthcheck");
            String test = String.valueOf(healthcheck == null ? null : healthcheck.get("test"));
            assertTrue(test.contains("${METRICS_PORT}/ready"), name + ": health check asks /ready, was " + test);
        });
    }

    @Test
    void thePasswordsMustComeFromTheEnvFile() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ComposeFile.load(DOCKER_COMPOSE, Map.of()));
        assertTrue(refused.getMessage().contains("PASSWORD is missing a value"), refused.getMessage());
    }

    @Test
    void interpolationFollowsCompose() {
        Map<String, String> variables = Map.of("SET", "value", "EMPTY", "");
        assertEquals("value|default|default||", ComposeFile.interpolate(
                "${SET:-default}|${UNSET:-default}|${EMPTY:-default}|${EMPTY-default}|${UNSET}", variables, "t"));
        assertEquals("alt||$SET|value",
                ComposeFile.interpolate("${SET:+alt}|${EMPTY:+alt}|$$SET|$SET", variables, "t"));
        assertThrows(IllegalArgumentException.class, () -> ComposeFile.interpolate("${EMPTY:?needed}", variables, "t"));
        assertEquals("", ComposeFile.interpolate("${EMPTY?needed}", variables, "t"));
        assertThrows(IllegalArgumentException.class, () -> ComposeFile.interpolate("${A:-${B}}", variables, "t"));
    }

    @Test
    void theBuildContextLeavesOutHistoryBuildOutputDataAndSecrets() throws IOException {
        List<String> ignored = Files.readAllLines(ComposeFile.REPOSITORY_ROOT.resolve(".dockerignore")).stream()
                .map(String::strip)
                .toList();
        for (String pattern : List.of(".git", "**/target", ".scenarioops", "bench/results", ".env")) {
            assertTrue(ignored.contains(pattern), ".dockerignore has " + pattern);
        }
    }

    private static List<String> schemaProblems(ComposeFile compose) throws IOException {
        String json = new ObjectMapper().writeValueAsString(compose.document());
        return COMPOSE_SPEC.validate(json, InputFormat.JSON).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    /** A digest, or a tag that names a release and does not float. */
    static boolean isPinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String tag = lastSegment.substring(colon + 1);
        return !FLOATING_TAGS.contains(tag) && RELEASE_TAG.matcher(tag).matches();
    }

    private static String pom(String path) {
        try {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(ComposeFile.REPOSITORY_ROOT.resolve("pom.xml").toFile());
            String value = XPathFactory.newInstance().newXPath().evaluate("/project/" + path, document);
            if (value.isBlank()) {
                throw new IllegalStateException("no " + path + " in the root pom.xml");
            }
            return value.strip();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + path + " from the root pom.xml", e);
        }
    }
}
