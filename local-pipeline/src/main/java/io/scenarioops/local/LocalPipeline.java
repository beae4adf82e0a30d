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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        ExecutorService starter = Executors.newFixedThreadPool(toStart.size(), runnable -> {
            Thread thread = new Thread(runnable, "local-pipeline-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (Service service : toStart) {
                services.add(service);
                starts.add(starter.submit(service::start));
            }
            RuntimeException failure = null;
            for (int i = 0; i < starts.size(); i++) {
                try {
                    starts.get(i).get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = new IllegalStateException(toStart.get(i).name() + " did not start: "
                                + cause.getMessage(), cause);
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the services were starting", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            starter.shutdown();
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

    /** Stops the services, last started first, then the servers. */
    @Override
    public void close() {
        if (opsServer != null) {
            opsServer.close();
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).stop();
            } catch (RuntimeException e) {
                LOG.warn("error stopping {}", services.get(i).name(), e);
            }
        }
        services.clear();
        stack.close();
    }
}
