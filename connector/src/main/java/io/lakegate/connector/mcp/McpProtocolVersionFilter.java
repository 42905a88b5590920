package io.lakegate.connector.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * An invalid or unsupported {@code MCP-Protocol-Version} header MUST get 400 (2025-11-25), with an
 * UnsupportedProtocolVersion error (-32022) naming the supported versions (2026-07-28), which a dual-era client reads
 * to pick one. A missing header is allowed here: the handshake era says to assume 2025-03-26, and the dispatcher
 * requires it of 2026-07-28 requests.
 */
public class McpProtocolVersionFilter implements WebFilter, Ordered {

    /** After {@link McpRequestBodyFilter} (-230): the error carries the request's id, and a modern body is seen. */
    public static final int ORDER = McpFrontDoor.PROTOCOL_VERSION;

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
        if (values.isEmpty()
                || (values.size() == 1 && supported.contains(values.get(0).trim()))) {
            return chain.filter(exchange);
        }
        JsonNode message = exchange.getAttribute(McpRequestBodyFilter.MESSAGE_ATTRIBUTE);
        if (message != null && McpDispatcher.isModernMessage(message.get("params"))) {
            // 2026-07-28: the body's _meta names the version; a header that differs is a HeaderMismatch (-32020),
            // which the dispatcher decides after checking the _meta version itself
            return chain.filter(exchange);
        }
        JsonRpcEnvelope envelope = JsonRpcEnvelope.of(exchange);
        Object id = envelope == null ? null : envelope.rawId();
        String shown = values.get(0).length() > 40 ? values.get(0).substring(0, 40) + "..." : values.get(0);
        String requested = shown.replaceAll("[^\\x20-\\x7e]", "?");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("supported", supported);
        data.put("requested", requested);
        return JsonRpcErrors.write(
                exchange,
                HttpStatus.BAD_REQUEST,
                id,
                McpProtocol.UNSUPPORTED_PROTOCOL_VERSION,
                "Unsupported MCP-Protocol-Version '" + requested + "'; supported: " + String.join(", ", supported),
                data);
    }
}
