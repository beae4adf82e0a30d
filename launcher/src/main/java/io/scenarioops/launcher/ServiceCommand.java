package io.scenarioops.launcher;

import io.scenarioops.core.config.ServiceRole;
import io.scenarioops.console.ConsoleServer;
import io.scenarioops.console.ConsoleSettings;
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
        description = "Run one service until SIGTERM: solver, publisher, qc or console. Needs KAFKA_BOOTSTRAP_SERVERS,"
                + " S3_* for every service (the solver reads baseline files), PG_* for qc and console; KAFKA_* client"
                + " settings, the service's own SOLVER_KAFKA_*, PUBLISHER_KAFKA_*, QC_KAFKA_* or CONSOLE_KAFKA_* winning;"
                + " the console listens on CONSOLE_HOST:CONSOLE_PORT (default 127.0.0.1:8080). With METRICS_PORT set"
                + " it serves /metrics (Prometheus), /health and /ready on that port; READY_MAX_OUTAGE (default 60s)"
                + " is how long an outage may be retried before /ready says so.")
final class ServiceCommand implements Callable<Integer> {
    @ParentCommand
    ScenarioOpsCommand root;

    enum Kind {
        solver(ServiceRole.SOLVER), publisher(ServiceRole.PUBLISHER), qc(ServiceRole.QC), console(ServiceRole.CONSOLE);

        final ServiceRole role;

        Kind(ServiceRole role) {
            this.role = role;
        }
    }

    @Parameters(paramLabel = "SERVICE", description = "One of: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Override
    public Integer call() {
        // the service's own SOLVER_KAFKA_* (etc.) settings, its principal, win over the shared ones
        return ServiceRunner.run(root.config().asService(kind.role), System.getenv(),
                (config, telemetry) -> switch (kind) {
                    case solver -> new SolverService(config.kafka(), config.objectStore(), telemetry);
                    case publisher -> new PublisherService(config.kafka(), config.objectStore(), telemetry);
                    case qc -> new QcService(config, telemetry);
                    case console -> new ConsoleServer(config, ConsoleSettings.fromEnv(System.getenv()));
        });
    }
}
