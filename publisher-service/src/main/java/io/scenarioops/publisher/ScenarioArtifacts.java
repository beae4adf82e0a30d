package io.scenarioops.publisher;

import io.scenarioops.events.LpPlanTables;
import io.scenarioops.events.ScenarioSolved;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.model.ScenarioSpec;
import io.scenarioops.model.Solvers;
import io.scenarioops.storage.Manifest;
import io.scenarioops.storage.ObjectLayout;
import io.scenarioops.storage.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a solved scenario becomes, rendered as the seed wrote them (2-space indent, sorted
 * keys, UTF-8), plus the manifest that lists them. Pure: the same event always renders the same
 * bytes, which is what makes re-publishing idempotent. toy-v1 gives the seed's five files; lp-v1
 * the same five names (its {@code fact_production.json} is per line and period) plus
 * {@code fact_delivery.json} and {@code fact_inventory.json}.
 */
public final class ScenarioArtifacts {
    /** One object to write; {@code name} is its path below the scenario prefix. */
    public record Artifact(String name, String key, byte[] content) {
    }

    /** The artifacts in writing order, then the manifest, which is written last. */
    public record Rendered(String scenarioPrefix, List<Artifact> artifacts, Artifact manifest) {
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
        LpPlanTables lp = solved.lpPlan();
        List<Artifact> artifacts = new ArrayList<>(List.of(
                artifact(prefix, ObjectLayout.SCENARIO_SPEC, spec),
                artifact(prefix, ObjectLayout.BASELINE_SUMMARY, solved.baselineSummary()),
                artifact(prefix, ObjectLayout.FACT_PRODUCTION, lp == null ? solved.factProduction() : lp.factProduction()),
                artifact(prefix, ObjectLayout.KPI_TOTAL, solved.kpiTotal()),
                artifact(prefix, ObjectLayout.KPI_COST_BREAKDOWN, solved.kpiCostBreakdown())));
        if (lp != null) {
            artifacts.add(artifact(prefix, ObjectLayout.FACT_DELIVERY, lp.factDelivery()));
            artifacts.add(artifact(prefix, ObjectLayout.FACT_INVENTORY, lp.factInventory()));
        }
        List<Manifest.Artifact> entries = new ArrayList<>();
        for (Artifact a : artifacts) {
            entries.add(new Manifest.Artifact(a.name(), a.key(), a.content().length, Sha256.hex(a.content())));
        }
        Manifest manifest = new Manifest(Manifest.VERSION, solved.runId(), solved.dt(), solved.scenarioId(),
                solved.seed(), solved.knobs(), solved.lineage().requestEventId(), solved.eventId(), solved.generator(),
                solved.solver(), solved.inputs(), entries);
        return new Rendered(prefix, List.copyOf(artifacts), artifact(prefix, ObjectLayout.MANIFEST, manifest));
    }

    private static Artifact artifact(String prefix, String name, Object value) {
        return new Artifact(name, prefix + name, SeedJson.write(value));
    }
}
