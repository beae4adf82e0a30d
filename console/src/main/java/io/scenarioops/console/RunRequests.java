package io.scenarioops.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.PlanningParameters;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.Solver;
import io.scenarioops.model.Solvers;
import io.scenarioops.model.json.UserJson;
import io.scenarioops.producer.RunPlan;
import io.scenarioops.producer.ScenarioFile;
import io.scenarioops.producer.Sweep;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run request as the API and the console's form send it:
 * {@code {"scenarios": [...]}} (the scenarios-file format), {@code {"sweep": ["demand_scale=0.8:1.2:0.05"]}},
 * or neither for the seed's three scenarios; optionally {@code "seed"}, and {@code "solver"} and
 * {@code "planning"} for the scenarios that choose none. The producer's own readers validate it
 * ({@link ScenarioFile}, {@link Sweep}, {@link RunPlan}), so an error names the same place as the
 * command line's, e.g. {@code scenarios[0].scenario_id}.
 */
public final class RunRequests {
    public static final String SCENARIOS = "scenarios";
    public static final String SWEEP = "sweep";
    public static final String SEED = "seed";
    public static final String SOLVER = "solver";
    public static final String PLANNING = "planning";
    private static final String BODY = "body";
    private static final Set<String> FIELDS = Set.of(SCENARIOS, SWEEP, SEED, SOLVER, PLANNING);
    private RunRequests() {
    }

    /** The run a request body asks for, validated; nothing is published here. */
    public static RunPlan plan(byte[] body, Instant now) {
        return plan(body.length == 0 ? JsonNodeFactory.instance.objectNode() : UserJson.read(BODY, body), now);
    }

    public static RunPlan plan(JsonNode request, Instant now) {
        if (request == null || !request.isObject()) {
            throw new InvalidInputException(BODY, "expected a JSON object such as {} or {\"sweep\": [...]}");
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException(name, "unknown field (expected some of " + String.join(", ",
                        FIELDS.stream().sorted().toList()) + ")");
            }
        }
        JsonNode scenariosNode = present(request.get(SCENARIOS));
        JsonNode sweepNode = present(request.get(SWEEP));
        if (scenariosNode != null && sweepNode != null) {
            throw new InvalidInputException(SWEEP, "cannot be combined with scenarios");
        }
        long seed = seed(present(request.get(SEED)));
        JsonNode solverNode = present(request.get(SOLVER));
        Solver solver = solverNode == null ? Solvers.DEFAULT : Solvers.named(SOLVER, text(SOLVER, solverNode));
        Map<String, Double> planning = planning(present(request.get(PLANNING)));
        List<ScenarioDefinition> scenarios;
        if (scenariosNode != null) {
            scenarios = ScenarioFile.parse(SCENARIOS, scenariosNode.toString().getBytes(StandardCharsets.UTF_8),
                    solver, planning);
        } else {
            List<ScenarioDefinition> chosen = sweepNode != null ? Sweep.scenarios(SWEEP, sweep(sweepNode))
                    : ScenarioDefinition.SEED_DEFAULTS;
            PlanningParameters parameters = PlanningParameters.of(planning);
            scenarios = chosen.stream().map(s -> s.with(solver, parameters)).toList();
        }
        return RunPlan.create(scenarios, seed, now);
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static long seed(JsonNode node) {
        if (node == null) {
            return BaselineGenerator.DEFAULT_SEED;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidInputException(SEED, "must be a whole number, got " + node);
        }
        return node.asLong();
    }

    private static String text(String field, JsonNode node) {
        if (!node.isTextual()) {
            throw new InvalidInputException(field, "must be a string, got " + node);
        }
        return node.asText();
    }

    private static List<String> sweep(JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidInputException(SWEEP, "expected a list such as [\"demand_scale=0.8:1.2:0.05\"], got "
                    + node);
        }
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            ranges.add(text(SWEEP + "[" + i + "]", node.get(i)));
        }
        return ranges;
    }

    private static Map<String, Double> planning(JsonNode node) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (node == null) {
            return values;
        }
        if (!node.isObject()) {
            throw new InvalidInputException(PLANNING, "expected an object such as {\"overtime_share\": 0.1}, got "
                    + node);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isNumber()) {
                throw new InvalidInputException(PLANNING + "." + field.getKey(), "must be a number, got "
                        + field.getValue());
            }
            values.put(field.getKey(), field.getValue().asDouble());
        }
        PlanningParameters.of(values);
        return values;
    }
}
