package io.lakegate.connector.oauth.store;

import java.time.Instant;

/**
 * A sign-in in progress: the client's authorize request, parked while the user signs in at the upstream identity
 * provider. Keyed by the random {@code state} Lakegate sent upstream; taken exactly once by the callback.
 *
 * @param state the client's own state, passed back unchanged (may be null)
 * @param upstreamCodeVerifier Lakegate's PKCE verifier towards the upstream IdP (short-lived; never leaves the store)
 */
public record PendingAuthorization(String id, String clientId, String redirectUri, String state, String codeChallenge,
        String resource, String scope, String upstreamCodeVerifier, Instant expiresAt) {

    @Override
    public String toString() {
        return "PendingAuthorization[clientId=" + clientId + ", redirectUri=" + redirectUri + ", expiresAt=" + expiresAt + "]";
    }
}
