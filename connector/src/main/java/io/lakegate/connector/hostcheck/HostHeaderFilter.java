package io.lakegate.connector.hostcheck;

import io.lakegate.connector.mcp.JsonRpcErrors;
import io.lakegate.connector.mcp.McpFrontDoor;
import io.lakegate.connector.mcp.McpPaths;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request, on every path, must name this server in {@code Host} ({@link AllowedHosts}): a page of another site
 * whose name an attacker re-points at this server (DNS rebinding) names its own host and is refused before anything
 * else runs. 403 with a small JSON body, the answer the MCP SDK's transport gives an unknown Host; on the MCP endpoint
 * that body is a JSON-RPC error, as every answer there is (clients parse it as one).
 */
public class HostHeaderFilter implements WebFilter, Ordered {

    /** Before everything else: the MCP front door (-250 on), Spring Security (-100), the rate limits. */
    public static final int ORDER = McpFrontDoor.HOST;

    private static final byte[] BODY =
            "{\"error\":\"invalid_host\",\"error_description\":\"the Host header does not name this server\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final AllowedHosts allowed;
    private final String mcpPath;
    private final int maxDiscardBytes;

    /** @param maxDiscardBytes how much of a refused request's body is read before the refusal (the MCP body cap) */
    public HostHeaderFilter(AllowedHosts allowed, String mcpPath, int maxDiscardBytes) {
        this.allowed = allowed;
        this.mcpPath = mcpPath;
        this.maxDiscardBytes = maxDiscardBytes;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // exactly one Host (RFC 9112 §3.2): with two, a proxy and this server could each read a different one
        List<String> hosts = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.HOST);
        if (hosts.size() == 1 && allowed.allows(hosts.get(0))) {
            return chain.filter(exchange);
        }
        // read (and drop) the body first, up to the cap: a refusal sent while the request is still arriving can be
        // lost to the connection reset that closing on unread bytes causes (the fuzz saw it)
        return discardBody(exchange.getRequest()).then(Mono.defer(() -> refuse(exchange)));
    }

    private Mono<Void> refuse(ServerWebExchange exchange) {
        if (McpPaths.isMcp(exchange, mcpPath)) {
            return JsonRpcErrors.write(
                    exchange,
                    HttpStatus.FORBIDDEN,
                    null,
                    JsonRpcErrors.FORBIDDEN,
                    "Forbidden: the Host header does not name this server",
                    Map.of("error", "invalid_host"));
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(BODY.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(BODY)));
    }

    /** Chunk by chunk, nothing held: a refused, unauthenticated request must not cost memory. */
    private Mono<Void> discardBody(ServerHttpRequest request) {
        if (request.getHeaders().getContentLength() > maxDiscardBytes) {
            return Mono.empty(); // more than the cap announced: not read, whatever the reset does to the refusal
        }
        AtomicLong read = new AtomicLong();
        return request.getBody()
                .takeWhile(chunk -> {
                    int bytes = chunk.readableByteCount();
                    DataBufferUtils.release(chunk);
                    return read.addAndGet(bytes) < maxDiscardBytes;
                })
                .then();
    }
}
