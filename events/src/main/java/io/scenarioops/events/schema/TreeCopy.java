package io.scenarioops.events.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A Jackson 2 tree as a Jackson 3 tree, node for node, numbers with the same Java types. */
final class TreeCopy {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TreeCopy() {
    }

    static tools.jackson.databind.JsonNode of(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                ObjectNode copy = NODES.objectNode();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    copy.set(field.getKey(), of(field.getValue()));
                }
                return copy;
            }
            case ARRAY -> {
                ArrayNode copy = NODES.arrayNode(node.size());
                for (JsonNode element : node) {
                    copy.add(of(element));
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
