package io.lakegate.connector.mcp;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * MCP 2025-11-25: an invalid or unsupported {@code MCP-Protocol-Version} header MUST get 400 (Spring AI 2.0 accepts
 * anything). A missing header is allowed: the spec says to assume 2025-03-26.
 */
public class McpProtocolVersionFilter implements WebFilter, Ordered {

    public static final int ORDER = -240;
    public static final String HEADER = "MCP-Protocol-Version";
    private final String mcpPath;
    private final List<String> supported;

    public McpProtocolVersionFilter(String mcpPath, List<String> supported) {
        this.mcpPath = mcpPath;
        this.supported = List.copyOf(supported);
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
        List<String> values = exchange.getRequest().getHeaders().getOrEmpty(HEADER);
        if (values.isEmpty() || (values.size() == 1 && supported.contains(values.get(0).trim()))) {
            return chain.filter(exchange);
        }
        String shown = values.get(0).length() > 40 ? values.get(0).substring(0, 40) + "..." : values.get(0);
        return JsonRpcErrors.write(exchange, HttpStatus.BAD_REQUEST, null, JsonRpcErrors.INVALID_REQUEST,
                "Unsupported MCP-Protocol-Version '" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'",
                Map.of("supported", supported));
    }
}
