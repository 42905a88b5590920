package io.lakegate.connector.mcp;

import io.lakegate.connector.auth.AuthProperties;
import io.lakegate.connector.auth.BearerChallenges;
import io.lakegate.connector.auth.ToolScopes;
import io.lakegate.connector.resilience.RateLimits;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The front door: every WebFilter in front of the MCP endpoint, ordered by {@link McpFrontDoor} (apart from the Host
 * check, which guards every path, and {@link CallerIdentityWebFilter}, a component).
 */
@Configuration(proxyBeanMethods = false)
public class McpHardeningConfiguration {

    private final String mcpPath;

    McpHardeningConfiguration(@Value("${spring.ai.mcp.server.streamable-http.mcp-endpoint:/mcp}") String mcpPath) {
        this.mcpPath = mcpPath;
    }

    @Bean
    @ConditionalOnMissingBean(McpCallerResolver.class)
    McpCallerResolver mcpCallerResolver() {
        return new SecurityContextCallerResolver();
    }

    @Bean
    McpOriginFilter mcpOriginFilter(McpHttpProperties http) {
        return new McpOriginFilter(mcpPath, http);
    }

    @Bean
    McpProtocolVersionFilter mcpProtocolVersionFilter() {
        return new McpProtocolVersionFilter(mcpPath, McpProtocol.ALL);
    }

    @Bean
    McpRequestBodyFilter mcpRequestBodyFilter(McpTransportProperties props, ObjectProvider<McpDispatcher> dispatcher) {
        // the dispatcher knows the served tools; ask it on the first request (filters are built before it)
        return new McpRequestBodyFilter(
                mcpPath,
                props.getMaxRequestBytes(),
                props.getMaxJsonDepth(),
                tool -> dispatcher.getObject().servesTool(tool));
    }

    @Bean
    McpTracingWebFilter mcpTracingWebFilter(LakegateTelemetry telemetry) {
        return new McpTracingWebFilter(telemetry, mcpPath);
    }

    /** Scopes gate tools only where tokens carry scopes: the OAuth resource server mode. */
    @Bean
    @ConditionalOnProperty(name = "lakegate.auth.mode", havingValue = AuthProperties.OAUTH_MODE)
    ToolScopeFilter toolScopeFilter(ToolScopes scopes, BearerChallenges challenges) {
        return new ToolScopeFilter(mcpPath, scopes, challenges);
    }

    @Bean
    McpRateLimitFilter mcpRateLimitFilter(RateLimits rateLimits, McpCallerResolver callers) {
        return new McpRateLimitFilter(mcpPath, rateLimits, callers);
    }
}
