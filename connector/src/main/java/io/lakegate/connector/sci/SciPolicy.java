package io.lakegate.connector.sci;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which Unity Catalog / workspace tag marks an asset as Strictly Confidential Information. An empty value list means
 * the key alone marks SCI, whatever its value.
 */
public record SciPolicy(String tagKey, List<String> tagValues) {

    public static final SciPolicy DEFAULT = new SciPolicy("classification", List.of("SCI"));

    public SciPolicy {
        Objects.requireNonNull(tagKey, "tagKey");
        tagValues = List.copyOf(tagValues);
    }

    /** Tag keys are case-insensitive in Unity Catalog; values are compared exactly as governed tags fix their spelling. */
    public boolean matches(String key, String value) {
        if (key == null || !tagKey.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return tagValues.isEmpty() || tagValues.contains(value);
    }
}
