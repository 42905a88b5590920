package io.lakegate.connector.mcp;

import io.lakegate.connector.tools.ToolInvoker;
import io.lakegate.connector.tools.ToolSelection;
import io.lakegate.connector.tools.ToolSelectionProperties;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import java.util.List;
import org.springframework.ai.mcp.customizer.McpAsyncServerCustomizer;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.ai.mcp.server.webflux.transport.WebFluxStreamableServerTransportProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the MCP server: our own Streamable HTTP transport (Origin validation + per-request caller extraction instead
 * of the auto-configured one, which has neither), the tool specifications from {@link ToolInvoker}, and the SDK's
 * built-in input validation switched off because the invoker validates inside its pipeline.
 */
@Configuration(proxyBeanMethods = false)
public class McpServerConfiguration {

    @Bean
    WebFluxStreamableServerTransportProvider mcpTransport(@Qualifier("mcpServerJsonMapper") JsonMapper json,
            McpServerStreamableHttpProperties streamable, McpHttpProperties http) {
        DefaultServerTransportSecurityValidator.Builder security = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(http.allowedOrigins());
        if (!http.allowedHosts().isEmpty()) {
            security.allowedHosts(http.allowedHosts());
        }
        WebFluxStreamableServerTransportProvider.Builder builder = WebFluxStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .messageEndpoint(streamable.getMcpEndpoint())
                .disallowDelete(streamable.isDisallowDelete())
                .securityValidator(security.build())
                // runs per POST, so the tool sees the caller of this request, not of the session's first request
                .contextExtractor(request -> McpCallerContext.fromExchange(request.exchange()));
        if (streamable.getKeepAliveInterval() != null) {
            builder.keepAliveInterval(streamable.getKeepAliveInterval());
        }
        return builder.build();
    }

    @Bean
    ToolSelection toolSelection(ToolInvoker invoker, ToolSelectionProperties selection) {
        return ToolSelection.of(selection, invoker.specifications().stream().map(s -> s.tool().name()).toList());
    }

    @Bean
    List<AsyncToolSpecification> lakegateToolSpecifications(ToolInvoker invoker, ToolSelection served) {
        // a tool that is not served is not registered at all: not listed, and calling it is an unknown tool
        return invoker.specifications().stream().filter(s -> served.test(s.tool().name())).toList();
    }

    @Bean
    McpAsyncServerCustomizer pipelineValidatesToolInputs() {
        return spec -> spec.validateToolInputs(false);
    }
}
