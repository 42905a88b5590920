package io.lakegate.connector.proxy;

import io.lakegate.connector.auth.CallerIdentity;
import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.databricks.DatabricksCredentials;
import io.lakegate.connector.databricks.DatabricksErrors;
import io.lakegate.connector.resilience.ResilienceException;
import io.lakegate.connector.tools.ToolErrorCode;
import io.lakegate.connector.tools.ToolException;
import io.lakegate.connector.workspace.Workspace;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP client calls to a workspace's managed MCP servers (Streamable HTTP), as the caller: the Databricks token comes
 * from {@link DatabricksCredentials} for every session, never the caller's inbound token (except in the explicit local
 * development mode, where the credentials bean decides so). One short session per operation keeps users' tokens and
 * sessions strictly apart.
 */
@Component
public class ManagedMcpClient {

    static final int MAX_TOOL_PAGES = 10;

    private final WebClient.Builder webClients;
    private final DatabricksCredentials credentials;
    private final ProxyProperties properties;
    private final JacksonMcpJsonMapper mcpJson = new JacksonMcpJsonMapper(JsonMapper.builder().build());

    public ManagedMcpClient(WebClient.Builder webClients, DatabricksCredentials credentials, ProxyProperties properties) {
        this.webClients = webClients;
        this.credentials = credentials;
        this.properties = properties;
    }

    public Mono<List<Tool>> listTools(CallerIdentity caller, Workspace workspace, ManagedMcpServer server) {
        return session(caller, workspace, server, client -> allTools(client, null, new ArrayList<>(), 0));
    }

    public Mono<CallToolResult> callTool(CallerIdentity caller, Workspace workspace, ManagedMcpServer server,
            String toolName, Map<String, Object> arguments, Map<String, Object> meta) {
        CallToolRequest request = CallToolRequest.builder(toolName).arguments(arguments)
                .meta(meta == null || meta.isEmpty() ? null : meta).build();
        return session(caller, workspace, server, client -> client.callTool(request));
    }

    private Mono<List<Tool>> allTools(McpAsyncClient client, String cursor, List<Tool> acc, int pages) {
        return client.listTools(cursor).flatMap(page -> {
            acc.addAll(page.tools());
            String next = page.nextCursor();
            if (next == null || next.isBlank() || pages + 1 >= MAX_TOOL_PAGES) {
                return Mono.just(List.copyOf(acc));
            }
            return allTools(client, next, acc, pages + 1);
        });
    }

    private <T> Mono<T> session(CallerIdentity caller, Workspace workspace, ManagedMcpServer server,
            Function<McpAsyncClient, Mono<T>> operation) {
        // translate() invalidated the token it refused (401, or the 403/400 "invalid/expired token" family); one more
        // session with a freshly exchanged token
        return attempt(caller, workspace, server, operation)
                .onErrorResume(e -> e instanceof DatabricksApiException d && d.isStaleToken() && credentials.refreshable(),
                        e -> attempt(caller, workspace, server, operation));
    }

    private <T> Mono<T> attempt(CallerIdentity caller, Workspace workspace, ManagedMcpServer server,
            Function<McpAsyncClient, Mono<T>> operation) {
        return credentials.token(caller, workspace).flatMap(token -> Mono.usingWhen(
                        Mono.fromSupplier(() -> client(workspace, server, token)),
                        client -> client.initialize().then(operation.apply(client)),
                        client -> client.closeGracefully().onErrorResume(e -> Mono.empty())))
                .onErrorMap(e -> translate(e, caller, workspace, server));
    }

    private McpAsyncClient client(Workspace workspace, ManagedMcpServer server, String token) {
        WebClient.Builder web = webClients.clone().baseUrl(workspace.host())
                .defaultHeaders(h -> h.setBearerAuth(token))
                .filter(failedPostsAsDatabricksErrors());
        WebClientStreamableHttpTransport transport = WebClientStreamableHttpTransport.builder(web)
                .jsonMapper(mcpJson).endpoint(server.path()).build();
        return McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("lakegate-connector", "0.1.0"))
                .requestTimeout(properties.requestTimeout())
                .initializationTimeout(properties.requestTimeout())
                .build();
    }

    /**
     * Reads status, Databricks error body and Retry-After of a failed POST before the transport turns it into a
     * generic exception. GET (optional SSE stream) and DELETE (session end) failures are left to the transport, which
     * tolerates them.
     */
    private static ExchangeFilterFunction failedPostsAsDatabricksErrors() {
        return (request, next) -> next.exchange(request).flatMap(response -> {
            if (request.method() != HttpMethod.POST || !response.statusCode().isError()) {
                return Mono.just(response);
            }
            String retryAfter = response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            return response.bodyToMono(String.class).defaultIfEmpty("")
                    .flatMap(body -> Mono.error(DatabricksErrors.fromResponse(response.statusCode().value(), retryAfter, body)));
        });
    }

    private Throwable translate(Throwable error, CallerIdentity caller, Workspace workspace, ManagedMcpServer server) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            // an open circuit, a timeout or throttling of the workspace filter: its own client-facing message
            if (t instanceof ResilienceException) {
                return t;
            }
            if (t instanceof ToolException || t instanceof DatabricksApiException) {
                if (t instanceof DatabricksApiException d && d.isStaleToken()) {
                    credentials.invalidate(caller, workspace);
                }
                return t;
            }
            if (t instanceof McpError mcp) {
                String message = mcp.getJsonRpcError() != null ? mcp.getJsonRpcError().message() : mcp.getMessage();
                return new ToolException(ToolErrorCode.UPSTREAM_ERROR, server.label() + " MCP server refused the request: "
                        + DatabricksErrors.trimmed(message));
            }
            if (t instanceof TimeoutException) {
                return new DatabricksApiException(504, "DEADLINE_EXCEEDED", server.label() + " MCP server did not answer within "
                        + properties.requestTimeout().toSeconds() + " s", null);
            }
            if (t instanceof WebClientRequestException) {
                return new DatabricksApiException(503, "UNREACHABLE", "cannot reach " + server.label()
                        + " MCP server of workspace '" + workspace.name() + "'", null);
            }
        }
        return error;
    }
}
