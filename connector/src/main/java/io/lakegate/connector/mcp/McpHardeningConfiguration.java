package io.lakegate.connector.mcp;

import java.time.Clock;
import java.util.List;

import io.lakegate.connector.tools.ToolSelection;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.spec.ProtocolVersions;
import org.springframework.ai.mcp.server.webflux.transport.WebFluxStreamableServerTransportProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The WebFilters that close the Streamable HTTP transport gaps of Spring AI 2.0 (see mcp.md §2). */
@Configuration(proxyBeanMethods = false)
public class McpHardeningConfiguration {

    static final List<String> DEFAULT_VERSIONS = List.of(ProtocolVersions.MCP_2024_11_05,
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

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
    McpProtocolVersionFilter mcpProtocolVersionFilter(
            ObjectProvider<WebFluxStreamableServerTransportProvider> transport) {
        WebFluxStreamableServerTransportProvider t = transport.getIfAvailable();
        return new McpProtocolVersionFilter(mcpPath, t == null ? DEFAULT_VERSIONS : t.protocolVersions());
    }

    @Bean
    McpRequestBodyFilter mcpRequestBodyFilter(McpTransportProperties props, ObjectProvider<McpAsyncServer> server,
            ObjectProvider<ToolSelection> tools) {
        // the server bean is built after the web filters; ask for its capabilities on the first request
        McpServedMethods served = new McpServedMethods(() -> server.getObject().getServerCapabilities(), tools::getObject);
        return new McpRequestBodyFilter(mcpPath, props.getMaxRequestBytes(), props.getMaxJsonDepth(), served);
    }

    @Bean
    McpSessionRegistry mcpSessionRegistry(McpTransportProperties props, Clock clock,
            ObjectProvider<WebFluxStreamableServerTransportProvider> transport) {
        TransportSessionReleaser releaser = new TransportSessionReleaser(transport.getIfAvailable());
        return new McpSessionRegistry(props.getSessionIdleTimeout(), props.getSessionTombstoneTtl(), clock, releaser);
    }

    @Bean
    McpSessionGuardFilter mcpSessionGuardFilter(McpSessionRegistry registry, McpCallerResolver callers) {
        return new McpSessionGuardFilter(mcpPath, registry, callers);
    }
}
