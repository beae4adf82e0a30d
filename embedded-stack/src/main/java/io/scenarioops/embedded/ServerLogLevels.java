package io.scenarioops.embedded;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded servers' own logging at WARN unless the application configured it.
 *
 * <p>Kafka logs hundreds of INFO lines per start, and without a logback configuration logback
 * defaults to DEBUG, where S3Proxy's Jetty logs whole request bodies. A service or test that ships
 * a logback configuration naming these loggers keeps its levels: only loggers without an explicit
 * level are changed.
 */
final class ServerLogLevels {

    private static final List<String> SERVER_LOGGERS = List.of(
            "kafka",
            "org.apache.kafka",
            "state.change.logger",
            "org.gaul",
            "org.eclipse.jetty",
            "io.zonky");

    private ServerLogLevels() {
    }

    static void quietenUnlessConfigured() {
        for (String name : SERVER_LOGGERS) {
            // Another slf4j binding, if an application chose one, is left to its own configuration.
            if (LoggerFactory.getLogger(name) instanceof Logger logger && logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
