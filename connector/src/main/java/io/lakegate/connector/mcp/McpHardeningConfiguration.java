package io.lakegate.connector.mcp;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The WebFilters in front of the MCP endpoint: Origin/Host, protocol version header, body checks. */
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
        return new McpRequestBodyFilter(mcpPath, props.getMaxRequestBytes(), props.getMaxJsonDepth(),
                tool -> dispatcher.getObject().servesTool(tool));
    }
}
