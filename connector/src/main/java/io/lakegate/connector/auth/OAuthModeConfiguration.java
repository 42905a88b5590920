package io.lakegate.connector.auth;

import com.microsoft.aad.msal4j.IHttpClient;
import io.lakegate.connector.databricks.DatabricksClient;
import io.lakegate.connector.databricks.DatabricksCredentials;
import io.lakegate.connector.identity.UserAssertionSource;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code lakegate.auth.mode=oauth}: the connector is an OAuth 2.1 resource server for {@code /mcp} (JWT signature via
 * JWKS, issuer, expiry, audience = {@code lakegate.auth.resource}), publishes RFC 9728 metadata, gates tools by scope,
 * and obtains each user's Databricks token by exchanging the user's assertion ({@code obo}: Entra on-behalf-of;
 * {@code federation}: Databricks RFC 8693). The inbound token is never sent to Databricks.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lakegate.auth.mode", havingValue = AuthProperties.OAUTH_MODE)
public class OAuthModeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OAuthModeConfiguration.class);

    @Bean
    BearerChallenges bearerChallenges(AuthProperties properties) {
        requireSettings(properties);
        return new BearerChallenges(properties);
    }

    @Bean
    ReactiveJwtDecoder inboundJwtDecoder(AuthProperties properties, ObjectProvider<InboundTokenCheck> checks) {
        requireSettings(properties);
        String issuer = properties.effectiveIssuer();
        NimbusReactiveJwtDecoder decoder = (properties.jwkSetUri() != null
                                && !properties.jwkSetUri().isBlank()
                        ? NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                        : NimbusReactiveJwtDecoder.withIssuerLocation(issuer))
                .jwsAlgorithms(algs -> {
                    algs.add(SignatureAlgorithm.RS256);
                    algs.add(SignatureAlgorithm.ES256);
                })
                .build();
        Set<String> audiences = properties.acceptedAudiences();
        JwtClaimValidator<List<String>> audience = new JwtClaimValidator<>(
                JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains));
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<Jwt>(JwtValidators.createDefaultWithIssuer(issuer), audience));
        List<InboundTokenCheck> extra = checks.orderedStream().toList();
        // Nimbus reports verification keys it cannot fetch as a plain IllegalStateException, which Spring Security
        // passes on as a 500; as a JwtException it becomes an AuthenticationServiceException, answered 503
        // (TokenVerificationFailures): the verifier is down, the token was never judged
        ReactiveJwtDecoder judged = token -> decoder.decode(token)
                .onErrorMap(e -> !(e instanceof JwtException), e -> new JwtException("cannot verify the token now", e));
        if (extra.isEmpty()) {
            return judged;
        }
        return token -> judged.decode(token)
                .flatMap(jwt -> Flux.fromIterable(extra)
                        .concatMap(check -> check.check(jwt))
                        .then(Mono.just(jwt)));
    }

    @Bean
    SecurityWebFilterChain oauthSecurity(
            ServerHttpSecurity http,
            ReactiveJwtDecoder decoder,
            BearerChallenges challenges,
            AuthProperties properties,
            McpServerStreamableHttpProperties mcp) {
        String endpoint = mcp.getMcpEndpoint();
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // stateless bearer authentication: by default both would open a WebSession on every request (a
                // SecureRandom id made on a bounded-elastic thread, then a hop to a parallel one before the call)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(ex -> ex.pathMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .pathMatchers(
                                ProtectedResourceMetadata.WELL_KNOWN, ProtectedResourceMetadata.WELL_KNOWN + "/**")
                        .permitAll()
                        .pathMatchers(endpoint, endpoint + "/**")
                        .access(allScopes(properties.scopes()))
                        .anyExchange()
                        .denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(challenges.entryPoint())
                        .accessDeniedHandler(challenges.accessDeniedHandler()))
                .oauth2ResourceServer(rs -> rs.authenticationEntryPoint(challenges.entryPoint())
                        .authenticationFailureHandler(new TokenVerificationFailures(challenges.entryPoint()))
                        .accessDeniedHandler(challenges.accessDeniedHandler())
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(new JwtCallerConverter())))
                .build();
    }

    /** Every base scope must be granted (Spring's hasAnyAuthority would accept one of them). */
    private static ReactiveAuthorizationManager<AuthorizationContext> allScopes(List<String> scopes) {
        return (authentication, context) -> authentication
                .filter(Authentication::isAuthenticated)
                .map(auth -> auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .toList())
                .map(granted -> (AuthorizationResult)
                        new AuthorizationDecision(scopes.stream().allMatch(s -> granted.contains("SCOPE_" + s))))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    @Bean
    RouterFunction<ServerResponse> protectedResourceMetadata(AuthProperties properties) {
        return ProtectedResourceMetadata.routes(properties);
    }

    /** The caller's own token is the assertion, unless the OAuth proxy contributes a {@code @Primary} source. */
    @Bean
    UserAssertionSource inboundTokenAssertionSource() {
        return new InboundTokenAssertionSource();
    }

    @Bean(destroyMethod = "dispose")
    Scheduler identityProviderScheduler(AuthProperties properties) {
        return Schedulers.newBoundedElastic(properties.exchange().maxConcurrentExchanges(), 1_000, "lakegate-idp");
    }

    @Bean
    OnBehalfOfExchange onBehalfOfExchange(
            AuthProperties properties,
            Environment environment,
            Scheduler identityProviderScheduler,
            ObjectProvider<IHttpClient> msalHttpClient) {
        return new OnBehalfOfExchange(
                properties, environment, identityProviderScheduler, msalHttpClient.getIfAvailable());
    }

    @Bean
    FederationExchange federationExchange(WebClient.Builder webClients, AuthProperties properties) {
        return new FederationExchange(webClients, properties);
    }

    @Bean
    DatabricksCredentials exchangingDatabricksCredentials(
            List<TokenExchange> exchanges,
            UserAssertionSource assertions,
            AuthProperties properties,
            LakegateTelemetry telemetry) {
        log.info(
                "lakegate.auth.mode=oauth: resource {} (issuer {}), Databricks tokens by per-user exchange ({})",
                properties.effectiveResource(),
                properties.effectiveIssuer(),
                exchanges.stream().map(TokenExchange::workspaceMode).toList());
        return new ExchangingDatabricksCredentials(exchanges, assertions, properties.exchange(), telemetry);
    }

    /** Calls without a {@code workspace} argument go to the first workspace that accepts the caller. */
    @Bean
    FirstAccessibleWorkspace firstAccessibleWorkspace(ObjectProvider<DatabricksClient> client) {
        return new FirstAccessibleWorkspace(client);
    }

    private static void requireSettings(AuthProperties properties) {
        if (properties.effectiveIssuer() == null || properties.effectiveIssuer().isBlank()) {
            throw new IllegalStateException(
                    "lakegate.auth.mode=oauth needs lakegate.auth.issuer-uri (or lakegate.auth.issuer)");
        }
        if (properties.effectiveResource() == null
                || properties.effectiveResource().isBlank()) {
            throw new IllegalStateException(
                    "lakegate.auth.mode=oauth needs lakegate.auth.resource (or lakegate.auth.audience), the public URL of the "
                            + "MCP endpoint");
        }
    }
}
