package io.scenarioops.console;

import static io.scenarioops.console.Html.amount;
import static io.scenarioops.console.Html.escape;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.report.RunNotFoundException;
import io.scenarioops.runstore.RunRecord;
import io.scenarioops.runstore.RunStatus;
import io.scenarioops.runstore.ScenarioRecord;
import io.scenarioops.runstore.ScenarioStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's pages, rendered on the server: the runs, a run (its progress while in flight, then
 * its report), the form for a new run and the comparison of two runs. The only script is the run
 * page's: it fetches the run's live part again every second until the run is through.
 */
final class ConsolePages {
    private static final int LISTED_RUNS = 100;
    /** Replaces the live part with a newer rendering until it says the run is through: no page reload. */
    private static final String LIVE_SCRIPT = """
            <script>
            (function poll() {
              const live = document.getElementById('live');
              if (!live || live.dataset.running !== 'true') return;
              setTimeout(() => fetch(live.dataset.src, {cache: 'no-store'})
                .then(r => r.ok ? r.text() : Promise.reject(r.status))
                .then(html => { live.outerHTML = html; poll(); })
                .catch(() => setTimeout(poll, 2000)), 1000);
            })();
            </script>""";

    private final RunCatalog catalog;
    private final RunReports reports;

    ConsolePages(RunCatalog catalog, RunReports reports) {
        this.catalog = catalog;
        this.reports = reports;
    }

    void runs(Context ctx) {
        List<RunRecord> runs = catalog.recent(LISTED_RUNS);
        StringBuilder html = new StringBuilder("<h1>Runs</h1><p><a href=\"/runs/new\">Publish a new run</a></p>");
        if (runs.isEmpty()) {
            html.append("<p id=\"no-runs\">No runs yet.</p>");
        } else {
            html.append("<table id=\"runs\"><tr><th>run</th><th>created (UTC)</th><th>status</th>"
                    + "<th>scenarios</th><th>completed (UTC)</th></tr>");
            for (RunRecord run : runs) {
                html.append("<tr><td><a href=\"/runs/").append(escape(run.runId())).append("\">")
                        .append(escape(run.runId())).append("</a></td><td>").append(escape(run.createdAtUtc()))
                        .append("</td><td>").append(Html.status(run.status())).append("</td><td class=\"num\">")
                        .append(scenarioCounts(run)).append("</td><td>")
                        .append(escape(run.completedAtUtc() == null ? "" : run.completedAtUtc())).append("</td></tr>");
            }
            html.append("</table>");
        }
        ctx.html(Html.page("Runs", html.toString()));
    }

    /** Checked of requested while a run is in flight; afterwards the count alone. */
    private String scenarioCounts(RunRecord run) {
        if (RunRecord.STATUS_RUNNING.equals(run.status())) {
            return catalog.checked(run.runId()) + " / " + run.scenarioCount() + " checked";
        }
        return run.status().equals(RunCatalog.STATUS_REQUESTED) ? "0 / " + run.scenarioCount() + " checked"
                : Integer.toString(run.scenarioCount());
    }

    void run(Context ctx) {
        String runId = ctx.pathParam("id");
        Optional<RunStatus> status = catalog.find(runId);
        if (status.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).html(Html.page("Unknown run", "<h1>Unknown run</h1><p class=\"error\">"
                    + "No run " + escape(runId) + " is recorded or was requested here.</p>"));
            return;
        }
        String body = "<h1>Run <code id=\"run-id\">" + escape(runId) + "</code></h1><p><a href=\"/api/runs/"
                + escape(runId) + "\">JSON</a> · <a href=\"/compare?a=" + escape(runId) + "\">compare with another run</a></p>"
                + live(status.get()) + LIVE_SCRIPT;
        ctx.html(Html.page("Run " + runId, body));
    }

    /** The part of the run page that changes while the run is in flight. */
    void runLive(Context ctx) {
        String runId = ctx.pathParam("id");
        Optional<RunStatus> status = catalog.find(runId);
        if (status.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("no run " + runId);
            return;
        }
        ctx.html(live(status.get()));
    }

    private String live(RunStatus status) {
        RunRecord run = status.run();
        boolean running = !completed(run);
        int checked = status.scenarios().size();
        StringBuilder html = new StringBuilder("<div id=\"live\" data-src=\"/runs/").append(escape(run.runId()))
                .append("/live\" data-running=\"").append(running).append("\">");
        html.append("<p>Status <span id=\"run-status\" class=\"status ").append(escape(run.status())).append("\">")
                .append(escape(run.status())).append("</span> · <progress max=\"").append(run.scenarioCount())
                .append("\" value=\"").append(checked).append("\"></progress> <span id=\"progress\">").append(checked)
                .append(" of ").append(run.scenarioCount()).append(" scenarios checked</span> · created ")
                .append(escape(run.createdAtUtc()));
        if (run.completedAtUtc() != null) {
            html.append(" · completed ").append(escape(run.completedAtUtc()));
        }
        html.append("</p>");
        html.append(running ? scenarioTable(status.scenarios()) : report(status));
        return html.append("</div>").toString();
    }

    /** The run's report; the recorded scenarios if its run_metadata.json cannot be read. */
    private String report(RunStatus status) {
        try {
            return "<p><a href=\"/runs/" + escape(status.run().runId()) + "/report.html\">report.html</a></p>"
                    + reports.embedded(status.run());
        } catch (RunNotFoundException e) {
            return "<p class=\"error\">No report: " + escape(e.getMessage()) + "</p>" + scenarioTable(status.scenarios());
        }
    }

    private static String scenarioTable(List<ScenarioStatus> scenarios) {
        if (scenarios.isEmpty()) {
            return "<p>Waiting for QC to check the first scenario.</p>";
        }
        StringBuilder html = new StringBuilder("<table id=\"scenarios\"><tr><th>scenario</th><th>solver</th>"
                + "<th>demand</th><th>variable cost</th><th>logistics cost</th><th>total cost</th>"
                + "<th>utilisation</th><th>QC</th></tr>");
        for (ScenarioStatus status : scenarios) {
            ScenarioRecord s = status.scenario();
            html.append("<tr><td>").append(escape(s.scenarioId())).append("</td><td>").append(escape(s.solver()))
                    .append("</td><td class=\"num\">").append(s.knobs().demandScale())
                    .append("</td><td class=\"num\">").append(s.knobs().variableCostScale())
                    .append("</td><td class=\"num\">").append(s.knobs().logisticsCostScale())
                    .append("</td><td class=\"num\">")
                    .append(s.kpiTotal() == null ? "" : amount(s.kpiTotal().totalCost()))
                    .append("</td><td class=\"num\">")
                    .append(s.kpiTotal() == null ? "" : String.format(Locale.ROOT, "%.4f",
                            s.kpiTotal().capacityUtilization()))
                    .append("</td><td>").append(Html.status(s.verdict()));
            if (!s.failedChecks().isEmpty()) {
                html.append(" ").append(escape(String.join(", ", s.failedChecks())));
            }
            html.append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    void newRunForm(Context ctx) {
        ctx.html(Html.page("New run", RunForm.initial().render(null)));
    }

    /** Publishes the form's run and shows its page; a refused form comes back with the error and its values. */
    void submitRun(Context ctx) {
        RunForm form = RunForm.submitted(ctx.formParamMap());
        RunPlan plan;
        try {
            plan = RunRequests.plan(form.toRequest(), Instant.now());
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(Html.page("New run", form.render(e.getMessage())));
            return;
        }
        catalog.publish(plan);
        ctx.redirect("/runs/" + plan.runId(), HttpStatus.SEE_OTHER);
    }

    void compare(Context ctx) {
        String a = ctx.queryParam("a");
        String b = ctx.queryParam("b");
        List<RunRecord> runs = catalog.recent(LISTED_RUNS);
        StringBuilder html = new StringBuilder("<h1>Compare two runs</h1><form method=\"get\" action=\"/compare\">");
        html.append(runChoice("a", a, runs)).append(" against ").append(runChoice("b", b, runs))
                .append(" <button type=\"submit\" id=\"compare-button\">Compare</button></form>");
        if (a != null && b != null && !a.isBlank() && !b.isBlank()) {
            html.append(comparison(a, b));
        }
        ctx.html(Html.page("Compare", html.toString()));
    }

    private static String runChoice(String name, String chosen, List<RunRecord> runs) {
        StringBuilder html = new StringBuilder("<select name=\"").append(name).append("\" id=\"compare-")
                .append(name).append("\"><option value=\"\">(run)</option>");
        for (RunRecord run : runs) {
            html.append("<option value=\"").append(escape(run.runId())).append("\"")
                    .append(run.runId().equals(chosen) ? " selected" : "").append(">")
                    .append(escape(run.createdAtUtc() + "  " + run.runId() + "  " + run.status())).append("</option>");
        }
        return html.append("</select>").toString();
    }

    private String comparison(String a, String b) {
        Optional<RunStatus> first = catalog.find(a);
        Optional<RunStatus> second = catalog.find(b);
        if (first.isEmpty() || second.isEmpty()) {
            return "<p class=\"error\">No run " + escape(first.isEmpty() ? a : b) + " is recorded.</p>";
        }
        if (!completed(first.get().run()) || !completed(second.get().run())) {
            return "<p class=\"error\">Both runs must be complete to be compared.</p>";
        }
        return "<div id=\"comparison\">" + reports.comparison(first.get().run(), second.get().run()) + "</div>";
    }

    private static boolean completed(RunRecord run) {
        return !RunRecord.STATUS_RUNNING.equals(run.status()) && !RunCatalog.STATUS_REQUESTED.equals(run.status());
    }

    /** The report as the self-contained file QC stores, to download. */
    void reportDocument(Context ctx) {
        RunRecord run = completedRun(ctx);
        if (run != null) {
            ctx.html(reports.document(run));
        }
    }

    /** An object of the run's folder in the bucket, e.g. a scenario's manifest the report links to. */
    void runObject(Context ctx) {
        RunRecord run = completedRun(ctx);
        if (run == null) {
            return;
        }
        String key = ctx.pathParam("key");
        reports.object(run, key).ifPresentOrElse(
                bytes -> ctx.contentType(key.endsWith(".json") ? "application/json"
                        : key.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream").result(bytes),
                () -> ctx.status(HttpStatus.NOT_FOUND).result("no object " + key + " in run " + run.runId()));
    }

    private RunRecord completedRun(Context ctx) {
        String runId = ctx.pathParam("id");
        Optional<RunRecord> run = catalog.find(runId).map(RunStatus::run).filter(ConsolePages::completed);
        if (run.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).html(Html.page("No report", "<p class=\"error\">No completed run "
                    + escape(runId) + ".</p>"));
            return null;
        }
        return run.get();
    }
}
