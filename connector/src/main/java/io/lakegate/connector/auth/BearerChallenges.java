package io.lakegate.connector.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resource server's 401/403 answers (MCP authorization, RFC 6750 + RFC 9728): {@code WWW-Authenticate: Bearer
 * resource_metadata="...", scope="..."} plus {@code error="invalid_token"} when a token was presented and refused, or
 * {@code error="insufficient_scope"} on 403. Spring Security's reactive handlers send neither {@code resource_metadata}
 * nor {@code scope}, hence these. Bodies are a small JSON object, never an exception text with a stack trace.
 */
public class BearerChallenges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String resourceMetadataUrl;
    private final String baseScopes;
    /**
     * Asked for by a client signing in (MCP scope selection takes the 401's {@code scope} first): the base scopes and
     * every tool scope, so a user whose sign-in is granted them never needs a step-up. A step-up cannot go through a
     * refresh token, which never widens its grant, so clients would otherwise have to sign in again per tool group.
     */
    private final String signInScopes;

    public BearerChallenges(AuthProperties properties) {
        this.resourceMetadataUrl = resourceMetadataUrl(properties.effectiveResource());
        this.baseScopes = String.join(" ", properties.scopes());
        this.signInScopes = String.join(" ", properties.allScopes());
    }

    /** RFC 9728 section 3.1: the well-known segment goes between host and path. */
    public static String resourceMetadataUrl(String resource) {
        URI uri = URI.create(resource);
        String path = uri.getRawPath() == null || "/".equals(uri.getRawPath()) ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getRawAuthority() + ProtectedResourceMetadata.WELL_KNOWN + path;
    }

    public ServerAuthenticationEntryPoint entryPoint() {
        return (exchange, failure) -> unauthorized(exchange, failure);
    }

    public ServerAccessDeniedHandler accessDeniedHandler() {
        return (exchange, denied) -> insufficientScope(exchange, baseScopes);
    }

    Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException failure) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("resource_metadata", resourceMetadataUrl);
        params.put("scope", signInScopes);
        Map<String, String> body = new LinkedHashMap<>();
        if (failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError() instanceof BearerTokenError bearer
                && bearer.getErrorCode() != null
                && !bearer.getErrorCode().isBlank()) {
            params.put("error", bearer.getErrorCode());
            if (bearer.getDescription() != null) {
                params.put("error_description", sanitize(bearer.getDescription()));
            }
            body.put("error", bearer.getErrorCode());
            body.put("error_description", params.getOrDefault("error_description", "the bearer token was refused"));
        } else if (failure instanceof OAuth2AuthenticationException oauth && oauth.getError() != null) {
            params.put("error", "invalid_token");
            body.put("error", "invalid_token");
            body.put("error_description", "the bearer token was refused");
        } else {
            body.put("error", "unauthorized");
            body.put("error_description", "a bearer token is required; see " + resourceMetadataUrl);
        }
        return write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, params, body);
    }

    /** 403 {@code insufficient_scope}; {@code scope} lists what the request needs (space separated). */
    public Mono<Void> insufficientScope(ServerWebExchange exchange, String neededScopes) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("resource_metadata", resourceMetadataUrl);
        params.put("scope", neededScopes);
        params.put("error", "insufficient_scope");
        params.put("error_description", "the token lacks a scope this request needs");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", "insufficient_scope");
        body.put("error_description", "the token lacks a scope this request needs");
        body.put("scope", neededScopes);
        return write(exchange.getResponse(), HttpStatus.FORBIDDEN, params, body);
    }

    public static String scopes(Collection<String> scopes) {
        return String.join(" ", scopes);
    }

    private static Mono<Void> write(
            ServerHttpResponse response, HttpStatus status, Map<String, String> params, Map<String, String> body) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        StringBuilder challenge = new StringBuilder("Bearer ");
        params.forEach((k, v) -> {
            if (challenge.length() > "Bearer ".length()) {
                challenge.append(", ");
            }
            challenge.append(k).append("=\"").append(v).append('"');
        });
        response.setStatusCode(status);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge.toString());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    /** Keeps a description safe inside a quoted header parameter (RFC 6750: no '"' or '\'). */
    private static String sanitize(String description) {
        String s =
                description.replaceAll("[^\\x20-\\x7E]", " ").replace('"', '\'').replace('\\', '/');
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
