package io.sluice.metadata.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading fields of a schema-checked tree into Java values. */
public final class Nodes {
    private Nodes() {
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    static String text(JsonNode node, String field, String otherwise) {
        return text(node, field).orElse(otherwise);
    }

    static boolean bool(JsonNode node, String field, boolean otherwise) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? otherwise : v.asBoolean();
    }

    static Optional<BigDecimal> decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            return Optional.empty();
        }
        // via the shortest decimal text, so that 0.1 stays 0.1 and is not 0.1000000000000000055…
        return Optional.of(v.isFloatingPointNumber() ? BigDecimal.valueOf(v.doubleValue()) : v.decimalValue());
    }

    static Optional<Integer> integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.canConvertToInt() ? Optional.empty() : Optional.of(v.intValue());
    }

    static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(item -> out.add(item.asText()));
        }
        return out;
    }

    public static Map<String, Object> map(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.put(e.getKey(), value(e.getValue()));
            }
        }
        return out;
    }

    /** A JSON value as the plain Java value {@code Options} holds: Boolean, Integer, Long, Double, String, List, Map. */
    static Object value(JsonNode node) {
        if (node.isObject()) {
            return Collections.unmodifiableMap(map(node));
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(value(item)));
            return Collections.unmodifiableList(list);
        } else if (node.isNull()) {
            return null;
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isInt()) {
            return node.intValue();
        } else if (node.isLong()) {
            return node.longValue();
        } else if (node.isFloatingPointNumber()) {
            return node.doubleValue();
        } else if (node.isNumber()) {
            return node.bigIntegerValue();
        }
        return node.asText();
    }
}
