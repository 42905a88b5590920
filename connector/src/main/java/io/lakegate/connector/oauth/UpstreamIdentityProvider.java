package io.lakegate.connector.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.lakegate.connector.oauth.store.UpstreamTokens;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The upstream identity provider (Entra ID in production), spoken to as a confidential OAuth client: Lakegate sends
 * the user there to sign in (with its own PKCE and state) and redeems and refreshes the upstream tokens.
 */
public class UpstreamIdentityProvider {

    private static final Logger log = LoggerFactory.getLogger(UpstreamIdentityProvider.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    /** The user an upstream sign-in identified, with the tokens it produced. */
    public record SignIn(String subject, String displayName, UpstreamTokens tokens) {}

    private final OAuthProxyProperties.Upstream config;
    private final String callbackUri;
    private final WebClient web;
    private final Clock clock;

    public UpstreamIdentityProvider(
            OAuthProxyProperties.Upstream config, String callbackUri, WebClient web, Clock clock) {
        this.config = config;
        this.callbackUri = callbackUri;
        this.web = web;
        this.clock = clock;
    }

    public String authorizeUrl(String state, String codeChallenge) {
        return RedirectUris.withQuery(
                config.getAuthorizationEndpoint(),
                "response_type",
                "code",
                "client_id",
                config.getClientId(),
                "redirect_uri",
                callbackUri,
                "scope",
                String.join(" ", config.getScopes()),
                "state",
                state,
                "code_challenge",
                codeChallenge,
                "code_challenge_method",
                Pkce.S256);
    }

    public Mono<SignIn> redeem(String code, String codeVerifier) {
        MultiValueMap<String, String> form = clientForm("authorization_code");
        form.add("code", code);
        form.add("redirect_uri", callbackUri);
        form.add("code_verifier", codeVerifier);
        return tokenRequest(form).map(body -> {
            UpstreamTokens tokens = tokens(body, null);
            JWTClaimsSet claims =
                    claims(tokens.idToken()) != null ? claims(tokens.idToken()) : claims(tokens.accessToken());
            String subject = claims == null ? null : firstClaim(claims, config.getSubjectClaims());
            if (subject == null) {
                throw new UpstreamException(
                        "the upstream tokens name no user (claims " + config.getSubjectClaims() + ")");
            }
            String name = firstClaim(claims, List.of("preferred_username", "upn", "email", "name"));
            return new SignIn(subject, name, tokens);
        });
    }

    /** New upstream tokens from the upstream refresh token; keeps the old refresh token when none is returned. */
    public Mono<UpstreamTokens> refresh(UpstreamTokens current) {
        if (current.refreshToken() == null) {
            return Mono.error(new UpstreamException("no upstream refresh token; the user must sign in again"));
        }
        MultiValueMap<String, String> form = clientForm("refresh_token");
        form.add("refresh_token", current.refreshToken());
        form.add("scope", String.join(" ", config.getScopes()));
        return tokenRequest(form).map(body -> tokens(body, current.refreshToken()));
    }

    private MultiValueMap<String, String> clientForm(String grantType) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", grantType);
        form.add("client_id", config.getClientId());
        if (config.getClientSecret() != null) {
            form.add("client_secret", config.getClientSecret());
        }
        return form;
    }

    private Mono<Map<String, Object>> tokenRequest(MultiValueMap<String, String> form) {
        return web.post()
                .uri(config.getTokenEndpoint())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(response -> response.bodyToMono(JSON_OBJECT)
                        .defaultIfEmpty(Map.of())
                        .flatMap(body -> {
                            if (response.statusCode().is2xxSuccessful() && body.get("access_token") instanceof String) {
                                return Mono.just(body);
                            }
                            // the error code only: descriptions may echo request details
                            log.warn(
                                    "upstream token endpoint answered {} error={}",
                                    response.statusCode().value(),
                                    body.get("error"));
                            return Mono.error(new UpstreamException("the upstream token endpoint refused the request ("
                                    + body.getOrDefault(
                                            "error", response.statusCode().value()) + ")"));
                        }));
    }

    private UpstreamTokens tokens(Map<String, Object> body, String previousRefreshToken) {
        Object expiresIn = body.get("expires_in");
        Instant expiresAt = null;
        if (expiresIn != null) {
            expiresAt = clock.instant().plusSeconds(Long.parseLong(expiresIn.toString()));
        }
        Object refresh = body.get("refresh_token");
        return new UpstreamTokens(
                (String) body.get("access_token"),
                refresh instanceof String r ? r : previousRefreshToken,
                body.get("id_token") instanceof String id ? id : null,
                expiresAt);
    }

    /**
     * Claims without signature check: the tokens came straight from the upstream token endpoint over TLS, which
     * OpenID Connect Core 3.1.3.7 accepts in place of the signature.
     */
    private static JWTClaimsSet claims(String token) {
        if (token == null) {
            return null;
        }
        try {
            return JWTParser.parse(token).getJWTClaimsSet();
        } catch (ParseException notAJwt) {
            return null;
        }
    }

    private static String firstClaim(JWTClaimsSet claims, List<String> names) {
        if (claims == null) {
            return null;
        }
        for (String name : names) {
            Object value = claims.getClaim(name);
            if (value instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    /** The upstream IdP refused or answered something unusable; the message is safe to show. */
    public static class UpstreamException extends RuntimeException {
        public UpstreamException(String message) {
            super(message);
        }
    }
}
