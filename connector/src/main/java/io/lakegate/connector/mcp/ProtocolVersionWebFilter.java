package io.lakegate.connector.mcp;

import io.modelcontextprotocol.spec.ProtocolVersions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Streamable HTTP requires a server to answer 400 to an {@code MCP-Protocol-Version} it does not support; Spring AI's
 * transport does not check it. A missing header is allowed (the spec says to assume 2025-03-26 then).
 */
@Component
public class ProtocolVersionWebFilter implements WebFilter, Ordered {

    static final String HEADER = "MCP-Protocol-Version";
    static final List<String> SUPPORTED = List.of(ProtocolVersions.MCP_2024_11_05, ProtocolVersions.MCP_2025_03_26,
            ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    private final String endpoint;

    public ProtocolVersionWebFilter(McpServerStreamableHttpProperties properties) {
        this.endpoint = properties.getMcpEndpoint();
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String version = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (version == null || SUPPORTED.contains(version)
                || !endpoint.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        String safe = version.replaceAll("[^A-Za-z0-9._-]", "?");
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Unsupported "
                + HEADER + " '" + (safe.length() > 40 ? safe.substring(0, 40) : safe) + "'; supported: "
                + String.join(", ", SUPPORTED) + "\"}}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }
}
