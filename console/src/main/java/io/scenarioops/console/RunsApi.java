package io.scenarioops.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.KpiCostBreakdown;
import io.scenarioops.model.KpiTotal;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.runstore.CheckRecord;
import io.scenarioops.runstore.RunRecord;
import io.scenarioops.runstore.RunStatus;
import io.scenarioops.runstore.ScenarioRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON API under {@code /api} (see docs/console-api.yaml): the runs, one run with its scenarios'
 * KPIs and verdicts, and publishing a run. Field names are the artifacts' snake_case ones.
 */
final class RunsApi {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** One scenario of {@code GET /api/runs/{id}}: what QC recorded for it. */
    record ScenarioView(String scenarioId, String solver, Knobs knobs, String notes, KpiTotal kpiTotal,
            KpiCostBreakdown kpiCostBreakdown, String verdict, List<String> failedChecks, List<CheckRecord> checks,
            String requestedAtUtc, String solvedAtUtc, String publishedAtUtc, String checkedAtUtc,
            String artifactPrefix) {
        static ScenarioView of(ScenarioRecord s, List<CheckRecord> checks) {
            return new ScenarioView(s.scenarioId(), s.solver(), s.knobs(), s.notes(), s.kpiTotal(),
                    s.kpiCostBreakdown(), s.verdict(), s.failedChecks(), checks, s.requestedAtUtc(), s.solvedAtUtc(),
                    s.publishedAtUtc(), s.checkedAtUtc(), s.artifactPrefix());
        }
    }

    /** {@code GET /api/runs/{id}}: the run's row, how many scenarios are checked, and each of them. */
    record RunView(RunRecord run, int checkedCount, List<ScenarioView> scenarios) {
        static RunView of(RunStatus status) {
            return new RunView(status.run(), status.scenarios().size(), status.scenarios().stream()
                    .map(s -> ScenarioView.of(s.scenario(), s.checks())).toList());
        }
    }

    private final RunCatalog catalog;

    RunsApi(RunCatalog catalog) {
        this.catalog = catalog;
    }

    void listRuns(Context ctx) {
        int limit = limit(ctx.queryParam("limit"));
        respond(ctx, 200, Map.of("runs", catalog.recent(limit)));
    }

    void showRun(Context ctx) {
        String runId = ctx.pathParam("id");
        catalog.find(runId).ifPresentOrElse(status -> respond(ctx, 200, RunView.of(status)),
                () -> error(ctx, 404, "id", "no run " + runId + " is recorded or was requested here"));
    }

    void publishRun(Context ctx) {
        RunPlan plan;
        try {
            plan = RunRequests.plan(ctx.bodyAsBytes(), Instant.now());
        } catch (InvalidInputException e) {
            error(ctx, 400, e.field(), e.getMessage());
            return;
        }
        catalog.publish(plan);
        ctx.header("Location", "/api/runs/" + plan.runId());
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("run_id", plan.runId());
        accepted.put("dt", plan.dt());
        accepted.put("scenario_count", plan.scenarios().size());
        respond(ctx, 202, accepted);
    }

    static void error(Context ctx, int status, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        respond(ctx, status, body);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        throw new InvalidInputException("limit", "must be a whole number in [1, " + MAX_LIMIT + "], got " + text);
    }

    private static void respond(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the API's JSON", e);
        }
    }
}
