package io.lakegate.connector.mcp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every POST body on the MCP endpoint once, before anything else touches it: caps its size (413), rejects what
 * is not one well-formed JSON-RPC 2.0 message with the matching JSON-RPC error (400: -32700 parse error for
 * non-JSON, invalid UTF-8 or too deep nesting; -32600 invalid request; -32602 for a malformed {@code tools/call}),
 * records the {@link JsonRpcEnvelope} and hands the same bytes on to the transport. Hostile input therefore never
 * reaches the SDK's deserializer as anything but a valid envelope.
 */
public class McpRequestBodyFilter implements WebFilter, Ordered {

    public static final int ORDER = McpFrontDoor.REQUEST_BODY;
    private static final int MAX_METHOD_LENGTH = 128;
    private static final int MAX_ID_LENGTH = 256;

    private final String mcpPath;
    private final int maxBytes;
    private final JsonMapper json;
    /** The parsed JSON-RPC message ({@link JsonNode}) of a POST that passed, for the dispatcher. */
    public static final String MESSAGE_ATTRIBUTE = McpRequestBodyFilter.class.getName() + ".message";

    private final Predicate<String> servedTools;

    public McpRequestBodyFilter(String mcpPath, int maxBytes, int maxDepth, Predicate<String> servedTools) {
        this.mcpPath = mcpPath;
        this.maxBytes = maxBytes;
        this.servedTools = servedTools;
        // duplicate keys are refused: with {"method":"a","method":"b"} two readers of one body could act on
        // different methods (the spec's header/body rule exists for the same reason)
        this.json = JsonMapper.builder(JsonFactory.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(maxDepth)
                                .maxStringLength(maxBytes)
                                .build())
                        .build())
                .build();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!McpPaths.isMcp(exchange, mcpPath) || !HttpMethod.POST.equals(request.getMethod())) {
            return chain.filter(exchange);
        }
        String unacceptable = unacceptableMediaTypes(request);
        if (unacceptable != null) {
            HttpStatus status = unacceptable.startsWith("Content-Type")
                    ? HttpStatus.UNSUPPORTED_MEDIA_TYPE
                    : HttpStatus.NOT_ACCEPTABLE;
            // read (and drop) the body first: a reply sent while the request is still arriving leaves the connection
            // in a state some clients never recover from (the JDK client waited for its timeout)
            return discardBody(request)
                    .then(Mono.defer(() -> JsonRpcErrors.write(
                            exchange, status, null, JsonRpcErrors.INVALID_REQUEST, unacceptable, null)));
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return tooLarge(exchange);
        }
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> inspect(exchange, chain, bytes))
                .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange));
    }

    /**
     * MCP Streamable HTTP: a POST carries one JSON-RPC message as {@code application/json} and its Accept lists both
     * {@code application/json} and {@code text/event-stream}, because the server may answer with either. A missing
     * Accept is tolerated (as HTTP says: anything is acceptable).
     */
    static String unacceptableMediaTypes(ServerHttpRequest request) {
        MediaType contentType;
        try {
            contentType = request.getHeaders().getContentType();
        } catch (InvalidMediaTypeException e) {
            contentType = null;
        }
        if (contentType == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(contentType)) {
            return "Content-Type must be application/json";
        }
        if (contentType.getCharset() != null && !StandardCharsets.UTF_8.equals(contentType.getCharset())) {
            return "Content-Type must be application/json in UTF-8";
        }
        List<MediaType> accept;
        try {
            accept = request.getHeaders().getAccept();
        } catch (InvalidMediaTypeException e) {
            return "Accept must list application/json and text/event-stream";
        }
        if (accept.isEmpty()) {
            return null;
        }
        boolean json = accept.stream().anyMatch(a -> a.includes(MediaType.APPLICATION_JSON));
        boolean sse = accept.stream().anyMatch(a -> a.includes(MediaType.TEXT_EVENT_STREAM));
        return json && sse ? null : "Accept must list application/json and text/event-stream";
    }

    /** Consumes a refused request's body, at most the cap (beyond it the server's own handling applies). */
    private Mono<Void> discardBody(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .doOnNext(DataBufferUtils::release)
                .onErrorResume(DataBufferLimitException.class, e -> Mono.empty())
                .then();
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return JsonRpcErrors.write(
                exchange,
                HttpStatus.PAYLOAD_TOO_LARGE,
                null,
                JsonRpcErrors.INVALID_REQUEST,
                "Request body larger than " + maxBytes + " bytes",
                null);
    }

    private Mono<Void> inspect(ServerWebExchange exchange, WebFilterChain chain, byte[] bytes) {
        Verdict verdict = parse(bytes);
        if (verdict.envelope() != null) {
            exchange.getAttributes().put(JsonRpcEnvelope.ATTRIBUTE, verdict.envelope());
        }
        if (verdict.error() != null) {
            Object id = verdict.envelope() == null ? null : verdict.envelope().rawId();
            return JsonRpcErrors.write(exchange, HttpStatus.BAD_REQUEST, id, verdict.code(), verdict.error(), null);
        }
        JsonRpcEnvelope envelope = verdict.envelope();
        exchange.getAttributes().put(MESSAGE_ATTRIBUTE, verdict.message());
        // unknown methods are the dispatcher's (their status depends on the protocol era); an unknown tool is
        // answered here, before the per-tool scope check could ask for a scope no tool needs
        if (envelope.toolName() != null && !servedTools.test(envelope.toolName())) {
            String mismatch = McpDispatcher.mirroredHeaderMismatch(
                    envelope.method(),
                    verdict.message().get("params"),
                    exchange.getRequest().getHeaders());
            if (mismatch != null) {
                return JsonRpcErrors.write(
                        exchange,
                        HttpStatus.BAD_REQUEST,
                        envelope.rawId(),
                        McpProtocol.HEADER_MISMATCH,
                        "Header mismatch: " + mismatch,
                        null);
            }
            return JsonRpcErrors.write(
                    exchange,
                    HttpStatus.OK,
                    envelope.rawId(),
                    JsonRpcErrors.INVALID_PARAMS,
                    "Unknown tool: " + printable(envelope.toolName()),
                    null);
        }
        ServerHttpRequest replay = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(
                        () -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
            }
        };
        return chain.filter(exchange.mutate().request(replay).build());
    }

    record Verdict(JsonRpcEnvelope envelope, int code, String error, JsonNode message) {
        static Verdict ok(JsonRpcEnvelope e) {
            return new Verdict(e, 0, null, null);
        }

        static Verdict fail(JsonRpcEnvelope e, int code, String error) {
            return new Verdict(e, code, error, null);
        }

        Verdict with(JsonNode root) {
            return new Verdict(envelope, code, error, root);
        }
    }

    Verdict parse(byte[] bytes) {
        if (bytes.length == 0) {
            return Verdict.fail(null, JsonRpcErrors.PARSE_ERROR, "Parse error: empty request body");
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return Verdict.fail(null, JsonRpcErrors.PARSE_ERROR, "Parse error: request body is not valid UTF-8");
        }
        for (byte b : bytes) {
            if (b == 0) {
                // valid UTF-8, but JSON text never holds a raw NUL: this is UTF-16/32 (which Jackson would sniff and
                // accept) or binary; MCP messages are UTF-8 JSON
                return Verdict.fail(
                        null,
                        JsonRpcErrors.PARSE_ERROR,
                        "Parse error: request body must be JSON text in UTF-8 (it contains NUL bytes)");
            }
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JacksonException e) {
            return Verdict.fail(null, JsonRpcErrors.PARSE_ERROR, "Parse error: " + reason(e));
        }
        if (root == null || root.isMissingNode()) {
            return Verdict.fail(null, JsonRpcErrors.PARSE_ERROR, "Parse error: empty request body");
        }
        Verdict verdict = check(root);
        return verdict.error() == null ? verdict.with(root) : verdict;
    }

    private Verdict check(JsonNode root) {
        if (root.isArray()) {
            return Verdict.fail(
                    null,
                    JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are not supported (MCP 2025-06-18 and later)");
        }
        if (!root.isObject()) {
            return Verdict.fail(null, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: expected a JSON-RPC object");
        }
        JsonNode idNode = root.get("id");
        Object id = null;
        if (idNode != null && !idNode.isNull()) {
            if (idNode.isString() && idNode.asString().length() <= MAX_ID_LENGTH) {
                id = idNode.asString();
            } else if (idNode.isIntegralNumber() && idNode.canConvertToLong()) {
                id = idNode.asLong();
            } else {
                return Verdict.fail(
                        null,
                        JsonRpcErrors.INVALID_REQUEST,
                        "Invalid Request: id must be a string (at most " + MAX_ID_LENGTH
                                + " characters) or an integer");
            }
        }
        JsonNode version = root.get("jsonrpc");
        if (version == null || !version.isString() || !"2.0".equals(version.asString())) {
            return Verdict.fail(
                    new JsonRpcEnvelope(null, id, null),
                    JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }
        JsonNode methodNode = root.get("method");
        if (methodNode == null) {
            boolean response = id != null && (root.has("result") || root.has("error"));
            return response
                    ? Verdict.ok(new JsonRpcEnvelope(null, id, null))
                    : Verdict.fail(
                            new JsonRpcEnvelope(null, id, null),
                            JsonRpcErrors.INVALID_REQUEST,
                            "Invalid Request: a request needs \"method\", a response \"id\" and \"result\" or \"error\"");
        }
        if (!methodNode.isString()
                || methodNode.asString().isBlank()
                || methodNode.asString().length() > MAX_METHOD_LENGTH) {
            return Verdict.fail(
                    new JsonRpcEnvelope(null, id, null),
                    JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: \"method\" must be a non-empty string of at most " + MAX_METHOD_LENGTH
                            + " characters");
        }
        if (idNode != null && idNode.isNull()) {
            return Verdict.fail(
                    new JsonRpcEnvelope(methodNode.asString(), null, null),
                    JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: id must not be null");
        }
        String method = methodNode.asString();
        JsonNode params = root.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            return Verdict.fail(
                    new JsonRpcEnvelope(method, id, null),
                    JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: \"params\" must be an object");
        }
        if ("tools/call".equals(method)) {
            return toolCall(method, id, params);
        }
        return Verdict.ok(new JsonRpcEnvelope(method, id, null));
    }

    private Verdict toolCall(String method, Object id, JsonNode params) {
        JsonNode name = params == null ? null : params.get("name");
        if (name == null
                || !name.isString()
                || name.asString().isBlank()
                || name.asString().length() > MAX_METHOD_LENGTH) {
            return Verdict.fail(
                    new JsonRpcEnvelope(method, id, null),
                    JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: tools/call needs \"name\", a tool name string");
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return Verdict.fail(
                    new JsonRpcEnvelope(method, id, name.asString()),
                    JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: \"arguments\" must be an object");
        }
        return Verdict.ok(new JsonRpcEnvelope(method, id, name.asString()));
    }

    /** The method name as safe printable ASCII for an error message (it is client input, at most 128 characters). */
    private static String printable(String method) {
        return method.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** The parser's complaint without the echoed input (which may be huge or hostile). */
    private static String reason(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "malformed JSON";
        }
        message = message.replaceAll("[^\\x20-\\x7e]", "?");
        return message.length() > 160 ? message.substring(0, 160) + "..." : message;
    }
}
