package io.lakegate.connector.oauth.store;

import java.time.Instant;

/**
 * One user's consent for one client, created when the upstream sign-in completes. Proxy-issued access and refresh
 * tokens point at it; it holds the upstream tokens.
 *
 * @param subject the user's stable key upstream ({@code oid}, else {@code sub})
 */
public record Grant(
        String grantId,
        String subject,
        String displayName,
        String clientId,
        String scope,
        String resource,
        UpstreamTokens upstream,
        Instant expiresAt) {

    public Grant withUpstream(UpstreamTokens tokens) {
        return new Grant(grantId, subject, displayName, clientId, scope, resource, tokens, expiresAt);
    }
}
