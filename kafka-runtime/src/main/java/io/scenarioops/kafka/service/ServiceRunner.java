package io.scenarioops.kafka.service;

import io.scenarioops.core.config.MissingConfigurationException;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.kafka.TopicAdmin;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service as a process: configuration from the environment, topics created if missing,
 * a clean stop on SIGTERM/SIGINT, and a non-zero exit code if the service fails.
 */
public final class ServiceRunner {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_CONFIGURATION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    private ServiceRunner() {
    }

    /** For a service's {@code main}: never returns. */
    public static void runFromEnvironment(Function<ScenarioOpsConfig, Service> factory) {
        ScenarioOpsConfig config;
        try {
            config = ScenarioOpsConfig.fromEnvironment();
        } catch (MissingConfigurationException | IllegalArgumentException e) {
            System.exit(badConfiguration(e));
            return;
        }
        System.exit(run(config, factory));
    }

    /** @return the process exit code */
    public static int run(ScenarioOpsConfig config, Function<ScenarioOpsConfig, Service> factory) {
        Service service;
        try {
            TopicAdmin.ensureTopics(config.kafka());
            service = factory.apply(config);
        } catch (MissingConfigurationException | IllegalArgumentException e) {
            return badConfiguration(e);
        } catch (RuntimeException e) {
            LOG.error("cannot start: {}", e.getMessage(), e);
            return EXIT_FAILED;
        }
        return runUntilStopped(service);
    }

    private static int badConfiguration(RuntimeException e) {
        LOG.error("bad configuration: {}", e.getMessage());
        return EXIT_BAD_CONFIGURATION;
    }

    private static int runUntilStopped(Service service) {
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, service.name() + "-shutdown"));
        try {
            service.start();
            LOG.info("{} running; stop it with SIGTERM (Ctrl-C)", service.name());
            Throwable failure = service.awaitTermination();
            if (failure != null) {
                LOG.error("{} failed: {}", service.name(), failure.toString());
                return EXIT_FAILED;
            }
            return EXIT_OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILED;
        } catch (RuntimeException e) {
            LOG.error("{} could not start: {}", service.name(), e.getMessage(), e);
            return EXIT_FAILED;
        }
    }
}
