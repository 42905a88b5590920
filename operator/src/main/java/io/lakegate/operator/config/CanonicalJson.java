package io.lakegate.operator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Canonical JSON (keys sorted at every level, no insignificant whitespace, UTF-8) and its SHA-256. A hash over
 * anything less stable (map iteration order, {@code hashCode()}) would change the pod template on every pass and roll
 * the fleet forever.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .nodeFactory(new SortingNodeFactory())
            .build();

    private CanonicalJson() {}

    /** Serialises any Jackson-mappable value canonically. */
    public static String write(Object value) {
        try {
            JsonNode tree = MAPPER.valueToTree(value);
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON-serialisable", e);
        }
    }

    /**
     * A deep copy through JSON, the form the API server stores (as the Flink operator clones its resources): a field
     * later added to a status is copied without anyone remembering to.
     */
    public static <T> T copy(T value, Class<T> type) {
        try {
            return MAPPER.treeToValue(MAPPER.valueToTree(value), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value does not round-trip through JSON", e);
        }
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
