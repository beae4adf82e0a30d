package io.scenarioops.producer.cli;

import io.scenarioops.core.config.Redaction;
import io.scenarioops.core.config.PostgresSettings;
import io.scenarioops.runstore.RunRecord;
import io.scenarioops.runstore.RunStatus;
import io.scenarioops.runstore.RunDatabase;
import io.scenarioops.runstore.RunQueries;
import io.scenarioops.runstore.ScenarioRecord;
import io.scenarioops.runstore.ScenarioStatus;
import io.scenarioops.model.SolverComparison;
import io.scenarioops.model.time.Timestamps;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Shows one run as PostgreSQL has it: the run's row and one line per recorded scenario. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a run's status and, per scenario, the solver, QC verdict, failed checks, total cost and the"
                + " UTC times it was requested, solved, published and checked (from PostgreSQL); then what lp-v1"
                + " saved against toy-v1 for each pair of scenarios with the same knobs.")
final class StatusCommand implements Callable<Integer> {
    static final String NONE = "-";
    private static final DateTimeFormatter STAGE_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScenarioOpsCommand root;

    @Parameters(paramLabel = "RUN_ID", description = "The run id printed by `run`.")
    String runId;

    @Override
    public Integer call() {
        PostgresSettings postgres = root.config().postgres();
        Optional<RunStatus> found;
        try (RunDatabase database = RunDatabase.openExisting(postgres)) {
            found = new RunQueries(database).findRun(runId);
        }
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("error: no run " + runId + " in " + Redaction.url(postgres.jdbcUrl()));
            return Cli.EXIT_BAD_INPUT;
        }
        print(spec.commandLine().getOut(), found.get());
        return Cli.EXIT_OK;
    }

    static void print(PrintWriter out, RunStatus status) {
        RunRecord run = status.run();
        String recorded = status.scenarios().size() == run.scenarioCount()
                ? "" : " (" + status.scenarios().size() + " recorded)";
        out.println("run " + run.runId()
                + "  dt " + run.dt()
                + "  created " + run.createdAtUtc()
                + "  " + run.scenarioCount() + (run.scenarioCount() == 1 ? " scenario" : " scenarios") + recorded
                + "  status " + run.status()
                + "  completed " + orNone(run.completedAtUtc())
                + "  run_metadata " + orNone(run.runMetadataKey()));
        List<List<String>> rows = new ArrayList<>();
        for (ScenarioStatus scenarioStatus : status.scenarios()) {
            ScenarioRecord s = scenarioStatus.scenario();
            rows.add(List.of(
                    s.scenarioId(),
                    s.solver(),
                    s.verdict(),
                    s.failedChecks().isEmpty() ? NONE : String.join(",", s.failedChecks()),
                    s.kpiTotal() == null ? NONE : String.format(Locale.ROOT, "%.2f", s.kpiTotal().totalCost()),
                    stageTime(s.requestedAtUtc()),
                    stageTime(s.solvedAtUtc()),
                    stageTime(s.publishedAtUtc()),
                    stageTime(s.checkedAtUtc())));
        }
        printTable(out, List.of("SCENARIO", "SOLVER", "VERDICT", "FAILED_CHECKS", "TOTAL_COST", "REQUESTED", "SOLVED",
                "PUBLISHED", "CHECKED"), rows, Set.of(4));
        printComparison(out, status.scenarios());
    }

    /** One line per lp-v1 scenario that has a toy-v1 twin with the same knobs. */
    private static void printComparison(PrintWriter out, List<ScenarioStatus> scenarios) {
        List<SolverComparison.Pair> pairs = SolverComparison.pairs(scenarios.stream().map(ScenarioStatus::scenario)
                .map(s -> new SolverComparison.Scenario(s.scenarioId(), s.solver(), s.knobs(),
                        s.kpiTotal() == null ? null : s.kpiTotal().totalCost()))
                .toList());
        for (SolverComparison.Pair pair : pairs) {
            out.println(String.format(Locale.ROOT, "lp-v1 %s %.2f vs toy-v1 %s %.2f (same knobs): saving %.2f (%.2f%%)",
                    pair.lpScenarioId(), pair.lpTotalCost(), pair.toyScenarioId(), pair.toyTotalCost(), pair.saving(),
                    pair.savingPercent()));
        }
    }

    /** {@code HH:mm:ss.SSS} in UTC, or {@value #NONE}. */
    static String stageTime(String utc) {
        return utc == null ? NONE : STAGE_TIME.format(Timestamps.parseUtc(utc));
    }

    static String orNone(String value) {
        return value == null ? NONE : value;
    }

    /**
     * Columns separated by two spaces and padded to their widest cell; the columns in
     * {@code rightAligned} (numbers) are right-aligned. No trailing blanks.
     */
    static void printTable(PrintWriter out, List<String> headers, List<List<String>> rows, Set<Integer> rightAligned) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(headers);
        lines.addAll(rows);
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                if (c > 0) {
                    text.append("  ");
                }
                String cell = line.get(c);
                String pad = " ".repeat(widths[c] - cell.length());
                text.append(rightAligned.contains(c) ? pad + cell : cell + pad);
            }
            out.println(text.toString().stripTrailing());
        }
    }
}
