package io.lakegate.connector.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lakegate.connector.oauth.store.Grant;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints Lakegate's own access tokens (JWT, RS256, RFC 9068 claims): {@code iss} = the connector, {@code aud} = the
 * /mcp resource, {@code sub}/{@code oid} = the upstream user, {@code azp} = the MCP client, {@code jti} = the key of
 * the stored upstream tokens. The resource server validates them like any IdP token, against {@code /oauth/jwks}.
 */
public class AccessTokenIssuer {

    /** A signed token and its identity. */
    public record Issued(String token, String jti, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[jti=" + jti + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final ProxySigningKey key;
    private final String issuer;
    private final String resource;
    private final java.time.Duration ttl;
    private final Clock clock;

    public AccessTokenIssuer(ProxySigningKey key, String issuer, String resource, java.time.Duration ttl, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.resource = resource;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Issued issue(Grant grant, String scope) {
        Instant now = clock.instant();
        Instant exp = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(resource)
                .subject(grant.subject())
                .claim("oid", grant.subject())
                .claim("azp", grant.clientId())
                .claim("client_id", grant.clientId())
                .claim("scope", scope)
                // the grant, so that the resource server can refuse the token once the grant is revoked
                .claim(LiveGrantCheck.GRANT_CLAIM, grant.grantId())
                .jwtID(jti)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(exp));
        if (grant.displayName() != null) {
            claims.claim("preferred_username", grant.displayName());
        }
        // typ JWT, not RFC 9068's at+jwt: Spring Security 7's default validators (JwtValidators.createDefault*)
        // include JwtTypeValidator.jwt(), which refuses at+jwt ("the given typ value needs to be one of [JWT]")
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.rsaKey().getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key.rsaKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return new Issued(jwt.serialize(), jti, exp);
    }

    /** The {@code jti} of a token this issuer signed; empty for any other token (or a malformed one). */
    public java.util.Optional<String> jtiOf(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new RSASSAVerifier(key.rsaKey().toRSAPublicKey()))
                    || !issuer.equals(jwt.getJWTClaimsSet().getIssuer())) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.ofNullable(jwt.getJWTClaimsSet().getJWTID());
        } catch (java.text.ParseException | JOSEException e) {
            return java.util.Optional.empty();
        }
    }
}
