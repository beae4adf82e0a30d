package io.scenarioops.kafka.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scenarioops.core.config.MissingConfigurationException;
import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.kafka.TopicAdmin;
import io.scenarioops.kafka.metrics.Telemetry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service as a process: configuration from the environment, topics created if missing,
 * metrics and health served on {@value OpsSettings#METRICS_PORT} when it is set, a clean stop on
 * SIGTERM/SIGINT, and a non-zero exit code if the service fails.
 */
public final class ServiceRunner {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_CONFIGURATION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    /** Makes the service with its configuration and where its meters go. */
    @FunctionalInterface
    public interface ServiceFactory {
        Service create(ScenarioOpsConfig config, Telemetry telemetry);
    }

    private ServiceRunner() {
    }

    /** For a service's {@code main}: never returns. */
    public static void runFromEnvironment(ServiceFactory factory) {
        ScenarioOpsConfig config;
        try {
            config = ScenarioOpsConfig.fromEnvironment();
        } catch (MissingConfigurationException | IllegalArgumentException e) {
            System.exit(badConfiguration(e));
            return;
        }
        System.exit(run(config, System.getenv(), factory));
    }

    /**
     * @param env where the {@link OpsSettings} come from
     * @return the process exit code
     */
    public static int run(ScenarioOpsConfig config, Map<String, String> env, ServiceFactory factory) {
        PrometheusMeterRegistry registry = OpsServer.processRegistry();
        OpsSettings ops;
        Service service;
        try {
            ops = OpsSettings.fromEnv(env);
            TopicAdmin.ensureTopics(config.kafka());
            service = factory.create(config, new Telemetry(registry, ops.maxOutage()));
        } catch (MissingConfigurationException | IllegalArgumentException e) {
            return badConfiguration(e);
        } catch (RuntimeException e) {
            LOG.error("cannot start: {}", e.getMessage(), e);
            return EXIT_FAILED;
        }
        return runUntilStopped(service, registry, ops);
    }

    private static int badConfiguration(RuntimeException e) {
        LOG.error("bad configuration: {}", e.getMessage());
        return EXIT_BAD_CONFIGURATION;
    }

    private static int runUntilStopped(Service service, PrometheusMeterRegistry registry, OpsSettings ops) {
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, service.name() + "-shutdown"));
        OpsServer opsServer = null;
        AtomicBoolean terminated = new AtomicBoolean();
        try {
            if (ops.metricsPort().isPresent()) {
                opsServer = OpsServer.start(ops.metricsPort().getAsInt(), registry, service::readinessChecks,
                        () -> !terminated.get());
            }
            service.start();
            LOG.info("{} running; stop it with SIGTERM (Ctrl-C)", service.name());
            Throwable failure = service.awaitTermination();
            terminated.set(true);
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
        } finally {
            if (opsServer != null) {
                opsServer.close();
            }
        }
    }
}
