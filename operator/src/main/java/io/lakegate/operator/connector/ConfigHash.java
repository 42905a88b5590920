package io.lakegate.operator.connector;

import io.lakegate.operator.config.CanonicalJson;
import java.util.Map;
import java.util.SortedMap;

/** The pod-template hash: rendered registry plus digests of every consumed Secret value, canonical and SHA-256. */
public final class ConfigHash {
    private ConfigHash() {}

    public static String of(String registryJson, SortedMap<String, String> secretDigests) {
        return CanonicalJson.sha256Hex(CanonicalJson.write(Map.of("registry", registryJson, "secrets", secretDigests)));
    }
}
