package io.scenarioops.embedded;

import java.nio.file.Path;

/**
 * Run in a separate JVM by the PostgreSQL tests: starts PostgreSQL on the data dir given as the
 * first argument (with the binary cache under the second, if given, else the user's), prints
 * {@value #READY} and waits to be killed.
 */
public final class PostgresHolder {

    static final String READY = "postgres-holder-ready";

    private PostgresHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        PostgresBinaryCache cache = args.length > 1 ? PostgresBinaryCache.under(Path.of(args[1])) : PostgresBinaryCache.userCache();
        EmbeddedPostgres.start(Path.of(args[0]), EmbeddedPostgres.ANY_FREE_PORT, cache);
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
