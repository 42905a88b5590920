package io.lakegate.connector.oauth.store;

import java.time.Instant;
import java.util.List;

/**
 * A public OAuth client (RFC 7591 registration, or a client ID metadata document fetched once). Lakegate only has
 * public clients ({@code token_endpoint_auth_method=none}): PKCE is what binds the code to the client.
 *
 * @param expiresAt dynamic registrations: last use plus the idle TTL, pushed back as the client keeps obtaining
 *        tokens, so registrations nobody uses do not pile up (the endpoint is open to anyone); cached metadata
 *        documents: when to fetch again. Null only on registrations stored before the idle TTL existed (kept until
 *        their next use gives them one).
 */
public record ClientRegistration(
        String clientId, String clientName, List<String> redirectUris, Instant issuedAt, Instant expiresAt) {

    public ClientRegistration {
        redirectUris = List.copyOf(redirectUris);
    }
}
