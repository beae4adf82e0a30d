package io.scenarioops.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletionException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ControllerRegistrationRaceFilterTest {

    /** As Kafka 4.4's ControllerApis words it, shortened. */
    private static final String REGISTRATION_FAILED = "[ControllerApis nodeId=1] Unexpected error handling request"
            + " RequestHeader(apiKey=CONTROLLER_REGISTRATION, apiVersion=0, clientId=1, correlationId=0,"
            + " headerVersion=2) -- ControllerRegistrationRequestData(controllerId=1)";
    private static final NotControllerException NOT_CONTROLLER =
            new NotControllerException("The active controller appears to be node 1.");

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<Logger> watched = List.of(logger(ControllerRegistrationRaceFilter.LOGGER),
            logger("kafka.server.BrokerServer"));

    @BeforeEach
    void watch() {
        logged.start();
        watched.forEach(logger -> logger.addAppender(logged));
    }

    @AfterEach
    void unwatch() {
        watched.forEach(logger -> logger.detachAppender(logged));
    }

    @Test
    void onlyTheRegistrationRefusedByTheNodesOwnControllerIsDropped() {
        ControllerRegistrationRaceFilter.installUnlessPresent();
        Logger controllerApis = logger(ControllerRegistrationRaceFilter.LOGGER);

        controllerApis.error(REGISTRATION_FAILED, new CompletionException(NOT_CONTROLLER));
        controllerApis.error(REGISTRATION_FAILED, new CompletionException(new TimeoutException("no answer")));
        controllerApis.error(REGISTRATION_FAILED.replace("CONTROLLER_REGISTRATION", "CREATE_TOPICS"),
                new CompletionException(NOT_CONTROLLER));
        controllerApis.warn(REGISTRATION_FAILED, new CompletionException(NOT_CONTROLLER));
        logger("kafka.server.BrokerServer").error(REGISTRATION_FAILED, new CompletionException(NOT_CONTROLLER));

        assertEquals(List.of(
                "ERROR kafka.server.ControllerApis TimeoutException",
                "ERROR kafka.server.ControllerApis NotControllerException CREATE_TOPICS",
                "WARN kafka.server.ControllerApis NotControllerException",
                "ERROR kafka.server.BrokerServer NotControllerException"),
                logged.list.stream().map(ControllerRegistrationRaceFilterTest::describe).toList());
    }

    @Test
    void installingAgainAddsNoSecondFilter() {
        ControllerRegistrationRaceFilter.installUnlessPresent();
        ControllerRegistrationRaceFilter.installUnlessPresent();

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertEquals(1, context.getTurboFilterList().stream()
                .filter(filter -> filter instanceof ControllerRegistrationRaceFilter).count());
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }

    private static String describe(ILoggingEvent event) {
        String cause = event.getThrowableProxy().getCause().getClassName();
        String request = event.getFormattedMessage().contains("CREATE_TOPICS") ? " CREATE_TOPICS" : "";
        return event.getLevel() + " " + event.getLoggerName() + " " + cause.substring(cause.lastIndexOf('.') + 1)
                + request;
    }
}
