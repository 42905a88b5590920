package io.lakegate.bench.load;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import reactor.core.publisher.Mono;

/**
 * One MCP session over Streamable HTTP (MCP Java SDK, JDK HttpClient transport), authenticated with a bearer token. A
 * tool result flagged {@code isError} counts as a failed call.
 */
public final class McpVirtualUser implements McpUser {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final McpAsyncClient client;

    private McpVirtualUser(McpAsyncClient client) {
        this.client = client;
    }

    /**
     * Opens a session: {@code initialize} + {@code notifications/initialized}. HTTP/1.1 is forced because neither server
     * speaks cleartext HTTP/2 and the JDK client would otherwise send an h2c upgrade on the first request.
     */
    public static McpVirtualUser connect(String baseUrl, String endpoint, String bearer, Executor executor) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint(endpoint)
                .clientBuilder(HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .executor(executor))
                .httpRequestCustomizer(
                        (builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + bearer))
                .build();
        McpAsyncClient client = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("lakegate-bench", "0.1.0"))
                .requestTimeout(REQUEST_TIMEOUT)
                .initializationTimeout(REQUEST_TIMEOUT)
                .build();
        McpVirtualUser user = new McpVirtualUser(client);
        try {
            client.initialize().block(REQUEST_TIMEOUT.plusSeconds(5));
        } catch (RuntimeException e) {
            user.close();
            throw new IllegalStateException(
                    "MCP session to " + baseUrl + endpoint + " failed: " + ClosedLoop.describe(e), e);
        }
        return user;
    }

    @Override
    public Mono<Void> call(Operation operation) {
        if (operation.isListTools()) {
            return client.listTools()
                    .flatMap(r -> r.tools().isEmpty()
                            ? Mono.error(new IllegalStateException("tools/list returned no tools"))
                            : Mono.empty());
        }
        McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder(operation.tool())
                .arguments(operation.arguments())
                .build();
        return client.callTool(request)
                .flatMap(result -> Boolean.TRUE.equals(result.isError())
                        ? Mono.error(new ToolCallFailedException(operation.tool(), result))
                        : Mono.empty());
    }

    /** Lists the tools (used once to check that a server offers what the benchmark calls). */
    public McpSchema.ListToolsResult listTools() {
        return client.listTools().block(REQUEST_TIMEOUT.plusSeconds(5));
    }

    @Override
    public List<String> toolNames() {
        return listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    @Override
    public String answerText(Operation operation) {
        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(operation.tool())
                        .arguments(operation.arguments())
                        .build())
                .block(REQUEST_TIMEOUT.plusSeconds(5));
        if (result == null || Boolean.TRUE.equals(result.isError())) {
            throw new ToolCallFailedException(operation.tool(), result);
        }
        return String.valueOf(result);
    }

    @Override
    public void close() {
        try {
            client.closeGracefully().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            client.close();
        }
    }

    /** A tool answered with {@code isError=true}; carries the start of its text so the report can show why. */
    public static final class ToolCallFailedException extends RuntimeException {
        public ToolCallFailedException(String tool, McpSchema.CallToolResult result) {
            super(tool + " returned isError: " + text(result));
        }

        private static String text(McpSchema.CallToolResult result) {
            if (result == null || result.content() == null || result.content().isEmpty()) {
                return "(no content)";
            }
            String text = result.content().get(0) instanceof McpSchema.TextContent t
                    ? t.text()
                    : result.content().get(0).toString();
            return text.length() > 200 ? text.substring(0, 200) : text;
        }
    }
}
