package io.lakegate.connector.mcp;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Session rules of MCP 2025-11-25 that Spring AI 2.0 leaves open, after authentication:
 * <ul>
 * <li>a session belongs to the user who initialized it: another user presenting its id gets 403;</li>
 * <li>after DELETE, or after idle eviction, the id gets 404 (the client then initializes a new session);</li>
 * <li>each use refreshes the session's idle clock.</li>
 * </ul>
 * Sessions are authorization-free: every request is still authenticated on its own (MCP security best practice).
 */
public class McpSessionGuardFilter implements WebFilter, Ordered {

    /** After Spring Security's WebFilterChainProxy (-100), so the caller is known. */
    public static final int ORDER = -90;
    public static final String SESSION_HEADER = "Mcp-Session-Id";

    private final String mcpPath;
    private final McpSessionRegistry registry;
    private final McpCallerResolver callers;

    public McpSessionGuardFilter(String mcpPath, McpSessionRegistry registry, McpCallerResolver callers) {
        this.mcpPath = mcpPath;
        this.registry = registry;
        this.callers = callers;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!McpPaths.isMcp(exchange, mcpPath)) {
            return chain.filter(exchange);
        }
        return callers.resolve(exchange).flatMap(caller -> guard(exchange, chain, caller));
    }

    private Mono<Void> guard(ServerWebExchange exchange, WebFilterChain chain, McpCaller caller) {
        String sessionId = exchange.getRequest().getHeaders().getFirst(SESSION_HEADER);
        if (sessionId == null) {
            registerOnInitialize(exchange, caller);
            return chain.filter(exchange);
        }
        McpSessionRegistry.Lookup lookup = registry.lookup(sessionId);
        if (lookup instanceof McpSessionRegistry.Lookup.Ended ended) {
            return JsonRpcErrors.write(exchange, HttpStatus.NOT_FOUND, JsonRpcErrors.SESSION_ERROR,
                    "Session not found: it " + (ended.reason().startsWith("expired") ? ended.reason()
                            : "was ended by " + ended.reason()) + "; initialize a new session");
        }
        if (lookup instanceof McpSessionRegistry.Lookup.Owned owned && !owned.owner().equals(caller.subject())) {
            return JsonRpcErrors.write(exchange, HttpStatus.FORBIDDEN, JsonRpcErrors.FORBIDDEN,
                    "Session was created by another user; initialize your own session");
        }
        registry.touch(sessionId);
        if (HttpMethod.DELETE.equals(exchange.getRequest().getMethod())) {
            return chain.filter(exchange).doOnSuccess(v -> {
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                if (status == null || status.is2xxSuccessful()) {
                    registry.terminate(sessionId, "DELETE");
                }
            });
        }
        return chain.filter(exchange);
    }

    private void registerOnInitialize(ServerWebExchange exchange, McpCaller caller) {
        JsonRpcEnvelope envelope = JsonRpcEnvelope.of(exchange);
        if (envelope == null || !"initialize".equals(envelope.method())) {
            return;
        }
        exchange.getResponse().beforeCommit(() -> {
            String created = exchange.getResponse().getHeaders().getFirst(SESSION_HEADER);
            if (created != null) {
                registry.register(created, caller.subject());
            }
            return Mono.empty();
        });
    }
}
