package io.lakegate.connector.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for tool results held as plain JSON trees (maps, lists, strings, numbers, booleans, nulls). */
public final class JsonTrees {

    private JsonTrees() {}

    /** A mutable deep copy, so the guards never change the caller's tree. */
    public static Object copy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : null;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object node) {
        return node instanceof List<?> ? (List<Object>) node : null;
    }
}
