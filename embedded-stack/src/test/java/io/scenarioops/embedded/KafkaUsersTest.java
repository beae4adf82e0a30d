package io.scenarioops.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaUsersTest {
    @TempDir
    Path dir;

    @Test
    void passwordsAreKeptPerDataDirAndDifferBetweenDataDirsAndUsers() throws IOException {
        KafkaUsers first = KafkaUsers.loadOrCreate(dir.resolve("a"));
        KafkaUsers again = KafkaUsers.loadOrCreate(dir.resolve("a"));
        KafkaUsers other = KafkaUsers.loadOrCreate(dir.resolve("b"));

        for (String user : KafkaUsers.names()) {
            assertEquals(first.jaasConfig(user), again.jaasConfig(user), user);
            assertNotEquals(first.jaasConfig(user), other.jaasConfig(user), user);
        }
        assertNotEquals(password(first, "solver"), password(first, "qc"));
        assertTrue(password(first, "admin").matches("[A-Za-z0-9_-]{32}"), password(first, "admin"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())));
    }

    @Test
    void theBrokerAcceptsEveryUserAndLogsInAsTheSuperUser() {
        KafkaUsers users = KafkaUsers.loadOrCreate(dir);
        String broker = users.brokerJaasConfig();

        assertTrue(broker.startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\""
                + " password=\"" + password(users, "admin") + "\""), broker);
        for (String user : List.of("admin", "requester", "solver", "publisher", "qc", "console")) {
            assertTrue(broker.contains(" user_" + user + "=\"" + password(users, user) + "\""), user);
        }
        assertEquals("SASL_PLAINTEXT", users.clientProperties("solver").get("security.protocol"));
        assertEquals(users.jaasConfig("solver"), users.clientProperties("solver").get("sasl.jaas.config"));
    }

    private static String password(KafkaUsers users, String user) {
        String jaas = users.jaasConfig(user);
        return jaas.substring(jaas.indexOf("password=\"") + 10, jaas.lastIndexOf('"'));
    }
}
