package io.lakegate.connector.mcp;

import io.lakegate.connector.identity.CallerIdentity;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Finds the authenticated caller of an MCP request (for session binding and the HTTP-layer rate limits). */
@FunctionalInterface
public interface McpCallerResolver {

    /** Stands for a request no authentication mode vouched for; it holds no token. */
    CallerIdentity ANONYMOUS = new CallerIdentity("anonymous", "anonymous", "anonymous", Set.of(), null);

    /** The caller as authentication made it; {@link #ANONYMOUS} when the request is not authenticated. */
    Mono<CallerIdentity> resolve(ServerWebExchange exchange);
}
