package io.scenarioops.producer.cli;

import io.scenarioops.core.config.Redaction;
import io.scenarioops.core.config.PostgresSettings;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.runstore.RunRecord;
import io.scenarioops.runstore.RunDatabase;
import io.scenarioops.runstore.RunQueries;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Lists the newest runs PostgreSQL knows about. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the most recent runs, newest first: created, run id, dt, scenarios, status, completed"
                + " (from PostgreSQL).")
final class RunsCommand implements Callable<Integer> {
    static final int DEFAULT_LIMIT = 20;

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScenarioOpsCommand root;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
            description = "How many runs to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new InvalidInputException("--limit", "must be at least 1, got " + limit);
        }
        PostgresSettings postgres = root.config().postgres();
        List<RunRecord> runs;
        try (RunDatabase database = RunDatabase.openExisting(postgres)) {
            runs = new RunQueries(database).recentRuns(limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (runs.isEmpty()) {
            out.println("no runs in " + Redaction.url(postgres.jdbcUrl()));
            return Cli.EXIT_OK;
        }
        List<List<String>> rows = runs.stream()
                .map(run -> List.of(
                        run.createdAtUtc(),
                        run.runId(),
                        run.dt(),
                        Integer.toString(run.scenarioCount()),
                        run.status(),
                        StatusCommand.orNone(run.completedAtUtc())))
                .toList();
        StatusCommand.printTable(out, List.of("CREATED", "RUN_ID", "DT", "SCENARIOS", "STATUS", "COMPLETED"),
                rows, Set.of(3));
        return Cli.EXIT_OK;
    }
}
