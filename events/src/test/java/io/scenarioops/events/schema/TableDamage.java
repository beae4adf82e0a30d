package io.scenarioops.events.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random damage to a table, of every kind a hostile producer could send. */
final class TableDamage {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TableDamage() {
    }

    /** A copy with one row's field replaced, removed or added, at any depth. */
    static JsonNode damaged(JsonNode rows, Random random) {
        JsonNode copy = rows.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(copy, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        switch (random.nextInt(5)) {
            case 0 -> target.remove(name);
            case 1 -> target.set("extra_" + random.nextInt(3), randomValue(random));
            default -> target.set(name, randomValue(random));
        }
        return copy;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> collectObjects(child, objects));
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(1000) - 500);
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 5 -> NODES.numberNode(3.0);
            case 6 -> NODES.numberNode(new BigInteger(80, random));
            case 7 -> NODES.textNode("L" + random.nextInt(10));
            case 8 -> NODES.textNode(List.of("", ".", "..", "a b", "é", "x".repeat(65), "x".repeat(64), "a\u0000",
                    "L1\n", "L1\r\n", "L1\u0085", "L1\u2028", "L1\u2029").get(random.nextInt(13)));
            case 9 -> NODES.textNode(Double.toString(random.nextDouble()));
            case 10 -> NODES.objectNode();
            case 11 -> NODES.arrayNode().add(1);
            case 12 -> NODES.arrayNode();
            default -> NODES.objectNode().put("site", "S1");
        };
    }
}
