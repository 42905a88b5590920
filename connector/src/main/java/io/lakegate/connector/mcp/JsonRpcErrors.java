package io.lakegate.connector.mcp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes a JSON-RPC error object as the HTTP answer of a request refused before it reaches the MCP transport. */
public final class JsonRpcErrors {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    /** Implementation-defined server errors (-32000..-32099). */
    public static final int SESSION_ERROR = -32001;

    public static final int RATE_LIMITED = -32029;
    public static final int FORBIDDEN = -32003;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonRpcErrors() {}

    public static Mono<Void> write(
            ServerWebExchange exchange,
            HttpStatus status,
            Object id,
            int code,
            String message,
            Map<String, Object> data) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (data != null && !data.isEmpty()) {
            error.put("data", data);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, int code, String message) {
        JsonRpcEnvelope envelope = JsonRpcEnvelope.of(exchange);
        return write(exchange, status, envelope == null ? null : envelope.rawId(), code, message, null);
    }
}
