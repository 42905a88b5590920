package io.lakegate.connector.oauth.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for upstream tokens at rest. Output = version byte, 96-bit random nonce, ciphertext with the 128-bit
 * tag. The item key is the additional authenticated data, so a sealed blob copied to another item does not open.
 */
public final class UpstreamTokenCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public UpstreamTokenCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "the token encryption key must be 32 bytes (AES-256), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** From the base64 (standard or URL-safe) configuration value. */
    public static UpstreamTokenCipher fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("lakegate.token-store.encryption-key is required for a persistent store "
                    + "(32 random bytes, base64)");
        }
        String normalized = base64Key.trim().replace('-', '+').replace('_', '/');
        return new UpstreamTokenCipher(Base64.getDecoder().decode(normalized));
    }

    public byte[] seal(String plaintext, String itemKey) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(itemKey.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws TokenStoreException when the blob was sealed under another key or for another item, or was altered */
    public String open(byte[] blob, String itemKey) {
        if (blob.length < 1 + NONCE_BYTES + TAG_BITS / 8 || blob[0] != VERSION) {
            throw new TokenStoreException("sealed upstream tokens have an unknown format", null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 1, NONCE_BYTES));
            cipher.updateAAD(itemKey.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(blob, 1 + NONCE_BYTES, blob.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new TokenStoreException(
                    "upstream tokens cannot be decrypted (wrong encryption key, or altered item)", e);
        }
    }
}
