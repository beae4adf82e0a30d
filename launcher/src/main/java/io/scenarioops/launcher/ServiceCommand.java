package io.scenarioops.launcher;

import io.scenarioops.core.config.ScenarioOpsConfig;
import io.scenarioops.producer.cli.ScenarioOpsCommand;
import io.scenarioops.kafka.service.ServiceRunner;
import io.scenarioops.publisher.PublisherService;
import io.scenarioops.qc.QcService;
import io.scenarioops.solver.SolverService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Runs one pipeline service as this process, configured from the environment (as in docker-compose). */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = "Run one service until SIGTERM: solver, publisher or qc. Needs KAFKA_BOOTSTRAP_SERVERS,"
                + " S3_* for every service (the solver reads baseline files), PG_* for qc. With METRICS_PORT set it serves"
                + " /metrics (Prometheus), /health and /ready on that port; READY_MAX_OUTAGE (default 60s) is how"
                + " long an outage may be retried before /ready says so.")
final class ServiceCommand implements Callable<Integer> {
    @ParentCommand
    ScenarioOpsCommand root;

    enum Kind { solver, publisher, qc }

    @Parameters(paramLabel = "SERVICE", description = "One of: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Override
    public Integer call() {
        return ServiceRunner.run(root.config(), System.getenv(), (config, telemetry) -> switch (kind) {
            case solver -> new SolverService(config.kafka(), config.objectStore(), telemetry);
            case publisher -> new PublisherService(config.kafka(), config.objectStore(), telemetry);
            case qc -> new QcService(config, telemetry);
        });
    }
}
