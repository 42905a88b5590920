package io.lakegate.connector.mcp;

import io.lakegate.connector.identity.McpCallerContext;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of {@code /mcp}: POST carries one JSON-RPC message (parsed and checked by
 * {@link McpRequestBodyFilter}) to the {@link McpDispatcher}; every other method is answered at once with 405 and
 * {@code Allow: POST}. The server never pushes (no list changes, no server-initiated requests), so there is no GET
 * stream to hold open: a client that opens one (Python SDK, fastmcp) learns that immediately instead of waiting for
 * headers. Sessions hold no state and end by age, so DELETE has nothing to end: 405 as MCP 2025-11-25 allows
 * ("the server does not allow clients to terminate sessions") and 2026-07-28 prescribes.
 */
public final class McpEndpoint {

    private final String path;
    private final McpDispatcher dispatcher;
    private final McpCallerResolver callers;
    private final JsonMapper json;

    public McpEndpoint(String path, McpDispatcher dispatcher, McpCallerResolver callers, JsonMapper json) {
        this.path = path;
        this.dispatcher = dispatcher;
        this.callers = callers;
        this.json = json;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST(path, this::post)
                .route(RequestPredicates.path(path), this::notAllowed)
                .build();
    }

    private Mono<ServerResponse> post(ServerRequest request) {
        JsonNode message = request.exchange().getAttribute(McpRequestBodyFilter.MESSAGE_ATTRIBUTE);
        if (message == null) {
            // the body filter parses every POST on this path; without its verdict nothing is known to be safe
            return write(dispatcher.errorReply(
                    HttpStatus.BAD_REQUEST,
                    null,
                    JsonRpcErrors.PARSE_ERROR,
                    "Parse error: request body was not read",
                    null));
        }
        HttpHeaders headers = request.headers().asHttpHeaders();
        return callers.resolve(request.exchange())
                .flatMap(caller -> dispatcher.dispatch(
                        message, headers, caller, McpCallerContext.fromExchange(request.exchange())))
                .flatMap(this::write);
    }

    private Mono<ServerResponse> notAllowed(ServerRequest request) {
        String why = HttpMethod.GET.equals(request.method())
                ? "this server sends no server-initiated messages, so it offers no GET stream"
                : HttpMethod.DELETE.equals(request.method())
                        ? "sessions hold no server state and end on their own; there is nothing to delete"
                        : "only POST carries MCP messages";
        McpDispatcher.Reply reply = dispatcher.errorReply(
                HttpStatus.METHOD_NOT_ALLOWED,
                null,
                JsonRpcErrors.INVALID_REQUEST,
                "Method Not Allowed: " + why + "; POST JSON-RPC messages to " + path,
                null);
        return write(new McpDispatcher.Reply(reply.status(), reply.body(), Map.of(HttpHeaders.ALLOW, "POST")));
    }

    private Mono<ServerResponse> write(McpDispatcher.Reply reply) {
        ServerResponse.BodyBuilder builder = ServerResponse.status(reply.status());
        reply.headers().forEach(builder::header);
        if (reply.body() == null) {
            return builder.build();
        }
        return builder.contentType(MediaType.APPLICATION_JSON).bodyValue(json.writeValueAsBytes(reply.body()));
    }
}
