package io.scenarioops.publisher;

import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.events.StoredTable;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.model.ScenarioSpec;
import io.scenarioops.model.Solvers;
import io.scenarioops.storage.Manifest;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.Sha256;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a solved scenario becomes, rendered as the seed wrote them (2-space indent, sorted
 * keys, UTF-8), plus the manifest that lists them. Pure: the same event always renders the same
 * bytes, which is what makes re-publishing idempotent. toy-v1 gives the seed's five files; lp-v1
 * the same five names (its {@code fact_production.json} is per line and period) plus
 * {@code fact_delivery.json} and {@code fact_inventory.json}. Tables the solver already wrote (an
 * event's {@code stored_tables}) are listed in the manifest with the size and sha256 the event
 * gives, and not rendered again.
 */
public final class ScenarioArtifacts {
    /** One object to write; {@code name} is its path below the scenario prefix. */
    public record Artifact(String name, String key, byte[] content) {
    }

    /**
     * The artifacts to write, in writing order; those the solver wrote, as the manifest lists them;
     * then the manifest, which is written last and lists both in the seed's order.
     */
    public record Rendered(String scenarioPrefix, List<Artifact> artifacts, List<Manifest.Artifact> storedBySolver,
            Artifact manifest) {
    }

    private ScenarioArtifacts() {
    }

    public static Rendered render(ScenarioSolved solved) {
        if (solved.failed()) {
            throw new IllegalArgumentException("scenario " + solved.key() + " failed in " + solved.failure().stage()
                    + " and has no artifacts");
        }
        String prefix = ObjectLayout.scenarioPrefix(solved.dt(), solved.runId(), solved.scenarioId());
        String chosenSolver = solved.solver().name().equals(Solvers.DEFAULT.name()) ? null : solved.solver().name();
        ScenarioSpec spec = new ScenarioSpec(solved.scenarioId(), solved.runCreatedAtUtc(), solved.knobs(),
                solved.notes(), chosenSolver, solved.inputs());
        Files files = new Files(prefix, solved);
        files.render(ObjectLayout.SCENARIO_SPEC, spec);
        files.render(ObjectLayout.BASELINE_SUMMARY, solved.baselineSummary());
        files.table(ScenarioSolved.FACT_PRODUCTION);
        files.render(ObjectLayout.KPI_TOTAL, solved.kpiTotal());
        files.render(ObjectLayout.KPI_COST_BREAKDOWN, solved.kpiCostBreakdown());
        for (String table : ScenarioSolved.tableNames(solved.solver())) {
            if (!table.equals(ScenarioSolved.FACT_PRODUCTION)) {
                files.table(table);
            }
        }
        Manifest manifest = new Manifest(Manifest.VERSION, solved.runId(), solved.dt(), solved.scenarioId(),
                solved.seed(), solved.knobs(), solved.lineage().requestEventId(), solved.eventId(), solved.generator(),
                solved.solver(), solved.inputs(), List.copyOf(files.entries));
        return new Rendered(prefix, List.copyOf(files.toWrite), List.copyOf(files.stored),
                artifact(prefix, ObjectLayout.MANIFEST, manifest));
    }

    private static Artifact artifact(String prefix, String name, Object value) {
        return new Artifact(name, prefix + name, SeedJson.write(value));
    }

    /** The manifest's entries in order, split into what is rendered here and what the solver wrote. */
    private static final class Files {
        private final String prefix;
        private final Map<String, List<?>> inlineTables;
        private final Map<String, StoredTable> storedTables = new LinkedHashMap<>();
        private final List<Artifact> toWrite = new ArrayList<>();
        private final List<Manifest.Artifact> stored = new ArrayList<>();
        private final List<Manifest.Artifact> entries = new ArrayList<>();

        Files(String prefix, ScenarioSolved solved) {
            this.prefix = prefix;
            this.inlineTables = solved.inlineTables();
            if (solved.storedTables() != null) {
                solved.storedTables().forEach(table -> storedTables.put(table.table(), table));
            }
        }

        void render(String name, Object value) {
            Artifact artifact = artifact(prefix, name, value);
            toWrite.add(artifact);
            entries.add(new Manifest.Artifact(name, artifact.key(), artifact.content().length,
                    Sha256.hex(artifact.content())));
        }

        void table(String table) {
            String name = ObjectLayout.tableArtifact(table);
            StoredTable storedTable = storedTables.get(table);
            if (storedTable == null) {
                render(name, inlineTables.get(table));
                return;
            }
            Manifest.Artifact entry = new Manifest.Artifact(name, prefix + name, storedTable.size(),
                    storedTable.sha256());
            stored.add(entry);
            entries.add(entry);
        }
    }
}
