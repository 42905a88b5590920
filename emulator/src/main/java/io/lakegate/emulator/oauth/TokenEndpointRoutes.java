package io.lakegate.emulator.oauth;

import static io.lakegate.emulator.http.Json.obj;

import com.nimbusds.jwt.JWTClaimsSet;
import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.auth.JwtAuthenticator;
import io.lakegate.emulator.auth.TokenStore;
import io.lakegate.emulator.http.ApiException;
import io.lakegate.emulator.http.Responses;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Databricks OAuth token federation (RFC 8693) at {@code POST /oidc/v1/token}: a JWT from a trusted issuer (the
 * account-wide policy) is exchanged for an emulator access token of the same user, living no longer than the JWT; with
 * {@code client_id}, a JWT matching that service principal's federation policy is exchanged for a token of the service
 * principal. Errors use the OAuth body {@code {"error","error_description"}}. Also serves the authorization-server
 * metadata.
 */
public final class TokenEndpointRoutes {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";

    private final JwtAuthenticator jwts;
    private final TokenStore tokens;
    private final AccessPolicy access;
    private final Duration maxTtl;
    private final Clock clock;

    public TokenEndpointRoutes(
            JwtAuthenticator jwts, TokenStore tokens, AccessPolicy access, Duration maxTtl, Clock clock) {
        this.jwts = jwts;
        this.tokens = tokens;
        this.access = access;
        this.maxTtl = maxTtl;
        this.clock = clock;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/oidc/v1/token", this::token)
                .GET("/oidc/.well-known/oauth-authorization-server", this::metadata)
                .build();
    }

    private Mono<ServerResponse> metadata(ServerRequest req) {
        String base = req.uri().getScheme() + "://" + req.uri().getAuthority();
        return Responses.ok(obj(
                "issuer",
                base + "/oidc",
                "token_endpoint",
                base + "/oidc/v1/token",
                "authorization_endpoint",
                base + "/oidc/v1/authorize",
                "grant_types_supported",
                java.util.List.of(TOKEN_EXCHANGE),
                "token_endpoint_auth_methods_supported",
                java.util.List.of("none"),
                "scopes_supported",
                java.util.List.of("all-apis", "sql", "genie", "unity-catalog")));
    }

    private Mono<ServerResponse> token(ServerRequest req) {
        return req.formData().flatMap(form -> {
            String grant = form.getFirst("grant_type");
            if (grant == null) {
                return oauthError(400, "invalid_request", "grant_type is required.");
            }
            if (!grant.equals(TOKEN_EXCHANGE)) {
                return oauthError(400, "unsupported_grant_type", "Only " + TOKEN_EXCHANGE + " is supported here.");
            }
            String subject = form.getFirst("subject_token");
            if (subject == null || subject.isBlank()) {
                return oauthError(400, "invalid_request", "subject_token is required.");
            }
            String type = form.getFirst("subject_token_type");
            if (type != null && !type.equals(JWT_TYPE)) {
                return oauthError(400, "invalid_request", "subject_token_type must be " + JWT_TYPE + ".");
            }
            String scope = scope(form);
            String clientId = form.getFirst("client_id");
            if (clientId != null && !clientId.isBlank()) {
                return servicePrincipalExchange(clientId.trim(), subject, scope);
            }
            return jwts.verifyClaims(subject)
                    .flatMap(claims -> {
                        String user = JwtAuthenticator.userOf(claims);
                        if (user == null || !access.isKnownUser(user)) {
                            return oauthError(
                                    400, "invalid_grant", "The subject of the token is not a user of this workspace.");
                        }
                        return issue(access.user(user).userName(), claims, scope);
                    })
                    .onErrorResume(
                            ApiException.class,
                            e -> oauthError(400, "invalid_grant", "The subject token was rejected: " + e.getMessage()));
        });
    }

    /**
     * Naming a client selects that service principal's federation policies instead of the account-wide one, and the
     * token acts as the service principal whoever the JWT names: that is what Databricks does, and a caller expecting
     * per-user access must not send {@code client_id}.
     */
    private Mono<ServerResponse> servicePrincipalExchange(String applicationId, String subject, String scope) {
        return jwts.verifyForServicePrincipal(applicationId, subject)
                .flatMap(claims -> issue(access.user(applicationId).userName(), claims, scope))
                .onErrorResume(
                        ApiException.class,
                        e -> oauthError(
                                400,
                                "invalid_grant",
                                "No federation policy of service principal " + applicationId
                                        + " matches the subject token: " + e.getMessage()));
    }

    private Mono<ServerResponse> issue(String principal, JWTClaimsSet claims, String scope) {
        Duration left =
                Duration.between(clock.instant(), claims.getExpirationTime().toInstant());
        Duration ttl = left.compareTo(maxTtl) < 0 ? left : maxTtl;
        String token = tokens.issue(principal, ttl, scope);
        return Responses.ok(obj(
                "access_token",
                token,
                "token_type",
                "Bearer",
                "expires_in",
                Math.max(0, ttl.toSeconds()),
                "scope",
                scope));
    }

    private static String scope(MultiValueMap<String, String> form) {
        String s = form.getFirst("scope");
        return s == null || s.isBlank() ? "all-apis" : s.trim();
    }

    private static Mono<ServerResponse> oauthError(int status, String error, String description) {
        return Responses.json(status, Map.of("error", error, "error_description", description));
    }
}
