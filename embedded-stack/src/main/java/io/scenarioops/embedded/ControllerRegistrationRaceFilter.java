package io.scenarioops.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.NotControllerException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops the one ERROR a single node logs on most restarts of an existing data dir, and nothing
 * else.
 *
 * <p>A node that is both broker and controller sends its controller registration as soon as it
 * sees itself elected, a moment before its quorum controller takes requests. The controller then
 * answers {@code NOT_CONTROLLER} ("The active controller appears to be node 1", itself), Kafka's
 * {@code ControllerApis} logs that as an unexpected error with a stack trace, and the
 * registration manager sends it again about 0.1 s later, this time persisted. Seen in six of eight
 * {@code demo}s on an existing data dir: an ERROR on every start that needs no action teaches
 * users to ignore errors. Any other error of that logger, and this one for any other request,
 * still shows.
 */
final class ControllerRegistrationRaceFilter extends TurboFilter {

    static final String LOGGER = "kafka.server.ControllerApis";
    static final String REQUEST = "apiKey=CONTROLLER_REGISTRATION";

    private ControllerRegistrationRaceFilter() {
        setName(ControllerRegistrationRaceFilter.class.getSimpleName());
    }

    /** Adds the filter to logback's context once; does nothing under another slf4j binding. */
    static void installUnlessPresent() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        synchronized (context) {
            boolean present = context.getTurboFilterList().stream()
                    .anyMatch(filter -> filter instanceof ControllerRegistrationRaceFilter);
            if (!present) {
                ControllerRegistrationRaceFilter filter = new ControllerRegistrationRaceFilter();
                filter.start();
                context.addTurboFilter(filter);
            }
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable failure) {
        boolean race = level == Level.ERROR && LOGGER.equals(logger.getName()) && format != null
                && format.contains(REQUEST) && causedByNotController(failure);
        return race ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean causedByNotController(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotControllerException) {
                return true;
            }
        }
        return false;
    }
}
