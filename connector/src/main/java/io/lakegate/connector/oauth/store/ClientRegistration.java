package io.lakegate.connector.oauth.store;

import java.time.Instant;
import java.util.List;

/**
 * A public OAuth client (RFC 7591 registration, or a client ID metadata document fetched once). Lakegate only has
 * public clients ({@code token_endpoint_auth_method=none}): PKCE is what binds the code to the client.
 *
 * @param expiresAt null = kept until deleted (dynamic registrations); set for cached metadata documents
 */
public record ClientRegistration(String clientId, String clientName, List<String> redirectUris, Instant issuedAt,
        Instant expiresAt) {

    public ClientRegistration {
        redirectUris = List.copyOf(redirectUris);
    }
}
