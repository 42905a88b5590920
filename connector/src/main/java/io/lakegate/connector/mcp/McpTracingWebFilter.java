package io.lakegate.connector.mcp;

import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The SERVER span of every request on the MCP endpoint, named and attributed after the MCP semantic conventions
 * ({@code "tools/call list_catalogs"}, {@code mcp.method.name}, {@code gen_ai.tool.name}, {@code mcp.session.id},
 * {@code jsonrpc.request.id}). A {@code traceparent} sent by the client is continued. Runs first of all filters so
 * rejected requests (403, 400, 401, 429) are traced too.
 */
public class McpTracingWebFilter implements WebFilter, Ordered {

    public static final int ORDER = McpFrontDoor.TRACING;
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";

    private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders carrier) {
            return carrier.headerNames();
        }

        @Override
        public String get(HttpHeaders carrier, String key) {
            return carrier == null ? null : carrier.getFirst(key);
        }
    };

    private final LakegateTelemetry telemetry;
    private final String mcpPath;

    public McpTracingWebFilter(LakegateTelemetry telemetry, String mcpPath) {
        this.telemetry = telemetry;
        this.mcpPath = mcpPath;
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
        HttpHeaders headers = exchange.getRequest().getHeaders();
        Context parent = telemetry.propagator().extract(Context.root(), headers, HEADERS);
        String httpMethod = exchange.getRequest().getMethod().name();
        Span span = telemetry
                .tracer()
                .spanBuilder("mcp " + httpMethod)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("network.protocol.name", "http")
                .setAttribute(LakegateTelemetry.HTTP_METHOD, httpMethod)
                .startSpan();
        String version = headers.getFirst(VERSION_HEADER);
        if (version != null) {
            span.setAttribute(LakegateTelemetry.MCP_PROTOCOL_VERSION, version);
        }
        long start = System.nanoTime();
        Context withSpan = parent.with(span);
        return chain.filter(exchange)
                .doOnError(e -> span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName()))
                .doFinally(signal -> finish(exchange, span, start, signal))
                .contextWrite(c -> c.put(LakegateTelemetry.CONTEXT_KEY, withSpan));
    }

    private void finish(ServerWebExchange exchange, Span span, long start, SignalType signal) {
        JsonRpcEnvelope envelope = JsonRpcEnvelope.of(exchange);
        String method = envelope != null && envelope.method() != null
                ? envelope.method()
                : exchange.getRequest().getMethod().name();
        if (envelope != null && envelope.method() != null) {
            span.setAttribute(LakegateTelemetry.MCP_METHOD, envelope.method());
            span.updateName(
                    envelope.toolName() == null ? envelope.method() : envelope.method() + " " + envelope.toolName());
            if (envelope.id() != null) {
                span.setAttribute(LakegateTelemetry.JSONRPC_ID, envelope.id());
            }
            if (envelope.toolName() != null) {
                span.setAttribute(LakegateTelemetry.TOOL_NAME, envelope.toolName());
            }
        }
        String session = exchange.getRequest().getHeaders().getFirst(SESSION_HEADER);
        if (session == null) {
            session = exchange.getResponse().getHeaders().getFirst(SESSION_HEADER);
        }
        if (session != null) {
            span.setAttribute(LakegateTelemetry.MCP_SESSION, session);
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = status == null ? 200 : status.value();
        span.setAttribute(LakegateTelemetry.HTTP_STATUS, (long) code);
        if (code >= 400) {
            span.setAttribute(LakegateTelemetry.ERROR_TYPE, String.valueOf(code));
            span.setStatus(StatusCode.ERROR);
        }
        if (signal == SignalType.CANCEL) {
            span.setAttribute(LakegateTelemetry.ERROR_TYPE, "cancelled");
        }
        span.end();
        telemetry.mcpRequest(method, code, (System.nanoTime() - start) / 1e9);
    }
}
