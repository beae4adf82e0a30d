package io.scenarioops.producer.cli;

import io.scenarioops.model.InvalidInputException;
import io.scenarioops.report.RunNotFoundException;
import io.scenarioops.report.RunReportData;
import io.scenarioops.report.RunReportHtml;
import io.scenarioops.report.RunReportLoader;
import io.scenarioops.storage.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Writes a completed run's HTML report, or two runs' comparison, to a local file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a completed run's self-contained HTML report (the report.html QC keeps next to the"
                + " run's run_metadata.json, rendered again from that file) to a local file; with --against, a"
                + " comparison of two runs, scenario by scenario. Reads one object per run from the bucket."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ScenarioOpsCommand root;

    @Parameters(paramLabel = "RUN_ID", description = "The run id printed by `run`.")
    String runId;

    @Option(names = "--against", paramLabel = "OTHER_RUN_ID",
            description = "Compare RUN_ID (A) with this run (B): each KPI in A, in B, and B - A.")
    String againstRunId;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the HTML (default: report-RUN_ID.html, or report-RUN_ID-vs-OTHER_RUN_ID.html"
                    + " with --against, in the current directory).")
    Path out;

    @Override
    public Integer call() {
        String html;
        int scenarios;
        try (ObjectStore store = new ObjectStore(root.config().objectStore())) {
            RunReportData run = RunReportLoader.load(store, runId);
            if (againstRunId == null) {
                html = RunReportHtml.render(run);
                scenarios = run.scenarioCount();
            } else {
                RunReportData other = RunReportLoader.load(store, againstRunId);
                html = RunReportHtml.compare(run, other);
                scenarios = run.scenarioCount() + other.scenarioCount();
            }
        } catch (RunNotFoundException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Cli.EXIT_BAD_INPUT;
        }
        Path file = out != null ? out
                : Path.of(againstRunId == null ? "report-" + runId + ".html" : "report-" + runId + "-vs-" + againstRunId
                        + ".html");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new InvalidInputException("--out", "cannot write " + file + ": " + e);
        }
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "wrote %s (%d scenarios, %.1f KB)",
                file.toAbsolutePath().normalize(), scenarios, bytes.length / 1024.0));
        return Cli.EXIT_OK;
    }
}
