package io.lakegate.connector.mcp;

import java.util.List;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/** MCP 2025-11-25: the server MUST validate {@code Origin}; present and not allowed → 403. */
public class McpOriginFilter implements WebFilter, Ordered {

    public static final int ORDER = -250;
    private final String mcpPath;
    private final List<Pattern> allowed;

    public McpOriginFilter(String mcpPath, List<String> allowedOrigins) {
        this.mcpPath = mcpPath;
        this.allowed = allowedOrigins.stream().map(McpOriginFilter::toPattern).toList();
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
        String origin = exchange.getRequest().getHeaders().getOrigin();
        if (origin == null || allowed.stream().anyMatch(p -> p.matcher(origin).matches())) {
            return chain.filter(exchange);
        }
        return JsonRpcErrors.write(exchange, HttpStatus.FORBIDDEN, null, JsonRpcErrors.FORBIDDEN,
                "Origin not allowed: configure lakegate.mcp.allowed-origins to call this server from a browser", null);
    }

    /** {@code http://localhost:*} matches any port; everything else literally (case-insensitive scheme and host). */
    static Pattern toPattern(String origin) {
        String trimmed = origin.trim();
        String regex = trimmed.endsWith(":*")
                ? Pattern.quote(trimmed.substring(0, trimmed.length() - 2)) + "(:\\d{1,5})?"
                : Pattern.quote(trimmed);
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }
}
