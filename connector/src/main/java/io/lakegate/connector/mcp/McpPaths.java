package io.lakegate.connector.mcp;

import org.springframework.web.server.ServerWebExchange;

public final class McpPaths {

    private McpPaths() {}

    public static boolean isMcp(ServerWebExchange exchange, String mcpPath) {
        return mcpPath.equals(
                exchange.getRequest().getPath().pathWithinApplication().value());
    }
}
