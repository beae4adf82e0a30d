package io.scenarioops.console;

import static io.scenarioops.console.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scenarioops.model.BaselineGenerator;
import io.scenarioops.model.ScenarioDefinition;
import io.scenarioops.model.Solvers;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's "new run" form: the seed's three scenarios with their knobs to edit, or a sweep
 * over one or two knobs; the solver and the seed. What it sends is turned into the API's request
 * body, so that {@link RunRequests} validates both the same way.
 */
final class RunForm {
    static final String KIND = "kind";
    static final String KIND_SCENARIOS = "scenarios";
    static final String KIND_SWEEP = "sweep";
    static final List<String> KNOBS = List.of("demand_scale", "variable_cost_scale", "logistics_cost_scale");
    private static final int SWEEP_KNOBS = 2;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, String> values;

    private RunForm(Map<String, String> values) {
        this.values = values;
    }

    /** The form as first shown: the seed's scenarios, toy-v1, seed 7, a demand sweep. */
    static RunForm initial() {
        Map<String, String> values = new HashMap<>();
        values.put(KIND, KIND_SCENARIOS);
        values.put(RunRequests.SOLVER, Solvers.DEFAULT.name());
        values.put(RunRequests.SEED, Long.toString(BaselineGenerator.DEFAULT_SEED));
        for (int i = 0; i < ScenarioDefinition.SEED_DEFAULTS.size(); i++) {
            ScenarioDefinition scenario = ScenarioDefinition.SEED_DEFAULTS.get(i);
            values.put(scenarioField(i, "scenario_id"), scenario.scenarioId());
            values.put(scenarioField(i, "notes"), scenario.notes());
            values.put(scenarioField(i, KNOBS.get(0)), plain(scenario.knobs().demandScale()));
            values.put(scenarioField(i, KNOBS.get(1)), plain(scenario.knobs().variableCostScale()));
            values.put(scenarioField(i, KNOBS.get(2)), plain(scenario.knobs().logisticsCostScale()));
        }
        values.put(sweepField(0, "knob"), "demand_scale");
        values.put(sweepField(0, "range"), "0.8:1.2:0.05");
        values.put(sweepField(1, "knob"), "");
        values.put(sweepField(1, "range"), "");
        return new RunForm(values);
    }

    /** The form as submitted (the first value of each field). */
    static RunForm submitted(Map<String, List<String>> params) {
        Map<String, String> values = new HashMap<>();
        params.forEach((name, given) -> values.put(name, given.isEmpty() ? "" : given.get(0)));
        return new RunForm(values);
    }

    /** The API request this form stands for; rows without a scenario id are left out. */
    ObjectNode toRequest() {
        ObjectNode request = NODES.objectNode();
        request.put(RunRequests.SOLVER, value(RunRequests.SOLVER));
        request.set(RunRequests.SEED, number(value(RunRequests.SEED)));
        if (KIND_SWEEP.equals(value(KIND))) {
            ArrayNode sweep = request.putArray(RunRequests.SWEEP);
            for (int k = 0; k < SWEEP_KNOBS; k++) {
                String knob = value(sweepField(k, "knob"));
                if (!knob.isEmpty()) {
                    sweep.add(knob + "=" + value(sweepField(k, "range")));
                }
            }
            return request;
        }
        ArrayNode scenarios = request.putArray(RunRequests.SCENARIOS);
        for (int i = 0; i < ScenarioDefinition.SEED_DEFAULTS.size(); i++) {
            String id = value(scenarioField(i, "scenario_id"));
            if (id.isEmpty()) {
                continue;
            }
            ObjectNode scenario = scenarios.addObject();
            scenario.put("scenario_id", id);
            ObjectNode knobs = scenario.putObject("knobs");
            for (String knob : KNOBS) {
                knobs.set(knob, number(value(scenarioField(i, knob))));
            }
            scenario.put("notes", value(scenarioField(i, "notes")));
        }
        return request;
    }

    /** The form, filled with these values, with {@code error} above it if there is one. */
    String render(String error) {
        StringBuilder html = new StringBuilder("<h1>New run</h1>");
        if (error != null) {
            html.append("<p class=\"error\" id=\"form-error\">").append(escape(error)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"/runs\" id=\"new-run\">");
        html.append("<fieldset><legend>Run</legend><label>Solver <select name=\"solver\" id=\"solver\">");
        for (String solver : Solvers.NAMES) {
            html.append(option(solver, solver, value(RunRequests.SOLVER)));
        }
        html.append("</select></label> <label>Seed ").append(input("number", RunRequests.SEED)).append("</label>")
                .append("</fieldset>");
        html.append("<fieldset><legend>").append(radio(KIND_SCENARIOS))
                .append(" Scenarios (empty id: left out)</legend><table><tr><th>scenario_id</th>");
        KNOBS.forEach(knob -> html.append("<th>").append(knob).append("</th>"));
        html.append("<th>notes</th></tr>");
        for (int i = 0; i < ScenarioDefinition.SEED_DEFAULTS.size(); i++) {
            html.append("<tr><td>").append(input("text", scenarioField(i, "scenario_id"))).append("</td>");
            for (String knob : KNOBS) {
                html.append("<td>").append(input("text", scenarioField(i, knob))).append("</td>");
            }
            html.append("<td>").append(input("text", scenarioField(i, "notes"))).append("</td></tr>");
        }
        html.append("</table></fieldset>");
        html.append("<fieldset><legend>").append(radio(KIND_SWEEP))
                .append(" Sweep over one or two knobs (START:STOP:STEP, stop included; other knobs stay 1)</legend>");
        for (int k = 0; k < SWEEP_KNOBS; k++) {
            html.append("<p><label>Knob ").append(k + 1).append(" <select name=\"").append(sweepField(k, "knob"))
                    .append("\" id=\"").append(sweepField(k, "knob")).append("\">");
            if (k > 0) {
                html.append(option("", "(none)", value(sweepField(k, "knob"))));
            }
            for (String knob : KNOBS) {
                html.append(option(knob, knob, value(sweepField(k, "knob"))));
            }
            html.append("</select></label> <label>range ").append(input("text", sweepField(k, "range")))
                    .append("</label></p>");
        }
        html.append("</fieldset><button type=\"submit\" id=\"publish\">Publish run</button></form>");
        return html.toString();
    }

    private String value(String name) {
        return values.getOrDefault(name, "").strip();
    }

    private String input(String type, String name) {
        return "<input type=\"" + type + "\" name=\"" + escape(name) + "\" id=\"" + escape(name) + "\" value=\""
                + escape(values.getOrDefault(name, "")) + "\"" + ("number".equals(type) ? " step=\"1\"" : "") + ">";
    }

    private String radio(String kind) {
        return "<input type=\"radio\" name=\"" + KIND + "\" id=\"" + KIND + "-" + kind + "\" value=\"" + kind + "\""
                + (kind.equals(value(KIND)) ? " checked" : "") + ">";
    }

    private static String option(String value, String label, String selected) {
        return "<option value=\"" + escape(value) + "\"" + (value.equals(selected) ? " selected" : "") + ">"
                + escape(label) + "</option>";
    }

    private static String scenarioField(int row, String field) {
        return "s" + row + "." + field;
    }

    private static String sweepField(int index, String field) {
        return "sweep" + (index + 1) + "." + field;
    }

    /** A number as JSON when the text is one, else the text itself, which the validator then names. */
    private static JsonNode number(String text) {
        try {
            return NODES.numberNode(Long.parseLong(text));
        } catch (NumberFormatException notWhole) {
            try {
                return NODES.numberNode(new BigDecimal(text));
            } catch (NumberFormatException notANumber) {
                return NODES.textNode(text);
            }
        }
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
