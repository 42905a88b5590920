package io.lakegate.connector.mcp;

import org.springframework.web.server.ServerWebExchange;

/**
 * What the transport filters learned from one JSON-RPC message on {@code /mcp}: its method, id (as text) and, for
 * {@code tools/call}, the tool name. Stored as an exchange attribute for tracing, rate limiting and logging.
 */
public record JsonRpcEnvelope(String method, String id, String toolName) {

    public static final String ATTRIBUTE = JsonRpcEnvelope.class.getName();

    public static JsonRpcEnvelope of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    public boolean isRequest() {
        return method != null && id != null;
    }
}
