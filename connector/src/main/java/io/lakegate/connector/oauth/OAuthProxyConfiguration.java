package io.lakegate.connector.oauth;

import io.lakegate.connector.auth.AuthProperties;
import io.lakegate.connector.identity.UserAssertionSource;
import io.lakegate.connector.oauth.store.TokenStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code lakegate.oauth-proxy.enabled=true}: the connector is the authorization server MCP clients see (for IdPs
 * without dynamic client registration, such as Entra ID), with its own security filter chain so it does not collide
 * with the resource-server chain on /mcp.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lakegate.oauth-proxy.enabled", havingValue = "true")
public class OAuthProxyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OAuthProxyConfiguration.class);
    private static final Clock CLOCK = Clock.systemUTC();

    @Bean
    ProxySigningKey proxySigningKey(OAuthProxyProperties props) {
        if (props.getSigningKey() == null || props.getSigningKey().isBlank()) {
            log.warn("lakegate.oauth-proxy.signing-key is unset: generated a signing key. Tokens from this replica "
                    + "do not verify on other replicas or after a restart; configure a shared key for production.");
            return ProxySigningKey.generate();
        }
        return ProxySigningKey.fromPem(props.getSigningKey(), props.getSigningKeyId());
    }

    @Bean
    AccessTokenIssuer proxyAccessTokenIssuer(
            ProxySigningKey key, OAuthProxyProperties props, McpServerStreamableHttpProperties mcp) {
        requireIssuer(props);
        return new AccessTokenIssuer(
                key, props.issuer(), props.resourceUri(mcp.getMcpEndpoint()), props.getAccessTokenTtl(), CLOCK);
    }

    @Bean
    UpstreamIdentityProvider upstreamIdentityProvider(
            OAuthProxyProperties props, ObjectProvider<WebClient.Builder> web) {
        OAuthProxyProperties.Upstream upstream = props.getUpstream();
        if (upstream.getAuthorizationEndpoint() == null
                || upstream.getTokenEndpoint() == null
                || upstream.getClientId() == null) {
            throw new IllegalStateException("lakegate.oauth-proxy.upstream.authorization-endpoint, token-endpoint and "
                    + "client-id are required when the OAuth proxy is enabled");
        }
        return new UpstreamIdentityProvider(
                upstream, props.issuer() + OAuthPaths.CALLBACK, web.getObject().build(), CLOCK);
    }

    @Bean
    ClientRegistry proxyClientRegistry(TokenStore store, OAuthProxyProperties props) {
        if (props.getClientIdleTtl().compareTo(props.getRefreshTokenTtl()) <= 0) {
            log.warn(
                    "lakegate.oauth-proxy.client-idle-ttl ({}) is not above refresh-token-ttl ({}): a client whose "
                            + "users refresh rarely can be forgotten while its refresh tokens are still valid",
                    props.getClientIdleTtl(),
                    props.getRefreshTokenTtl());
        }
        return new ClientRegistry(store, ClientRegistry.metadataDocumentClient(props), props, CLOCK);
    }

    @Bean
    RouterFunction<ServerResponse> oauthProxyRoutes(
            OAuthProxyProperties props,
            ProxySigningKey key,
            ClientRegistry clients,
            TokenStore store,
            UpstreamIdentityProvider upstream,
            AccessTokenIssuer issuer,
            McpServerStreamableHttpProperties mcp,
            AuthProperties auth,
            LiveGrantCheck grants) {
        List<String> scopes = offeredScopes(props, auth);
        String resource = props.resourceUri(mcp.getMcpEndpoint());
        AuthorizationServerEndpoints server = new AuthorizationServerEndpoints(props, scopes, key, clients);
        RememberedConsent consents = new RememberedConsent(
                key.derive("lakegate consent cookie v1"),
                props.getConsentRememberFor(),
                props.issuer().startsWith("https://"));
        AuthorizationEndpoint authorization = new AuthorizationEndpoint(
                clients, store, upstream, props, scopes, resource, consents, ScopeWords.of(auth), CLOCK);
        TokenEndpoint token =
                new TokenEndpoint(clients, store, issuer, resource, props.getRefreshTokenTtl(), CLOCK, grants::revoked);
        OAuthProxyProperties.RateLimits limits = props.getRateLimits();
        OAuthRateLimiter registerLimit = limiter("register", limits.getRegister(), limits);
        // one limit for both steps of a sign-in: each of them stores a pending record
        OAuthRateLimiter authorizeLimit = limiter("authorize", limits.getAuthorize(), limits);
        OAuthRateLimiter tokenLimit = limiter("token", limits.getToken(), limits);
        return RouterFunctions.route()
                .GET(OAuthPaths.METADATA, server::metadata)
                .GET(OAuthPaths.JWKS, server::jwks)
                .POST(OAuthPaths.REGISTER, registerLimit.protect(server::register, false))
                .GET(OAuthPaths.AUTHORIZE, authorizeLimit.protect(authorization::authorize, true))
                .POST(OAuthPaths.CONSENT, authorizeLimit.protect(authorization::consent, true))
                // not limited: it only completes a sign-in already counted, and the IdP sends the browser back once
                .GET(OAuthPaths.CALLBACK, authorization::callback)
                .POST(OAuthPaths.TOKEN, tokenLimit.protect(token::token, false))
                .build();
    }

    private static OAuthRateLimiter limiter(String name, int permits, OAuthProxyProperties.RateLimits limits) {
        return new OAuthRateLimiter(
                name, limits.isEnabled() ? permits : 0, limits.getPeriod(), limits.getMaxAddresses());
    }

    /** Open endpoints (the OAuth protocol authenticates its own requests); first, and only for its own paths. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain oauthProxySecurity(ServerHttpSecurity http) {
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(
                        OAuthPaths.METADATA, OAuthPaths.METADATA + "/**", "/oauth/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(ex -> ex.anyExchange().permitAll())
                .build();
    }

    /** Refuses the proxy's access tokens once their grant is revoked (resource-server side, every replica). */
    @Bean
    LiveGrantCheck proxyLiveGrantCheck(TokenStore store, OAuthProxyProperties props) {
        requireIssuer(props);
        return new LiveGrantCheck(store, props.issuer(), props.getGrantCheckTtl(), CLOCK);
    }

    @Bean
    @Primary
    UserAssertionSource proxyUserAssertionSource(
            AccessTokenIssuer issuer, TokenStore store, UpstreamIdentityProvider upstream, OAuthProxyProperties props) {
        return new ProxyUserAssertionSource(
                issuer, store, upstream, props.getUpstream().getRefreshSkew(), CLOCK);
    }

    /**
     * The scopes clients may ask for: as configured, else the resource server's in identity mode {@code oauth} (so
     * proxy-issued tokens carry what the tools need), else {@code mcp:tools}.
     */
    static List<String> offeredScopes(OAuthProxyProperties props, AuthProperties auth) {
        if (!props.getScopes().isEmpty()) {
            return List.copyOf(props.getScopes());
        }
        return AuthProperties.OAUTH_MODE.equals(auth.mode()) ? auth.allScopes() : List.of("mcp:tools");
    }

    private static void requireIssuer(OAuthProxyProperties props) {
        if (props.issuer() == null || props.issuer().isBlank()) {
            throw new IllegalStateException("lakegate.oauth-proxy.issuer (the connector's public base URL) is required "
                    + "when the OAuth proxy is enabled");
        }
    }
}
