package io.lakegate.connector.oauth.store;

import java.time.Instant;

/** What a Lakegate refresh token stands for; stored under the token's hash, redeemed once (rotation). */
public record RefreshToken(String grantId, String clientId, String scope, String resource, Instant expiresAt) {}
