package io.scenarioops.console;

import io.scenarioops.report.RunReportData;
import io.scenarioops.report.RunReportHtml;
import io.scenarioops.report.RunReportLoader;
import io.scenarioops.runstore.RunRecord;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A completed run's report (the same document QC stores as {@code report.html}, rendered from its
 * {@code run_metadata.json}), whole or embedded in a console page, and the objects it links to.
 */
final class RunReports implements AutoCloseable {
    private final ObjectStore store;

    RunReports(ObjectStore store) {
        this.store = store;
    }

    /** The self-contained report document of a completed run. */
    String document(RunRecord run) {
        return RunReportHtml.render(load(run));
    }

    /** The report's content for a console page: its style, charts and tables; links go through {@link #object}. */
    String embedded(RunRecord run) {
        return embed(document(run), "/runs/" + run.runId() + "/objects/");
    }

    /** Two completed runs, scenario by scenario, for a console page. */
    String comparison(RunRecord a, RunRecord b) {
        return embed(RunReportHtml.compare(load(a), load(b)), "/runs/" + a.runId() + "/objects/");
    }

    /** An object under the run's prefix, e.g. {@code scenario_id=baseline/manifest.json}. */
    Optional<byte[]> object(RunRecord run, String relativeKey) {
        for (String segment : relativeKey.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        return store.get(ObjectLayout.runPrefix(run.dt(), run.runId()) + relativeKey);
    }

    private RunReportData load(RunRecord run) {
        return RunReportLoader.load(store, run.dt(), run.runId());
    }

    /**
     * The document's style and body, without its title heading (the page has its own); links
     * relative to the report (its manifests, next to it in the bucket) are made to go through
     * {@code linkBase}.
     */
    static String embed(String document, String linkBase) {
        Document parsed = Jsoup.parse(document);
        Element title = parsed.body().selectFirst("h1");
        if (title != null) {
            title.remove();
        }
        for (Element link : parsed.body().select("a[href]")) {
            String href = link.attr("href");
            if (!href.isEmpty() && !href.startsWith("#") && !href.startsWith("/") && !href.contains(":")) {
                link.attr("href", linkBase + href);
            }
        }
        return "<div class=\"report\">" + parsed.head().select("style").outerHtml() + parsed.body().html()
                + "</div>";
    }

    @Override
    public void close() {
        store.close();
    }
}
