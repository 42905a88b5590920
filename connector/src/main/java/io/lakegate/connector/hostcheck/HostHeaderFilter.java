package io.lakegate.connector.hostcheck;

import io.lakegate.connector.mcp.McpFrontDoor;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Every request, on every path, must name this server in {@code Host} ({@link AllowedHosts}): a page of another site
 * whose name an attacker re-points at this server (DNS rebinding) names its own host and is refused before anything
 * else runs. 403 with a small JSON body, the answer the MCP SDK's transport gives an unknown Host.
 */
public class HostHeaderFilter implements WebFilter, Ordered {

    /** Before everything else: the MCP front door (-250 on), Spring Security (-100), the rate limits. */
    public static final int ORDER = McpFrontDoor.HOST;
    private static final byte[] BODY = "{\"error\":\"invalid_host\",\"error_description\":\"the Host header does not name this server\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final AllowedHosts allowed;

    public HostHeaderFilter(AllowedHosts allowed) {
        this.allowed = allowed;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (allowed.allows(exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST))) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(BODY.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(BODY)));
    }
}
