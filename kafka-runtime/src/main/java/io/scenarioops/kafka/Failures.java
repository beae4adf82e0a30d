package io.scenarioops.kafka;

import io.scenarioops.core.TransientException;
import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells failures worth waiting out from those that retrying will not change. */
public final class Failures {
    private Failures() {
    }

    /**
     * Failures of the network or of a peer (object store, database): I/O, transient SQL,
     * {@link TransientException}; never a JSON processing error.
     */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException) {
                // an IOException by inheritance, but a property of the data: retrying changes nothing
                return false;
            }
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof TransientException) {
                return true;
            }
        }
        return false;
    }
}
