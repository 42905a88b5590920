package io.lakegate.connector.mcp;

import org.springframework.web.server.ServerWebExchange;

/**
 * What the transport filters learned from one JSON-RPC message on {@code /mcp}: its method, id and, for
 * {@code tools/call}, the tool name. Stored as an exchange attribute for tracing, rate limiting and error replies.
 *
 * @param rawId the id as sent (String or Number), echoed in error replies
 */
public record JsonRpcEnvelope(String method, Object rawId, String toolName) {

    public static final String ATTRIBUTE = JsonRpcEnvelope.class.getName();

    public static JsonRpcEnvelope of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /** The id as text, for span attributes. */
    public String id() {
        return rawId == null ? null : String.valueOf(rawId);
    }
}
