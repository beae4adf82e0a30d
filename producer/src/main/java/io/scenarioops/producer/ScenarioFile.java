package io.scenarioops.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.model.InvalidInputException;
import io.scenarioops.model.Knobs;
import io.scenarioops.model.PlanningParameters;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.Solver;
import io.scenarioops.model.Solvers;
import io.scenarioops.model.json.UserJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a run's scenarios from a JSON list of
 * {@code {"scenario_id", "knobs": {"demand_scale", "variable_cost_scale", "logistics_cost_scale"}, "notes"}},
 * each optionally with {@code "solver": "lp-v1"} and {@code "planning": {"overtime_share": 0.1, ...}}
 * (parameters not named keep the run's values). Every problem is reported with its place in the
 * file, e.g. {@code scenarios[2].knobs.demand_scale} or {@code scenarios[0].planning.site_share}.
 * Unknown fields are refused, so that a misspelt knob is not silently left at its default.
 */
public final class ScenarioFile {
    private static final Set<String> SCENARIO_FIELDS = Set.of("scenario_id", "knobs", "notes", "solver", "planning");
    private static final List<String> KNOB_FIELDS = List.of("demand_scale", "variable_cost_scale",
            "logistics_cost_scale");

    private ScenarioFile() {
    }

    /** The file's scenarios; those that choose no solver or parameters get {@code runSolver} and {@code runPlanning}. */
    public static List<ScenarioDefinition> read(Path file, Solver runSolver, Map<String, Double> runPlanning) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot be read: " + e.getMessage());
        }
        return parse(file.toString(), content, runSolver, runPlanning);
    }

    /** With toy-v1 and the default planning parameters for the run. */
    public static List<ScenarioDefinition> parse(String source, byte[] content) {
        return parse(source, content, Solvers.DEFAULT, Map.of());
    }

    public static List<ScenarioDefinition> parse(String source, byte[] content, Solver runSolver,
            Map<String, Double> runPlanning) {
        JsonNode root = UserJson.read(source, content);
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException(source, "is empty; expected a JSON list of scenarios");
        }
        if (!root.isArray()) {
            throw new InvalidInputException(source, "expected a JSON list of scenarios, got a JSON "
                    + root.getNodeType().toString().toLowerCase());
        }
        List<ScenarioDefinition> scenarios = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            scenarios.add(scenario("scenarios[" + i + "]", root.get(i), runSolver, runPlanning));
        }
        return scenarios;
    }

    private static ScenarioDefinition scenario(String path, JsonNode node, Solver runSolver,
            Map<String, Double> runPlanning) {
        if (!node.isObject()) {
            throw new InvalidInputException(path, "expected an object with scenario_id, knobs and notes");
        }
        rejectUnknownFields(path, node, SCENARIO_FIELDS);
        String id = text(path + ".scenario_id", node.get("scenario_id"), true);
        JsonNode knobsNode = node.get("knobs");
        if (knobsNode == null || knobsNode.isNull()) {
            throw new InvalidInputException(path + ".knobs", "is missing");
        }
        if (!knobsNode.isObject()) {
            throw new InvalidInputException(path + ".knobs", "expected an object with " + String.join(", ",
                    KNOB_FIELDS));
        }
        rejectUnknownFields(path + ".knobs", knobsNode, Set.copyOf(KNOB_FIELDS));
        double[] scales = new double[KNOB_FIELDS.size()];
        for (int k = 0; k < scales.length; k++) {
            scales[k] = number(path + ".knobs." + KNOB_FIELDS.get(k), knobsNode.get(KNOB_FIELDS.get(k)));
        }
        String notes = text(path + ".notes", node.get("notes"), false);
        JsonNode solverNode = node.get("solver");
        Solver solver = solverNode == null || solverNode.isNull() ? runSolver
                : Solvers.named(path + ".solver", text(path + ".solver", solverNode, true));
        Map<String, Double> planning = new LinkedHashMap<>(runPlanning);
        JsonNode planningNode = node.get("planning");
        if (planningNode != null && !planningNode.isNull()) {
            if (!planningNode.isObject()) {
                throw new InvalidInputException(path + ".planning", "expected an object with some of "
                        + String.join(", ", PlanningParameters.NAMES));
            }
            rejectUnknownFields(path + ".planning", planningNode, Set.copyOf(PlanningParameters.NAMES));
            for (Iterator<String> names = planningNode.fieldNames(); names.hasNext();) {
                String name = names.next();
                planning.put(name, number(path + ".planning." + name, planningNode.get(name)));
            }
        }
        try {
            return new ScenarioDefinition(id, new Knobs(scales[0], scales[1], scales[2]), notes, solver,
                    PlanningParameters.of(planning));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(path + "." + e.field(), e.reason());
        }
    }

    private static void rejectUnknownFields(String path, JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidInputException(path + "." + name, "unknown field (expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(String path, JsonNode node, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidInputException(path, "is missing");
            }
            return "";
        }
        if (!node.isTextual()) {
            throw new InvalidInputException(path, "must be a string, got " + node);
        }
        return node.asText();
    }

    private static double number(String path, JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException(path, "is missing");
        }
        if (!node.isNumber()) {
            throw new InvalidInputException(path, "must be a number, got " + node);
        }
        return node.asDouble();
    }
}
