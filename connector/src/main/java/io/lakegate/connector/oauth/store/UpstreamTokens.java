package io.lakegate.connector.oauth.store;

import java.time.Instant;

/**
 * Tokens the upstream identity provider issued for the signed-in user. The access token is the user assertion of the
 * on-behalf-of exchange. Secret: encrypted at rest by the persistent store, never in {@link #toString()}.
 */
public record UpstreamTokens(String accessToken, String refreshToken, String idToken, Instant accessTokenExpiresAt) {

    public boolean expiresBefore(Instant instant) {
        return accessTokenExpiresAt != null && accessTokenExpiresAt.isBefore(instant);
    }

    @Override
    public String toString() {
        return "UpstreamTokens[accessTokenExpiresAt=" + accessTokenExpiresAt + ", refreshToken="
                + (refreshToken != null) + "]";
    }
}
