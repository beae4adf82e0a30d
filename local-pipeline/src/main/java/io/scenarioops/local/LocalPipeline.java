package io.scenarioops.local;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.core.config.ServiceRole;
import io.scenarioops.kafka.TopicAdmin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scenarioops.kafka.metrics.Telemetry;
import io.scenarioops.kafka.service.OpsServer;
import io.scenarioops.kafka.service.OpsSettings;
import io.scenarioops.kafka.service.ReadinessCheck;
import io.scenarioops.kafka.service.Service;
import io.scenarioops.embedded.EmbeddedStack;
import io.scenarioops.publisher.PublisherService;
import io.scenarioops.qc.QcService;
import io.scenarioops.solver.SolverService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack plus every pipeline service, in this JVM: what {@code scenarioops demo} and
 * the end-to-end tests run. With {@value OpsSettings#METRICS_PORT} set, all the services' meters
 * (each tagged with its service) and readiness checks (each named after its service) are served on
 * that one port.
 */
public final class LocalPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);

    private final EmbeddedStack stack;
    private final List<Service> services = new ArrayList<>();
    private OpsServer opsServer;

    private LocalPipeline(EmbeddedStack stack) {
        this.stack = stack;
    }

    /** Starts the stack (embedded servers for whatever {@code config} leaves unset) and the services. */
    public static LocalPipeline start(ScenarioOpsConfig config, int solverInstances) {
        OpsSettings ops = OpsSettings.fromEnv(System.getenv());
        EmbeddedStack stack = EmbeddedStack.start(config);
        LocalPipeline pipeline = new LocalPipeline(stack);
        try {
            ScenarioOpsConfig filled = stack.config();
            TopicAdmin.ensureTopics(filled.kafka());
            PrometheusMeterRegistry registry = OpsServer.processRegistry();
            Telemetry telemetry = new Telemetry(registry, ops.maxOutage());
            List<Service> services = new ArrayList<>();
            for (int i = 0; i < solverInstances; i++) {
                services.add(new SolverService(filled.asService(ServiceRole.SOLVER).kafka(), filled.objectStore(),
                        i, telemetry));
            }
            services.add(new PublisherService(filled.asService(ServiceRole.PUBLISHER).kafka(),
                    filled.objectStore(), telemetry));
            services.add(new QcService(filled.asService(ServiceRole.QC), telemetry));
            pipeline.startSideBySide(services);
            if (ops.metricsPort().isPresent()) {
                pipeline.opsServer = OpsServer.start(ops.metricsPort().getAsInt(), registry,
                        pipeline::readinessChecks, () -> true);
            }
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /**
     * Each service's start waits for its consumer group (and QC for its schema migration); started
     * one after another those waits add up, side by side they overlap. A service whose start fails
     * is still stopped with the others, since it may hold clients.
     */
    private void startSideBySide(List<Service> toStart) {
        services.addAll(toStart);
        Map<Service, RuntimeException> failures = sideBySide("local-pipeline-start", toStart, Service::start);
        RuntimeException failure = null;
        for (Map.Entry<Service, RuntimeException> failed : failures.entrySet()) {
            if (failure == null) {
                failure = new IllegalStateException(failed.getKey().name() + " did not start: "
                        + failed.getValue().getMessage(), failed.getValue());
            } else {
                failure.addSuppressed(failed.getValue());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Runs {@code action} on every service, each on a thread of its own, and waits for all of them.
     *
     * @return each service whose action failed, with its failure, in the order of {@code targets}
     */
    private static Map<Service, RuntimeException> sideBySide(String threadName, List<Service> targets,
            Consumer<Service> action) {
        ExecutorService executor = Executors.newFixedThreadPool(targets.size(), runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Service service : targets) {
                runs.add(executor.submit(() -> action.accept(service)));
            }
            Map<Service, RuntimeException> failures = new LinkedHashMap<>();
            for (int i = 0; i < runs.size(); i++) {
                try {
                    runs.get(i).get();
                } catch (ExecutionException e) {
                    failures.put(targets.get(i), e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + threadName, e);
                }
            }
            return failures;
        } finally {
            executor.shutdown();
        }
    }

    /** Every service's checks, named {@code <service>/<check>}. */
    private List<ReadinessCheck> readinessChecks() {
        List<ReadinessCheck> checks = new ArrayList<>();
        for (Service service : services) {
            for (ReadinessCheck check : service.readinessChecks()) {
                checks.add(new ReadinessCheck(service.name() + "/" + check.name(), check.probe()));
            }
        }
        return checks;
    }

    public ScenarioOpsConfig config() {
        return stack.config();
    }

    /**
     * Stops the services side by side, then the servers. Each stop waits for its clients to close
     * and leave their groups (0.2 to 0.6 s each); one after another they held up a demo's exit for
     * the sum of them.
     */
    @Override
    public void close() {
        if (opsServer != null) {
            opsServer.close();
        }
        try {
            if (!services.isEmpty()) {
                sideBySide("local-pipeline-stop", services, Service::stop)
                        .forEach((service, failure) -> LOG.warn("error stopping {}", service.name(), failure));
            }
        } catch (IllegalStateException interrupted) {
            LOG.warn("stopping the servers without waiting for every service to stop: {}", interrupted.getMessage());
        } finally {
            services.clear();
            stack.close();
        }
    }
}
