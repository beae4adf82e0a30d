package io.scenarioops.embedded;

import io.scenarioops.core.config.ServiceRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The SASL/PLAIN users of the secure embedded broker and their passwords: {@value #ADMIN}, the
 * super user the stack itself administers the broker with; {@value #REQUESTER}, who publishes run
 * requests (the command line); and one per {@link ServiceRole}.
 *
 * <p>Passwords are generated at random for each data dir on its first secure start and kept in
 * {@code <dataDir>/kafka/users.properties} (readable by its owner only), so a restart on the same
 * data dir lets the same clients in, and no two stacks share a password.
 */
public final class KafkaUsers {
    public static final String ADMIN = "admin";
    public static final String REQUESTER = "requester";
    public static final String MECHANISM = "PLAIN";
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    private static final String FILE_NAME = "users.properties";
    private static final int PASSWORD_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords;
    private final Path file;

    private KafkaUsers(Map<String, String> passwords, Path file) {
        this.passwords = Collections.unmodifiableMap(passwords);
        this.file = file;
    }

    /** Every user name: the super user, the run requester, then the services. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of(ADMIN, REQUESTER));
        for (ServiceRole role : ServiceRole.values()) {
            names.add(role.id());
        }
        return names;
    }

    /** The users of {@code kafkaHome}: the passwords kept there, generated for any user missing. */
    static KafkaUsers loadOrCreate(Path kafkaHome) {
        Path file = kafkaHome.resolve(FILE_NAME);
        try {
            Files.createDirectories(kafkaHome);
            Properties kept = new Properties();
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    kept.load(in);
                }
            }
            Map<String, String> passwords = new LinkedHashMap<>();
            boolean generated = false;
            for (String user : names()) {
                String password = kept.getProperty(user);
                if (password == null || password.isBlank()) {
                    password = newPassword();
                    kept.setProperty(user, password);
                    generated = true;
                }
                passwords.put(user, password);
            }
            if (generated) {
                write(kept, file);
            }
            return new KafkaUsers(passwords, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Kafka users' passwords in " + file, e);
        }
    }

    /** Where the passwords are kept. */
    public Path file() {
        return file;
    }

    /** The client settings that log {@code user} in: security protocol, mechanism and JAAS config. */
    public Map<String, String> clientProperties(String user) {
        return Map.of("security.protocol", SECURITY_PROTOCOL, "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaasConfig(user));
    }

    /** {@code sasl.jaas.config} for {@code user}. */
    public String jaasConfig(String user) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password(user) + "\";";
    }

    /** The broker's side: it logs in to itself as {@link #ADMIN} and accepts every user. */
    String brokerJaasConfig() {
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"" + ADMIN + "\" password=\"" + password(ADMIN) + "\"");
        passwords.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password)
                .append('"'));
        return jaas.append(';').toString();
    }

    private String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user + "; users: " + passwords.keySet());
        }
        return password;
    }

    /** URL-safe Base64: nothing that needs quoting in a JAAS string or a shell's single quotes. */
    private static String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Properties passwords, Path file) throws IOException {
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        OwnerOnlyFiles.writeProperties(passwords, temporary,
                "SASL/PLAIN passwords of the secure embedded Kafka; generated once per data dir");
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
