package io.lakegate.connector.mcp;

import io.lakegate.connector.auth.AuthProperties;
import io.lakegate.connector.auth.ToolScopes;
import io.lakegate.connector.oauth.ProxySigningKey;
import io.lakegate.connector.oauth.ReplicaSecrets;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolInvoker;
import io.lakegate.connector.tools.ToolSelection;
import io.lakegate.connector.tools.ToolSelectionProperties;
import io.lakegate.connector.upstream.StatementHandles;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the MCP endpoint: Lakegate's own dual-era {@link McpDispatcher} over the tool specifications from
 * {@link ToolInvoker} (the one registry), behind {@link McpEndpoint}. Spring AI's MCP server auto-configuration is
 * excluded ({@code spring.autoconfigure.exclude}): its transports keep sessions in one process's memory and know no
 * revision past 2025-11-25. Its properties ({@code spring.ai.mcp.server.*}) still name and describe the server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(McpServerStreamableHttpProperties.class)
public class McpServerConfiguration {

    @Bean
    ToolSelection toolSelection(ToolInvoker invoker, ToolSelectionProperties selection) {
        return ToolSelection.of(
                selection,
                invoker.specifications().stream().map(s -> s.tool().name()).toList());
    }

    /**
     * Per-tool scopes (used in identity mode {@code oauth}) from the group each tool declares, over every tool, served
     * or not: built here, where the tools are known, so that {@code auth} needs no knowledge of them.
     */
    @Bean
    ToolScopes toolScopes(AuthProperties properties, ToolInvoker invoker) {
        return new ToolScopes(
                properties,
                invoker.tools().stream()
                        .collect(Collectors.toUnmodifiableMap(
                                LakegateTool::name, tool -> tool.group().id())));
    }

    @Bean
    List<AsyncToolSpecification> lakegateToolSpecifications(ToolInvoker invoker, ToolSelection served) {
        // a tool that is not served is not registered at all: not listed, and calling it is an unknown tool
        return invoker.specifications().stream()
                .filter(s -> served.test(s.tool().name()))
                .toList();
    }

    @Bean
    ReplicaSecrets replicaSecrets(McpTransportProperties props, ObjectProvider<ProxySigningKey> signingKey) {
        return new ReplicaSecrets(props.getSessionKey(), signingKey.getIfAvailable());
    }

    /** Built here, beside the session ids, so the upstream client needs only its key, not the OAuth proxy's types. */
    @Bean
    StatementHandles statementHandles(ReplicaSecrets secrets) {
        return new StatementHandles(secrets.derive(StatementHandles.KEY_PURPOSE));
    }

    @Bean
    McpSessionIds mcpSessionIds(McpTransportProperties props, Clock clock, ReplicaSecrets secrets) {
        return new McpSessionIds(secrets.derive(McpSessionIds.KEY_PURPOSE), props.getSessionMaxAge(), clock);
    }

    @Bean
    McpDispatcher mcpDispatcher(
            ToolInvoker invoker,
            List<AsyncToolSpecification> lakegateToolSpecifications,
            McpSessionIds sessions,
            McpTransportProperties props,
            ObjectProvider<ToolScopeFilter> toolScopes,
            ObjectProvider<LakegateTelemetry> telemetry,
            @Value("${spring.ai.mcp.server.name:lakegate-connector}") String name,
            @Value("${spring.ai.mcp.server.version:0.1.0}") String version,
            @Value("${spring.ai.mcp.server.instructions:}") String instructions) {
        List<Tool> tools = lakegateToolSpecifications.stream()
                .map(AsyncToolSpecification::tool)
                .toList();
        // with per-tool scopes (oauth mode) tools/list depends on the caller's token: private to that caller
        boolean perCaller = toolScopes.getIfAvailable() != null;
        return new McpDispatcher(
                JsonMapper.builder().build(),
                invoker,
                tools,
                sessions,
                new McpDispatcher.Settings(
                        name, version, instructions, props.getListCacheTtl().toMillis(), perCaller),
                telemetry.getIfAvailable());
    }

    @Bean
    RouterFunction<ServerResponse> mcpRoutes(
            McpServerStreamableHttpProperties streamable, McpDispatcher dispatcher, McpCallerResolver callers) {
        return new McpEndpoint(
                        streamable.getMcpEndpoint(),
                        dispatcher,
                        callers,
                        JsonMapper.builder().build())
                .routes();
    }
}
