package io.scenarioops.embedded;

import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link EmbeddedPostgresTest}: starts PostgreSQL on the data dir given
 * as the only argument, prints {@value #READY} and waits to be killed.
 */
public final class PostgresHolder {

    static final String READY = "postgres-holder-ready";

    private PostgresHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgres.start(Path.of(args[0]), EmbeddedPostgres.ANY_FREE_PORT);
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
