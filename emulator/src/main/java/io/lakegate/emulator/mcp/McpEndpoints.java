package io.lakegate.emulator.mcp;

import io.lakegate.emulator.auth.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.ai.mcp.server.webflux.transport.WebFluxStreamableServerTransportProvider;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds one MCP server per managed endpoint (Streamable HTTP, MCP Java SDK), answering as {@code DatabricksMCPServer
 * 0.1.0}. The transport puts the caller that {@code RequestPipeline} authenticated into the per-request transport
 * context, so every tool call runs as the bearer's user.
 */
public final class McpEndpoints implements AutoCloseable {

    static final String USER = "user";
    static final JacksonMcpJsonMapper JSON =
            new JacksonMcpJsonMapper(JsonMapper.builder().build());

    private final List<McpAsyncServer> servers = new ArrayList<>();

    @SuppressWarnings("unchecked")
    public RouterFunction<ServerResponse> endpoint(
            String path, String instructions, List<McpServerFeatures.AsyncToolSpecification> tools) {
        WebFluxStreamableServerTransportProvider transport = WebFluxStreamableServerTransportProvider.builder()
                .jsonMapper(JSON)
                .messageEndpoint(path)
                .contextExtractor(req -> McpTransportContext.create(req.attribute(Caller.ATTRIBUTE)
                        .map(c -> Map.<String, Object>of(USER, ((Caller) c).userName()))
                        .orElse(Map.of())))
                .build();
        McpAsyncServer server = McpServer.async(transport)
                .serverInfo("DatabricksMCPServer", "0.1.0")
                .instructions(instructions)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .requestTimeout(Duration.ofSeconds(60))
                .jsonMapper(JSON)
                // Databricks validates arguments itself and answers a JSON-RPC "BAD_REQUEST: ..." error (ToolArgs), not
                // the
                // SDK's isError result.
                .validateToolInputs(false)
                .tools(tools)
                .build();
        servers.add(server);
        return (RouterFunction<ServerResponse>) transport.getRouterFunction();
    }

    /** The authenticated user of this tool call (set by the transport's context extractor). */
    static String user(McpAsyncServerExchange exchange) {
        Object u = exchange.transportContext().get(USER);
        if (!(u instanceof String s)) {
            throw new IllegalStateException("MCP request without an authenticated user");
        }
        return s;
    }

    static McpSchema.CallToolResult result(Map<String, Object> structured, boolean isError) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(io.lakegate.emulator.http.Json.write(structured))
                .structuredContent(structured)
                .isError(isError)
                .build();
    }

    static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        return Map.of("type", "object", "properties", properties, "required", required);
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    @Override
    public void close() {
        for (McpAsyncServer s : servers) {
            s.closeGracefully().block(Duration.ofSeconds(5));
        }
    }
}
