package io.lakegate.connector.mcp;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * DNS-rebinding protection on the MCP endpoint (Streamable HTTP: a present but invalid {@code Origin} MUST get 403).
 * Uses the MCP SDK's validator, so the rules (port wildcards) are the SDK's; it runs before any body is read, for every
 * HTTP method. {@code Host} is checked once, for every path, by {@code hostcheck.HostHeaderFilter}.
 */
public class McpOriginFilter implements WebFilter, Ordered {

    public static final int ORDER = McpFrontDoor.ORIGIN;
    private final String mcpPath;
    private final DefaultServerTransportSecurityValidator validator;

    public McpOriginFilter(String mcpPath, McpHttpProperties http) {
        this.mcpPath = mcpPath;
        this.validator = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(http.allowedOrigins())
                .build();
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
        try {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequest().getHeaders().forEach(headers::put);
            validator.validateHeaders(headers);
        } catch (ServerTransportSecurityException e) {
            HttpStatus status = HttpStatus.resolve(e.getStatusCode());
            return JsonRpcErrors.write(
                    exchange,
                    status == null ? HttpStatus.FORBIDDEN : status,
                    null,
                    JsonRpcErrors.FORBIDDEN,
                    "Forbidden: " + (e.getMessage() == null ? "Origin not allowed" : e.getMessage()),
                    Map.of());
        }
        return chain.filter(exchange);
    }
}
