package io.lakegate.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** JSON helpers: one shared mapper and an ordered object builder that leaves out null fields, as Databricks does. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** Builds an ordered map from key/value pairs, skipping pairs whose value is null. */
    public static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
