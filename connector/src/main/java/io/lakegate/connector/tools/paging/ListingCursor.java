package io.lakegate.connector.tools.paging;

import io.lakegate.connector.tools.ToolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a listing stopped: the upstream page token to fetch again, how many of that page's items were already
 * consumed, and (for listings spanning several catalogs) which catalog. Sent to the client as an opaque base64url
 * string bound to the listing it came from: a cursor replayed with other arguments is refused instead of silently
 * returning the wrong page.
 */
public record ListingCursor(String scope, String pageToken, int skip) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final ListingCursor START = new ListingCursor(null, null, 0);

    public ListingCursor {
        if (skip < 0) {
            throw new IllegalArgumentException("skip < 0");
        }
    }

    public String encode(String listingKey) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("k", fingerprint(listingKey));
        if (scope != null) {
            fields.put("c", scope);
        }
        if (pageToken != null) {
            fields.put("t", pageToken);
        }
        if (skip > 0) {
            fields.put("s", skip);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(fields));
    }

    /** Decodes a client-supplied cursor for the listing {@code listingKey}; null or absent means the start. */
    public static ListingCursor decode(String cursor, String listingKey) {
        if (cursor == null) {
            return START;
        }
        JsonNode node;
        try {
            node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid();
        }
        if (node == null || !node.isObject() || !fingerprint(listingKey).equals(text(node, "k"))) {
            throw invalid();
        }
        JsonNode skip = node.get("s");
        if (skip != null && (!skip.isInt() || skip.intValue() < 0)) {
            throw invalid();
        }
        return new ListingCursor(text(node, "c"), text(node, "t"), skip == null ? 0 : skip.intValue());
    }

    private static ToolException invalid() {
        return ToolException.invalidArgument("argument 'cursor' is not a cursor returned by this listing with the same "
                + "arguments; repeat the call without a cursor to start over");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static String fingerprint(String listingKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(listingKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
