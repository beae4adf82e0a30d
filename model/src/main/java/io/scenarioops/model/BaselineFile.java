package io.scenarioops.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.scenarioops.model.json.PythonFloats;
import io.scenarioops.model.json.SeedJson;
import io.scenarioops.model.json.UserJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A planner's own instance as a baseline file, {@code format_version} 1 (docs/solvers.md):
 * the entity lists, then demand and variable cost, capacity, inbound and outbound cost, each a
 * list of one value per period keyed by order, line, or order and site. Reading validates every
 * rule and names the path of the first value that breaks one, e.g.
 * {@code demand.C02[1]: must be a finite number >= 0, got -3}; every value is also smaller than
 * 2^63 ({@link InputNumbers}). Writing gives the same bytes for
 * the same instance, so a file's sha256 identifies its content.
 */
public final class BaselineFile {
    public static final int FORMAT_VERSION = 1;
    /** The instance's source as events and manifests name it, in place of the seed's generator. */
    public static final Component COMPONENT = new Component("baseline-file", "1");
    /** As many sites or lines as a file may name: enough for any plant, small enough to bound a solve. */
    public static final int MAX_SITES_OR_LINES = 64;
    /** The seed of a baseline that was read from a file rather than generated. */
    public static final long NOT_GENERATED = 0;

    private static final List<String> FIELDS = List.of("format_version", "orders", "sites", "lines", "periods",
            "demand", "variable_cost", "capacity", "inbound_cost", "outbound_cost");

    private BaselineFile() {
    }

    /** Reads and validates a baseline file's bytes. */
    public static Baseline parse(byte[] content) {
        JsonNode root = UserJson.read("baseline", content);
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("baseline", "expected a JSON object with " + String.join(", ", FIELDS));
        }
        return new Reader(root).baseline();
    }

    /** The instance in the file format; knob-applied or not, as given. */
    public static byte[] write(Baseline b) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("format_version", FORMAT_VERSION);
        file.put("orders", b.orders());
        file.put("sites", b.sites());
        file.put("lines", b.lines());
        file.put("periods", b.periods());
        file.put("demand", byName(b.orders(), b.demand()));
        file.put("variable_cost", byName(b.lines(), b.variableCost()));
        file.put("capacity", byName(b.lines(), b.capacity()));
        file.put("inbound_cost", byOrderAndSite(b, b.inboundCost()));
        file.put("outbound_cost", byOrderAndSite(b, b.outboundCost()));
        return SeedJson.write(file);
    }

    private static Map<String, double[]> byName(List<String> names, double[][] values) {
        Map<String, double[]> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), values[i]);
        }
        return map;
    }

    private static Map<String, Map<String, double[]>> byOrderAndSite(Baseline b, double[][][] values) {
        Map<String, Map<String, double[]>> map = new LinkedHashMap<>();
        for (int o = 0; o < b.orders().size(); o++) {
            map.put(b.orders().get(o), byName(b.sites(), values[o]));
        }
        return map;
    }

    /** One file's validation, in the order the rules are listed in docs/solvers.md. */
    private static final class Reader {
        private final JsonNode root;
        private int periodCount;

        Reader(JsonNode root) {
            this.root = root;
        }

        Baseline baseline() {
            for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw new InvalidInputException(name, "unknown field (expected " + String.join(", ", FIELDS) + ")");
                }
            }
            JsonNode version = required("format_version");
            if (!version.isIntegralNumber() || version.asLong() != FORMAT_VERSION) {
                throw new InvalidInputException("format_version", "must be " + FORMAT_VERSION + ", got " + version);
            }
            List<String> orders = names("orders", InstanceSize.MAX_ORDERS);
            List<String> sites = names("sites", MAX_SITES_OR_LINES);
            List<String> lines = names("lines", MAX_SITES_OR_LINES);
            List<Integer> periods = periods();
            double[][] demand = perPeriod("demand", orders, "order");
            double[][] variableCost = perPeriod("variable_cost", lines, "line");
            double[][] capacity = perPeriod("capacity", lines, "line");
            double[][][] inbound = perSite("inbound_cost", orders, sites);
            double[][][] outbound = perSite("outbound_cost", orders, sites);
            return new Baseline(NOT_GENERATED, orders, sites, lines, periods, demand, variableCost, capacity, inbound,
                    outbound);
        }

        private JsonNode required(String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                throw new InvalidInputException(field, "is missing");
            }
            return node;
        }

        private List<String> names(String field, int max) {
            JsonNode list = required(field);
            if (!list.isArray() || list.isEmpty()) {
                throw new InvalidInputException(field, "must be a non-empty list of names");
            }
            if (list.size() > max) {
                throw new InvalidInputException(field, "must have at most " + max + " names, got " + list.size());
            }
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String path = field + "[" + i + "]";
                JsonNode name = list.get(i);
                if (!name.isTextual()) {
                    throw new InvalidInputException(path, "must be a name, got " + name);
                }
                Ids.requireValidId(path, name.textValue());
                if (!seen.add(name.textValue())) {
                    throw new InvalidInputException(path, "duplicate name " + PrintableText.quote(name.textValue()));
                }
                names.add(name.textValue());
            }
            return names;
        }

        private List<Integer> periods() {
            JsonNode list = required("periods");
            if (!list.isArray() || list.isEmpty()) {
                throw new InvalidInputException("periods", "must be the non-empty list 0..n-1");
            }
            if (list.size() > InstanceSize.MAX_PERIODS) {
                throw new InvalidInputException("periods", "must have at most " + InstanceSize.MAX_PERIODS
                        + " periods, got " + list.size());
            }
            List<Integer> periods = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode period = list.get(i);
                if (!period.isIntegralNumber() || period.asLong() != i) {
                    String wholeNumber = period.isIntegralNumber() ? "" : ", written as a whole number";
                    throw new InvalidInputException("periods[" + i + "]", "must be " + i
                            + " (periods are 0..n-1 in order" + wholeNumber + "), got " + abbreviated(period));
                }
                periods.add(i);
            }
            periodCount = periods.size();
            return periods;
        }

        /** {@code field} keyed by every one of {@code keys} and nothing else, each a list of one value per period. */
        private double[][] perPeriod(String field, List<String> keys, String keyKind) {
            return perPeriod(field, required(field), keys, keyKind);
        }

        private double[][] perPeriod(String path, JsonNode map, List<String> keys, String keyKind) {
            requireKeys(path, map, keys, keyKind);
            double[][] values = new double[keys.size()][];
            for (int k = 0; k < keys.size(); k++) {
                values[k] = series(path + "." + keys.get(k), map.get(keys.get(k)));
            }
            return values;
        }

        private double[][][] perSite(String field, List<String> orders, List<String> sites) {
            JsonNode map = required(field);
            requireKeys(field, map, orders, "order");
            double[][][] values = new double[orders.size()][][];
            for (int o = 0; o < orders.size(); o++) {
                String path = field + "." + orders.get(o);
                values[o] = perPeriod(path, map.get(orders.get(o)), sites, "site");
            }
            return values;
        }

        private static void requireKeys(String path, JsonNode map, List<String> keys, String keyKind) {
            if (!map.isObject()) {
                throw new InvalidInputException(path, "must be an object keyed by " + keyKind);
            }
            for (String key : keys) {
                if (!map.has(key)) {
                    throw new InvalidInputException(path + "." + key, "is missing (every " + keyKind
                            + " listed needs a value here)");
                }
            }
            if (map.size() != keys.size()) {
                Set<String> known = new HashSet<>(keys);
                for (Iterator<String> names = map.fieldNames(); names.hasNext();) {
                    String name = names.next();
                    if (!known.contains(name)) {
                        throw new InvalidInputException(path + "." + name, "is not a listed " + keyKind);
                    }
                }
            }
        }

        private double[] series(String path, JsonNode list) {
            if (!list.isArray() || list.size() != periodCount) {
                throw new InvalidInputException(path, "must be a list of " + periodCount
                        + " values (one per period), got "
                        + (list.isArray() ? list.size() + " values" : abbreviated(list) + ", not a list"));
            }
            double[] values = new double[periodCount];
            for (int t = 0; t < periodCount; t++) {
                JsonNode value = list.get(t);
                double x = value.isNumber() ? value.doubleValue() : Double.NaN;
                values[t] = InputNumbers.requireNonNegative(path + "[" + t + "]", x,
                        value.isNumber() && !value.isIntegralNumber() ? PythonFloats.repr(x) : abbreviated(value));
            }
            return values;
        }

        /** A value as the file spells it, cut short: a message quotes it, it need not reproduce an object. */
        private static String abbreviated(JsonNode value) {
            String text = value.toString();
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }
    }
}
