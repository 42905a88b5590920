package io.lakegate.connector.databricks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Lenient readers for Databricks payloads: missing, null and mistyped fields read as absent. */
public final class Json {

    private Json() {}

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.asString();
    }

    public static Boolean bool(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isString() ? Boolean.valueOf(value.stringValue()) : null;
    }

    public static Integer integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isNumber()) {
            return null;
        }
        return value.intValue();
    }

    /** Maps each element of the array {@code field}; a missing or non-array field is an empty list. */
    public static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> mapper) {
        JsonNode array = node == null ? null : node.get(field);
        List<T> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode element : array) {
                out.add(mapper.apply(element));
            }
        }
        return out;
    }
}
