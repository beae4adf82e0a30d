package io.scenarioops.report;

import io.scenarioops.model.Ids;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.ObjectStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads a completed run's report data from the bucket: its {@code run_metadata.json}, one object
 * whatever the run's size, and nothing else.
 */
public final class RunReportLoader {
    private RunReportLoader() {
    }

    /** The run of that date and id; when the date is known (from PostgreSQL or an event) this is one GET. */
    public static RunReportData load(ObjectStore store, String dt, String runId) {
        String key = ObjectLayout.runMetadataKey(dt, Ids.requireValidId("run_id", runId));
        byte[] json = store.get(key).orElseThrow(() -> new RunNotFoundException(runId, "no run " + runId
                + " completed on " + dt + ": no s3://" + store.bucket() + "/" + key));
        return RunReportData.parse(json, key);
    }

    /**
     * The run with that id, whatever its date. The key holds the run's {@code dt}, which a run id
     * alone does not give: this lists the {@code runs/dt=.../} folders (one small listing, one
     * entry per day) and tries each day's {@code run_metadata.json}, newest day first, so a recent
     * run costs one listing and a GET or two.
     *
     * @throws RunNotFoundException if no day has a completed run with that id (an unknown id, or a
     *     run still in flight)
     */
    public static RunReportData load(ObjectStore store, String runId) {
        Ids.requireValidId("run_id", runId);
        for (String dt : daysNewestFirst(store)) {
            String key = ObjectLayout.runMetadataKey(dt, runId);
            Optional<byte[]> json = store.get(key);
            if (json.isPresent()) {
                return RunReportData.parse(json.get(), key);
            }
        }
        throw new RunNotFoundException(runId, "no completed run " + runId + " in s3://" + store.bucket() + "/"
                + ObjectLayout.RUNS + " (no runs/dt=*/run_id=" + runId + "/" + ObjectLayout.RUN_METADATA + ")");
    }

    private static List<String> daysNewestFirst(ObjectStore store) {
        List<String> days = new ArrayList<>();
        for (String folder : store.listFolders(ObjectLayout.RUNS)) {
            ObjectLayout.dtOfFolder(folder).ifPresent(days::add);
        }
        days.sort(Collections.reverseOrder());
        return days;
    }
}
