package io.lakegate.connector.identity;

import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * How the caller travels from the HTTP request to a tool: the authentication layer stores a {@link CallerIdentity} in
 * the exchange attribute {@link #EXCHANGE_ATTRIBUTE}; the MCP transport's context extractor copies it into the
 * per-request {@link McpTransportContext} under {@link #KEY}; the tool pipeline reads it from there.
 */
public final class McpCallerContext {

    public static final String EXCHANGE_ATTRIBUTE = CallerIdentity.class.getName();
    public static final String KEY = "lakegate.caller";

    private McpCallerContext() {}

    public static McpTransportContext fromExchange(ServerWebExchange exchange) {
        Object caller = exchange.getAttribute(EXCHANGE_ATTRIBUTE);
        return caller instanceof CallerIdentity identity
                ? McpTransportContext.create(Map.of(KEY, identity))
                : McpTransportContext.EMPTY;
    }

    public static Optional<CallerIdentity> caller(McpTransportContext context) {
        return context != null && context.get(KEY) instanceof CallerIdentity identity
                ? Optional.of(identity)
                : Optional.empty();
    }
}
