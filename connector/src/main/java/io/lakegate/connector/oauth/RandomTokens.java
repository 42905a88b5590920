package io.lakegate.connector.oauth;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers: codes, refresh tokens, state, PKCE verifiers (256 bits, base64url). */
final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {}

    static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
