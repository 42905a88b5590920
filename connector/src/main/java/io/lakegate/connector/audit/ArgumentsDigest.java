package io.lakegate.connector.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SHA-256 of the canonical JSON of tool arguments: object keys sorted (recursively), no whitespace, numbers and
 * strings as Jackson writes them. Equal arguments in any key order give the same digest, so the audit trail can show
 * that two calls were identical without ever storing what was asked.
 */
public final class ArgumentsDigest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ArgumentsDigest() {}

    public static String sha256(Map<String, ?> arguments) {
        JsonNode tree = JSON.valueToTree(arguments == null ? Map.of() : arguments);
        byte[] canonical = JSON.writeValueAsBytes(canonical(tree));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String canonicalJson(Map<String, ?> arguments) {
        return new String(JSON.writeValueAsBytes(canonical(JSON.valueToTree(arguments))), StandardCharsets.UTF_8);
    }

    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            names.sort(String::compareTo);
            ObjectNode sorted = JSON.createObjectNode();
            names.forEach(n -> sorted.set(n, canonical(object.get(n))));
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(e -> copy.add(canonical(e)));
            return copy;
        }
        return node;
    }
}
