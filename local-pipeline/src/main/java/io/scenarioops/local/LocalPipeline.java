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
            for (int i = 0; i < solverInstances; i++) {
                pipeline.startService(new SolverService(filled.asService(ServiceRole.SOLVER).kafka(), filled.objectStore(),
                        i, telemetry));
            }
            pipeline.startService(new PublisherService(filled.asService(ServiceRole.PUBLISHER).kafka(),
                    filled.objectStore(), telemetry));
            pipeline.startService(new QcService(filled.asService(ServiceRole.QC), telemetry));
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

    private void startService(Service service) {
        service.start();
        services.add(service);
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
