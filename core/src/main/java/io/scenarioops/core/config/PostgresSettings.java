package io.scenarioops.core.config;

import java.util.Objects;

/** JDBC coordinates of the run-metadata database. */
public record PostgresSettings(String jdbcUrl, String user, String password) {
    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
    }

    /** The password, also one in the URL, never reaches logs or error messages. */
    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + Redaction.url(jdbcUrl) + ", user=" + user + "]";
    }
}
