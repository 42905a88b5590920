package io.lakegate.connector.mcp;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Finds the authenticated caller of an MCP request (for session binding and the HTTP-layer rate limits). */
@FunctionalInterface
public interface McpCallerResolver {

    /** The caller; {@link McpCaller#ANONYMOUS} when the request is not authenticated. */
    Mono<McpCaller> resolve(ServerWebExchange exchange);
}
