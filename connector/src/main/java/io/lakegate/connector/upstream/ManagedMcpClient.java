package io.lakegate.connector.upstream;

import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.databricks.DatabricksCredentials;
import io.lakegate.connector.databricks.DatabricksErrors;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.resilience.ResilienceException;
import io.lakegate.connector.sci.SciKnowledgeUnavailableException;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
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
    private static final int CODEC_SLACK = 1024 * 1024;

    private final WebClient.Builder webClients;
    private final DatabricksCredentials credentials;
    private final ProxyProperties properties;
    private final JacksonMcpJsonMapper mcpJson =
            new JacksonMcpJsonMapper(JsonMapper.builder().build());

    public ManagedMcpClient(
            WebClient.Builder webClients, DatabricksCredentials credentials, ProxyProperties properties) {
        this.webClients = webClients;
        this.credentials = credentials;
        this.properties = properties;
    }

    public Mono<List<Tool>> listTools(CallerIdentity caller, Workspace workspace, ManagedMcpServer server) {
        return session(caller, workspace, server, client -> allTools(client, null, new ArrayList<>(), 0));
    }

    public Mono<CallToolResult> callTool(
            CallerIdentity caller,
            Workspace workspace,
            ManagedMcpServer server,
            String toolName,
            Map<String, Object> arguments,
            Map<String, Object> meta) {
        CallToolRequest request = CallToolRequest.builder(toolName)
                .arguments(arguments)
                .meta(meta == null || meta.isEmpty() ? null : meta)
                .build();
        return session(caller, workspace, server, client -> client.callTool(request));
    }

    /**
     * What a lookup of a missing server costs: one {@code initialize} POST, its answer discarded (an unknown space's
     * server answers that POST with 404 and nothing follows). Used for a hidden space, so that refusing it takes the
     * same upstream work, and about the same time, as a space that does not exist.
     */
    public Mono<Void> probe(CallerIdentity caller, Workspace workspace, ManagedMcpServer server) {
        Map<String, Object> initialize = Map.of(
                "jsonrpc",
                "2.0",
                "id",
                1,
                "method",
                "initialize",
                "params",
                Map.of(
                        "protocolVersion",
                        io.modelcontextprotocol.spec.ProtocolVersions.MCP_2025_06_18,
                        "capabilities",
                        Map.of(),
                        "clientInfo",
                        Map.of("name", "lakegate-connector", "version", "0.1.0")));
        return credentials
                .token(caller, workspace)
                .flatMap(token -> webClients
                        .clone()
                        .baseUrl(workspace.host())
                        .build()
                        .post()
                        .uri(server.path())
                        .headers(h -> {
                            h.setBearerAuth(token);
                            h.set(HttpHeaders.ACCEPT, "application/json, text/event-stream");
                        })
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .bodyValue(initialize)
                        .exchangeToMono(response -> response.releaseBody()))
                .timeout(properties.requestTimeout())
                .onErrorResume(e -> Mono.empty());
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

    private <T> Mono<T> session(
            CallerIdentity caller,
            Workspace workspace,
            ManagedMcpServer server,
            Function<McpAsyncClient, Mono<T>> operation) {
        // translate() invalidated the token it refused (401, or the 403/400 "invalid/expired token" family); one more
        // session with a freshly exchanged token
        return attempt(caller, workspace, server, operation)
                .onErrorResume(
                        e -> e instanceof DatabricksApiException d && d.isStaleToken() && credentials.refreshable(),
                        e -> attempt(caller, workspace, server, operation));
    }

    private <T> Mono<T> attempt(
            CallerIdentity caller,
            Workspace workspace,
            ManagedMcpServer server,
            Function<McpAsyncClient, Mono<T>> operation) {
        return credentials
                .token(caller, workspace)
                .flatMap(token -> {
                    // the transport drops errors raised while it reads a reply body, and the request would then wait
                    // for its timeout: a reply over the size bound is reported here and ends the operation at once
                    Sinks.Empty<Void> oversized = Sinks.empty();
                    return Mono.usingWhen(
                            Mono.fromSupplier(() -> client(workspace, server, token, oversized)),
                            client -> Mono.firstWithSignal(
                                    client.initialize().then(operation.apply(client)),
                                    oversized.asMono().then(Mono.<T>never())),
                            client -> client.closeGracefully().onErrorResume(e -> Mono.empty()));
                })
                .onErrorMap(e -> translate(e, caller, workspace, server));
    }

    private McpAsyncClient client(
            Workspace workspace, ManagedMcpServer server, String token, Sinks.Empty<Void> oversized) {
        int limit = (int) properties.maxResponseSize().toBytes();
        WebClient.Builder web = webClients
                .clone()
                .baseUrl(workspace.host())
                .defaultHeaders(h -> h.setBearerAuth(token))
                // WebFlux buffers at most 256 KiB by default, and the transport turns the overflow into a silent hang;
                // the codecs may hold a little more than the bound, so that the bound below is what trips
                .codecs(c -> c.defaultCodecs()
                        .maxInMemorySize((int) Math.min((long) limit + CODEC_SLACK, Integer.MAX_VALUE)))
                .filter(failedPostsAsDatabricksErrors())
                .filter(boundedReplies(limit, oversized, server));
        WebClientStreamableHttpTransport transport = WebClientStreamableHttpTransport.builder(web)
                .jsonMapper(mcpJson)
                .endpoint(server.path())
                .build();
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
            return response.bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .flatMap(body -> Mono.error(
                            DatabricksErrors.fromResponse(response.statusCode().value(), retryAfter, body)));
        });
    }

    /**
     * Counts the bytes of each POST reply (JSON or SSE) and fails it past {@code limit}: at once when the declared
     * length says so, else when the bytes read cross it.
     */
    private static ExchangeFilterFunction boundedReplies(
            int limit, Sinks.Empty<Void> oversized, ManagedMcpServer server) {
        return (request, next) -> next.exchange(request).flatMap(response -> {
            if (request.method() != HttpMethod.POST || response.statusCode().isError()) {
                return Mono.just(response);
            }
            if (response.headers().contentLength().orElse(-1) > limit) {
                return response.releaseBody().then(Mono.error(tooLarge(server, limit)));
            }
            AtomicLong read = new AtomicLong();
            return Mono.just(response.mutate()
                    .body(body -> body.map(buffer -> {
                        if (read.addAndGet(buffer.readableByteCount()) > limit) {
                            DataBufferUtils.release(buffer);
                            ToolException error = tooLarge(server, limit);
                            oversized.tryEmitError(error);
                            throw error;
                        }
                        return buffer;
                    }))
                    .build());
        });
    }

    static ToolException tooLarge(ManagedMcpServer server, long limit) {
        return new ToolException(
                ToolErrorCode.UPSTREAM_ERROR,
                "the " + server.label() + " MCP server's reply is larger "
                        + "than the " + (limit / (1024 * 1024))
                        + " MiB Lakegate reads (lakegate.proxy.max-response-size); "
                        + "select fewer columns or add a smaller LIMIT");
    }

    private Throwable translate(Throwable error, CallerIdentity caller, Workspace workspace, ManagedMcpServer server) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            // an open circuit, a timeout or throttling of the workspace filter: its own client-facing message
            if (t instanceof ResilienceException || t instanceof SciKnowledgeUnavailableException) {
                return t;
            }
            if (t instanceof ToolException || t instanceof DatabricksApiException) {
                if (t instanceof DatabricksApiException d && d.isStaleToken()) {
                    credentials.invalidate(caller, workspace);
                }
                return t;
            }
            if (t instanceof McpError mcp) {
                String message =
                        mcp.getJsonRpcError() != null ? mcp.getJsonRpcError().message() : mcp.getMessage();
                return new ToolException(
                        ToolErrorCode.UPSTREAM_ERROR,
                        server.label() + " MCP server refused the request: " + DatabricksErrors.trimmed(message));
            }
            if (t instanceof TimeoutException) {
                return new DatabricksApiException(
                        504,
                        "DEADLINE_EXCEEDED",
                        server.label() + " MCP server did not answer within "
                                + properties.requestTimeout().toSeconds() + " s",
                        null);
            }
            if (t instanceof WebClientRequestException) {
                return new DatabricksApiException(
                        503,
                        "UNREACHABLE",
                        "cannot reach " + server.label() + " MCP server of workspace '" + workspace.name() + "'",
                        null);
            }
        }
        return error;
    }
}
