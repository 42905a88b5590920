package io.lakegate.connector.oauth;

import io.lakegate.connector.oauth.store.AuthorizationCode;
import io.lakegate.connector.oauth.store.Grant;
import io.lakegate.connector.oauth.store.IssuedAccessToken;
import io.lakegate.connector.oauth.store.Redemption;
import io.lakegate.connector.oauth.store.RefreshToken;
import io.lakegate.connector.oauth.store.TokenHashes;
import io.lakegate.connector.oauth.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /oauth/token}: {@code authorization_code} (PKCE S256, same client and redirect URI, each code redeemed
 * at most once) and {@code refresh_token} (rotated: each refresh token works once). Public clients only, identified
 * by {@code client_id}. The code or refresh token is consumed before the checks, so a failed attempt burns it.
 */
public class TokenEndpoint {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

    private final ClientRegistry clients;
    private final TokenStore store;
    private final AccessTokenIssuer issuer;
    private final String resource;
    private final Duration refreshTokenTtl;
    private final Clock clock;
    private final java.util.function.Consumer<String> onRevoked;

    public TokenEndpoint(
            ClientRegistry clients,
            TokenStore store,
            AccessTokenIssuer issuer,
            String resource,
            Duration refreshTokenTtl,
            Clock clock,
            java.util.function.Consumer<String> onRevoked) {
        this.onRevoked = onRevoked;
        this.clients = clients;
        this.store = store;
        this.issuer = issuer;
        this.resource = resource;
        this.refreshTokenTtl = refreshTokenTtl;
        this.clock = clock;
    }

    public Mono<ServerResponse> token(ServerRequest request) {
        return request.formData()
                .flatMap(form -> {
                    String grantType = form.getFirst("grant_type");
                    String clientId = form.getFirst("client_id");
                    checkResource(form);
                    return clients.find(clientId).flatMap(client -> {
                        if (client.isEmpty()) {
                            return Mono.error(OAuthError.invalidClient("unknown client_id"));
                        }
                        Mono<Map<String, Object>> issued;
                        if ("authorization_code".equals(grantType)) {
                            issued = authorizationCode(form, clientId);
                        } else if ("refresh_token".equals(grantType)) {
                            issued = refreshToken(form, clientId);
                        } else {
                            return Mono.error(new OAuthError(
                                    "unsupported_grant_type",
                                    "grant_type must be authorization_code or refresh_token",
                                    HttpStatus.BAD_REQUEST));
                        }
                        // a client that keeps obtaining tokens is in use: its registration must not expire
                        return issued.flatMap(
                                body -> clients.keepAlive(client.get()).thenReturn(body));
                    });
                })
                .flatMap(body -> OAuthResponses.json(HttpStatus.OK, body))
                .onErrorResume(OAuthError.class, OAuthResponses::error);
    }

    private void checkResource(MultiValueMap<String, String> form) {
        List<String> resources = form.getOrDefault("resource", List.of());
        if (resources.size() > 1 || resources.size() == 1 && !resource.equals(resources.get(0))) {
            throw new OAuthError("invalid_target", "resource must be " + resource, HttpStatus.BAD_REQUEST);
        }
    }

    private Mono<Map<String, Object>> authorizationCode(MultiValueMap<String, String> form, String clientId) {
        String code = form.getFirst("code");
        if (code == null) {
            return Mono.error(OAuthError.invalidRequest("code missing"));
        }
        return Blocking.call(() -> store.redeemCode(code)).flatMap(redemption -> {
            if (redemption.outcome() != Redemption.Outcome.REDEEMED) {
                return refuse(
                        redemption.outcome(),
                        redemption.item() == null ? null : redemption.item().grantId(),
                        "code " + TokenHashes.fingerprint(code),
                        clientId,
                        "authorization code is invalid, expired or already used");
            }
            AuthorizationCode c = redemption.item();
            if (!c.clientId().equals(clientId)) {
                return Mono.error(OAuthError.invalidGrant("authorization code was issued to another client"));
            }
            if (!c.redirectUri().equals(form.getFirst("redirect_uri"))) {
                return Mono.error(OAuthError.invalidGrant("redirect_uri differs from the authorization request"));
            }
            if (!Pkce.matches(form.getFirst("code_verifier"), c.codeChallenge())) {
                return Mono.error(OAuthError.invalidGrant("PKCE verification failed"));
            }
            return grant(c.grantId()).flatMap(grant -> issue(grant, c.scope(), c.scope()));
        });
    }

    private Mono<Map<String, Object>> refreshToken(MultiValueMap<String, String> form, String clientId) {
        String token = form.getFirst("refresh_token");
        if (token == null) {
            return Mono.error(OAuthError.invalidRequest("refresh_token missing"));
        }
        return Blocking.call(() -> store.redeemRefreshToken(token)).flatMap(redemption -> {
            if (redemption.outcome() != Redemption.Outcome.REDEEMED) {
                return refuse(
                        redemption.outcome(),
                        redemption.item() == null ? null : redemption.item().grantId(),
                        "refresh token " + TokenHashes.fingerprint(token),
                        clientId,
                        "refresh token is invalid, expired or already used");
            }
            RefreshToken r = redemption.item();
            if (!r.clientId().equals(clientId)) {
                return Mono.error(OAuthError.invalidGrant("refresh token was issued to another client"));
            }
            String scope = r.scope();
            String requested = form.getFirst("scope");
            if (requested != null && !requested.isBlank()) {
                // narrowing only (RFC 6749 6)
                scope = AuthorizationEndpoint.grantedScope(
                        requested, List.of(r.scope().split(" ")));
            }
            String granted = scope;
            return grant(r.grantId()).flatMap(grant -> issue(grant, granted, r.scope()));
        });
    }

    /**
     * A second use means the code or refresh token leaked (or the client is broken): the grant goes, so every token
     * issued from it loses its upstream tokens and no refresh works (RFC 6749 4.1.2 and 10.5, OAuth 2.1 4.3.1).
     */
    private <T> Mono<T> refuse(
            Redemption.Outcome outcome, String grantId, String what, String clientId, String description) {
        if (outcome == Redemption.Outcome.ALREADY_REDEEMED && grantId != null) {
            log.warn("{} from client {} was used twice: revoking grant {}", what, clientId, grantId);
            return Blocking.run(() -> store.deleteGrant(grantId))
                    .doOnSuccess(done -> onRevoked.accept(grantId))
                    .then(Mono.error(OAuthError.invalidGrant(description)));
        }
        log.info("{} from client {} is unknown or expired", what, clientId);
        return Mono.error(OAuthError.invalidGrant(description));
    }

    private Mono<Grant> grant(String grantId) {
        return Blocking.call(() -> store.findGrant(grantId))
                .flatMap(grant -> grant.map(Mono::just)
                        .orElseGet(
                                () -> Mono.error(OAuthError.invalidGrant("the sign-in behind this grant has ended"))));
    }

    /**
     * @param refreshScope the scope the new refresh token carries: the original one, also when this access token was
     *        narrowed (RFC 6749 6)
     */
    private Mono<Map<String, Object>> issue(Grant grant, String scope, String refreshScope) {
        AccessTokenIssuer.Issued access = issuer.issue(grant, scope);
        String refreshToken = RandomTokens.next();
        // the grant's lifetime is absolute: a refresh token never outlives the sign-in behind it
        java.time.Instant refreshExpiry = clock.instant().plus(refreshTokenTtl);
        if (grant.expiresAt().isBefore(refreshExpiry)) {
            refreshExpiry = grant.expiresAt();
        }
        RefreshToken refresh =
                new RefreshToken(grant.grantId(), grant.clientId(), refreshScope, grant.resource(), refreshExpiry);
        return Blocking.run(() -> {
                    store.saveAccessToken(new IssuedAccessToken(access.jti(), grant.grantId(), access.expiresAt()));
                    store.saveRefreshToken(refreshToken, refresh);
                })
                .then(Mono.fromSupplier(() -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("access_token", access.token());
                    body.put("token_type", "Bearer");
                    body.put(
                            "expires_in",
                            Math.max(
                                    0,
                                    Duration.between(clock.instant(), access.expiresAt())
                                            .toSeconds()));
                    body.put("refresh_token", refreshToken);
                    body.put("scope", scope);
                    return body;
                }));
    }
}
