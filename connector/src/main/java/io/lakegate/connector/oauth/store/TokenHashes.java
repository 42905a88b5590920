package io.lakegate.connector.oauth.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Codes and refresh tokens are stored under their SHA-256, so a store dump holds no usable credential. */
public final class TokenHashes {

    private TokenHashes() {}

    public static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** A short fingerprint for logs: never log the value itself. */
    public static String fingerprint(String value) {
        return value == null ? "-" : sha256(value).substring(0, 8);
    }
}
