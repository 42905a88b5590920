package io.lakegate.connector.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Handshake-era session ids that any replica can verify without shared memory: {@code v1.<payload>.<tag>}, where the
 * payload holds the issue time, a random nonce and an owner tag (HMAC of the caller's subject, so the id names no user
 * in clear) and the tag is an HMAC over the payload. The key is shared by the replicas (derived from
 * {@code lakegate.mcp.session-key}, else from the OAuth proxy's signing key), so a session opened on one replica is
 * valid on all of them and survives restarts; the owner tag keeps it bound to the user who opened it.
 *
 * <p>A session carries no state: the server never needs anything from it but "this caller initialized". It ends when
 * its maximum age passes (the client then gets 404 and initializes again, as the specification prescribes).
 *
 * <p>Every request of a session presents the same id, so an id that verified as VALID is remembered (bounded) with the
 * subject it verified for and its issue time: the next request of that caller skips the decoding and both HMACs, while
 * its age is still checked against the clock every time; any other subject, or an id not seen yet, is verified in full.
 */
public final class McpSessionIds {

    /** The label its key is derived under ({@code ReplicaSecrets.derive}). */
    public static final String KEY_PURPOSE = "lakegate mcp session id v1";

    /** What a presented id turned out to be. */
    public enum Verdict {
        VALID,
        FOREIGN,
        EXPIRED,
        UNKNOWN
    }

    private static final String PREFIX = "v1.";
    private static final int OWNER_BYTES = 12;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int PAYLOAD_BYTES = 8 + NONCE_BYTES + OWNER_BYTES;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration maxAge;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Ids that verified VALID: only a genuine id (its tag checked under our key) ever gets in. */
    private final Cache<String, Verified> verified;

    private record Verified(String subject, long issuedSeconds) {}

    /** {@code key}: this purpose's own key ({@code ReplicaSecrets.derive}), the same on every replica. */
    public McpSessionIds(byte[] key, Duration maxAge, Clock clock) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.maxAge = maxAge;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(maxAge)
                .build();
    }

    public Duration maxAge() {
        return maxAge;
    }

    public String mint(String subject) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES);
        payload.putLong(clock.millis() / 1000);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        payload.put(nonce);
        payload.put(owner(subject));
        byte[] p = payload.array();
        return PREFIX + B64.encodeToString(p) + "." + B64.encodeToString(tag(p));
    }

    public Verdict verify(String id, String subject) {
        if (id == null || id.length() > 200 || !id.startsWith(PREFIX)) {
            return Verdict.UNKNOWN;
        }
        Verified known = verified.getIfPresent(id);
        if (known != null && known.subject().equals(subject)) {
            return age(known.issuedSeconds());
        }
        String[] parts = id.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            return Verdict.UNKNOWN;
        }
        byte[] payload;
        byte[] tag;
        try {
            payload = B64D.decode(parts[0]);
            tag = B64D.decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return Verdict.UNKNOWN;
        }
        // canonical encoding only: the decoder ignores a last character's unused bits, which would give one session
        // several spellings
        if (payload.length != PAYLOAD_BYTES
                || !B64.encodeToString(payload).equals(parts[0])
                || !B64.encodeToString(tag).equals(parts[1])
                || !MessageDigest.isEqual(tag, tag(payload))) {
            return Verdict.UNKNOWN;
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        long issued = buffer.getLong();
        byte[] owner = new byte[OWNER_BYTES];
        buffer.position(8 + NONCE_BYTES);
        buffer.get(owner);
        if (!MessageDigest.isEqual(owner, owner(subject))) {
            return Verdict.FOREIGN;
        }
        Verdict verdict = age(issued);
        if (verdict == Verdict.VALID) {
            verified.put(id, new Verified(subject, issued));
        }
        return verdict;
    }

    private Verdict age(long issued) {
        long now = clock.millis() / 1000;
        return issued + maxAge.toSeconds() < now || issued > now + 300 ? Verdict.EXPIRED : Verdict.VALID;
    }

    private byte[] owner(String subject) {
        byte[] full = hmac(key, ("owner:" + subject).getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[OWNER_BYTES];
        System.arraycopy(full, 0, out, 0, OWNER_BYTES);
        return out;
    }

    private byte[] tag(byte[] payload) {
        byte[] full = hmac(key, payload);
        byte[] out = new byte[TAG_BYTES];
        System.arraycopy(full, 0, out, 0, TAG_BYTES);
        return out;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
