package io.lakegate.connector.devmode;

import io.lakegate.connector.auth.TokenVerificationFailures;
import io.lakegate.connector.databricks.DatabricksClient;
import io.lakegate.connector.databricks.DatabricksCredentials;
import io.lakegate.connector.workspace.WorkspaceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Mono;

/**
 * {@code lakegate.auth.mode=dev-emulator-token}: explicit local-development identity mode for the demo and tests
 * against the Databricks emulator. The MCP endpoint requires a bearer (401 with {@code WWW-Authenticate: Bearer}
 * otherwise), the emulator vouches for it, and it is used as the caller's Databricks token. Never for production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lakegate.auth.mode", havingValue = DevModeConfiguration.MODE)
public class DevModeConfiguration {

    public static final String MODE = "dev-emulator-token";
    private static final Logger log = LoggerFactory.getLogger(DevModeConfiguration.class);

    @Bean
    DatabricksCredentials devEmulatorTokenCredentials() {
        log.warn("lakegate.auth.mode=dev-emulator-token: LOCAL DEVELOPMENT MODE. Client bearer tokens are emulator "
                + "tokens and are sent to 'dev-token' workspaces as is. Never run this mode against real workspaces.");
        return new DevEmulatorTokenCredentials();
    }

    @Bean
    SecurityWebFilterChain devSecurity(
            ServerHttpSecurity http,
            @Lazy DatabricksClient client,
            WorkspaceRegistry registry,
            McpServerStreamableHttpProperties mcp) {
        DevTokenAuthenticationManager manager = new DevTokenAuthenticationManager(client, registry);
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
                        .pathMatchers(mcp.getMcpEndpoint(), mcp.getMcpEndpoint() + "/**")
                        .authenticated()
                        .anyExchange()
                        .denyAll())
                .oauth2ResourceServer(rs -> rs.authenticationManagerResolver(exchange -> Mono.just(manager))
                        .authenticationFailureHandler(
                                new TokenVerificationFailures(new BearerTokenServerAuthenticationEntryPoint())))
                .build();
    }
}
