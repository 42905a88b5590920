package io.lakegate.connector.oauth.store;

import java.time.Instant;

/** A proxy-issued access token (by {@code jti}) and the grant whose upstream tokens stand behind it. */
public record IssuedAccessToken(String jti, String grantId, Instant expiresAt) {}
