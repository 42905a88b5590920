package io.lakegate.connector.oauth.store;

import java.time.Instant;

/**
 * What a Lakegate authorization code stands for. The code itself is only stored as a hash (the item key).
 *
 * @param codeChallenge the client's S256 PKCE challenge the token request's verifier must match
 * @param grantId the grant (with the upstream tokens) the code's tokens will be bound to
 */
public record AuthorizationCode(
        String clientId,
        String redirectUri,
        String codeChallenge,
        String resource,
        String scope,
        String grantId,
        Instant expiresAt) {}
