package io.scenarioops.events.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Jackson 2 tree as a Jackson 3 tree, node for node, numbers with the same Java types; an array
 * at a location left out becomes an empty array. Locations, not nodes: one node may sit at two
 * places of a tree built in code.
 */
final class TreeCopy {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TreeCopy() {
    }

    /** @param leftOut locations relative to {@code node} */
    static tools.jackson.databind.JsonNode of(JsonNode node, List<JsonPointer> leftOut) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                ObjectNode copy = NODES.objectNode();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    copy.set(field.getKey(), of(field.getValue(), below(leftOut, field.getKey(), -1)));
                }
                return copy;
            }
            case ARRAY -> {
                if (leftOut.stream().anyMatch(JsonPointer::matches)) {
                    return NODES.arrayNode();
                }
                ArrayNode copy = NODES.arrayNode(node.size());
                for (int i = 0; i < node.size(); i++) {
                    copy.add(of(node.get(i), below(leftOut, null, i)));
                }
                return copy;
            }
            case STRING -> {
                return NODES.stringNode(node.textValue());
            }
            case NUMBER -> {
                return number(node);
            }
            case BOOLEAN -> {
                return NODES.booleanNode(node.booleanValue());
            }
            case NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /** The locations inside a field (an element when {@code name} is null), relative to it. */
    private static List<JsonPointer> below(List<JsonPointer> locations, String name, int index) {
        if (locations.isEmpty()) {
            return locations;
        }
        List<JsonPointer> inside = new ArrayList<>();
        for (JsonPointer location : locations) {
            boolean there = name == null ? location.matchesElement(index) : location.matchesProperty(name);
            if (!location.matches() && there) {
                inside.add(location.tail());
            }
        }
        return inside;
    }

    private static tools.jackson.databind.JsonNode number(JsonNode node) {
        return switch (node.numberType()) {
            case INT -> NODES.numberNode(node.intValue());
            case LONG -> NODES.numberNode(node.longValue());
            case BIG_INTEGER -> NODES.numberNode(node.bigIntegerValue());
            case FLOAT -> NODES.numberNode(node.floatValue());
            case DOUBLE -> NODES.numberNode(node.doubleValue());
            case BIG_DECIMAL -> NODES.numberNode(node.decimalValue());
        };
    }
}
