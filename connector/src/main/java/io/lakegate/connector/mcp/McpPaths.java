package io.lakegate.connector.mcp;

import org.springframework.web.server.ServerWebExchange;

final class McpPaths {

    private McpPaths() {
    }

    static boolean isMcp(ServerWebExchange exchange, String mcpPath) {
        return mcpPath.equals(exchange.getRequest().getPath().pathWithinApplication().value());
    }
}
