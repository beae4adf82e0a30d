package io.scenarioops.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioOpsConfigTest {
    private static final Map<String, String> S3 = Map.of(
            ScenarioOpsConfig.S3_ENDPOINT, "http://minio:9000",
            ScenarioOpsConfig.S3_ACCESS_KEY, "minio",
            ScenarioOpsConfig.S3_SECRET_KEY, "minio12345");
    private static final Map<String, String> PG = Map.of(
            ScenarioOpsConfig.PG_URL, "jdbc:postgresql://postgres:5432/scenarioops",
            ScenarioOpsConfig.PG_USER, "scenarioops",
            ScenarioOpsConfig.PG_PASSWORD, "pg-secret");

    @Test
    void withoutEndpointsTheEmbeddedServersDefaultCredentialsApply() {
        ScenarioOpsConfig config = ScenarioOpsConfig.fromEnv(Map.of());

        assertEquals(Optional.empty(), config.s3Endpoint());
        assertEquals("scenarioops", config.s3AccessKey());
        assertEquals("scenarioops-secret", config.s3SecretKey());
        assertEquals(Optional.empty(), config.pgUrl());
        assertEquals("postgres", config.pgUser());
        assertEquals("postgres", config.pgPassword());
    }

    @Test
    void endpointsWithTheirCredentialsAreTakenAsSet() {
        Map<String, String> env = new HashMap<>(S3);
        env.putAll(PG);

        ScenarioOpsConfig config = ScenarioOpsConfig.fromEnv(env);

        assertEquals(new ObjectStoreSettings("http://minio:9000", "minio", "minio12345", "scenarioops"),
                config.objectStore());
        assertEquals(new PostgresSettings("jdbc:postgresql://postgres:5432/scenarioops", "scenarioops", "pg-secret"),
                config.postgres());
    }

    @ParameterizedTest(name = "{1} unset")
    @CsvSource({
        "S3_ENDPOINT, S3_ACCESS_KEY",
        "S3_ENDPOINT, S3_SECRET_KEY",
        "PG_URL, PG_USER",
        "PG_URL, PG_PASSWORD",
    })
    void anEndpointWithoutItsCredentialIsAConfigurationErrorNamingIt(String endpoint, String missing) {
        Map<String, String> env = new HashMap<>(S3);
        env.putAll(PG);
        env.put(missing, "  ");

        MissingConfigurationException error = assertThrows(MissingConfigurationException.class,
                () -> ScenarioOpsConfig.fromEnv(env));

        assertEquals(missing, error.variable());
        assertEquals("environment variable " + missing + " is not set; it is required when " + endpoint
                + " is set (the default credentials are only for the embedded servers)", error.getMessage());
    }

    @Test
    void credentialsInThePgUrlDoNotStandInForPgUserAndPgPassword() {
        MissingConfigurationException error = assertThrows(MissingConfigurationException.class,
                () -> ScenarioOpsConfig.fromEnv(Map.of(ScenarioOpsConfig.PG_URL,
                        "jdbc:postgresql://db/runs?user=ops&password=s3cret")));

        assertEquals("PG_USER", error.variable());
        assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
    }

    @Test
    void noSecretReachesToString() {
        Map<String, String> env = new HashMap<>(S3);
        env.putAll(PG);
        env.put(ScenarioOpsConfig.S3_ENDPOINT, "http://minio:minio12345@minio:9000");
        env.put(ScenarioOpsConfig.PG_URL, "jdbc:postgresql://postgres/scenarioops?password=url-secret");
        ScenarioOpsConfig config = ScenarioOpsConfig.fromEnv(env);

        for (String shown : new String[] {config.toString(), config.objectStore().toString(),
                config.postgres().toString()}) {
            assertFalse(shown.contains("minio12345") || shown.contains("url-secret") || shown.contains("pg-secret"),
                    shown);
        }
        assertTrue(config.toString().contains("s3=http://***@minio:9000"), config.toString());
        assertTrue(config.toString().contains("pg=jdbc:postgresql://postgres/scenarioops?password=***"),
                config.toString());
    }
}
