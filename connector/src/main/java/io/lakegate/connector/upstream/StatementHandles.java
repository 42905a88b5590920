package io.lakegate.connector.upstream;

import io.lakegate.connector.guard.MetadataListing;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statement ids {@code proxy_to_sql} hands out. Databricks' {@code poll_sql_result} answers any statement the
 * user can see, including ones the guard never checked (started in a notebook, by another tool, or guessed), so the
 * client never sees a Databricks statement id: it gets a handle binding that id to the user, the workspace and what
 * the guard learned about the statement (the SHOW/DESCRIBE listing whose rows must be filtered), signed with
 * HMAC-SHA256. A handle that is foreign, forged, altered or another user's does not open, and the caller answers it
 * exactly like an unknown statement.
 *
 * <p>The key must be the same on every replica, so a poll may land anywhere: with the OAuth proxy it is derived from
 * the proxy's signing key, which replicas already share. Other identity modes have no shared secret; there the key
 * is random per process, and a statement can only be polled on the replica that started it (documented in the
 * README); polling elsewhere answers like an unknown statement, never someone else's.
 */
public class StatementHandles {

    private static final String PREFIX = "lg1.";
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Bounds what is decoded from a client string; real handles are far shorter. */
    private static final int MAX_HANDLE_CHARS = 4096;

    /** What a handle binds besides the caller: the upstream statement and the listing its rows are filtered by. */
    public record Opened(String statementId, Optional<MetadataListing> listing) {}

    /** The purpose the key is derived under from the replicas' shared secret root (see {@code ReplicaSecrets}). */
    public static final String KEY_PURPOSE = "lakegate statement handle v1";

    private final byte[] key;

    public StatementHandles(byte[] key) {
        this.key = key.clone();
    }

    public String seal(
            CallerIdentity caller, Workspace workspace, String statementId, Optional<MetadataListing> listing) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("s", statementId);
        listing.ifPresent(l -> {
            payload.put("k", l.kind().name());
            payload.put("c", l.catalog());
            payload.put("d", l.schema());
            payload.put("t", l.table());
        });
        String body = B64.encodeToString(JSON.writeValueAsBytes(payload));
        return PREFIX + body + "." + B64.encodeToString(mac(caller, workspace, body));
    }

    /** The statement behind {@code handle} if this connector issued it to this caller on this workspace. */
    public Optional<Opened> open(CallerIdentity caller, Workspace workspace, String handle) {
        if (handle == null || handle.length() > MAX_HANDLE_CHARS || !handle.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = handle.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot != rest.lastIndexOf('.')) {
            return Optional.empty();
        }
        String body = rest.substring(0, dot);
        try {
            byte[] given = B64D.decode(rest.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(caller, workspace, body))) {
                return Optional.empty();
            }
            JsonNode payload = JSON.readTree(B64D.decode(body));
            String id = payload.path("s").asString(null);
            if (id == null || id.isBlank()) {
                return Optional.empty();
            }
            Optional<MetadataListing> listing = payload.has("k")
                    ? Optional.of(new MetadataListing(
                            MetadataListing.Kind.valueOf(payload.path("k").asString()),
                            text(payload, "c"),
                            text(payload, "d"),
                            text(payload, "t")))
                    : Optional.empty();
            return Optional.of(new Opened(id, listing));
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            // a handle that verified cannot be malformed; this is a client's made-up string
            return Optional.empty();
        }
    }

    private static String text(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    private byte[] mac(CallerIdentity caller, Workspace workspace, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // lengths first, so no choice of subject/workspace/body can collide with another split of the same bytes
            for (String part : new String[] {caller.subject(), workspace.name(), body}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
