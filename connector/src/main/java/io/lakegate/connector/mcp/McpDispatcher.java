package io.lakegate.connector.mcp;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.lakegate.connector.tools.ToolInvoker;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Lakegate's own MCP dispatcher, serving both protocol eras on one endpoint over the one tool registry and the one
 * {@link ToolInvoker} (no second copy of any tool):
 * <ul>
 * <li><b>2026-07-28 (stateless)</b>: a request whose {@code params._meta} carries
 * {@code io.modelcontextprotocol/protocolVersion} (or {@code server/discover}) is served on its own: version, client
 * capabilities and the mirrored {@code Mcp-Method}/{@code Mcp-Name} headers are checked per request; every result
 * carries {@code resultType} and the server's identity, list results cache hints.</li>
 * <li><b>2024-11-05 .. 2025-11-25 (handshake)</b>: {@code initialize} mints a signed session id
 * ({@link McpSessionIds}) that every replica verifies; later requests must present it, as its opener.</li>
 * </ul>
 * Nothing here keeps state between requests, so any request may land on any replica. Every outcome is a JSON-RPC
 * message: the input was validated as one JSON-RPC object by {@link McpRequestBodyFilter} before authentication.
 *
 * <p>Why not the SDK: MCP Java SDK 2.0.0/2.1.0 know no revision past 2025-11-25; 2.2.0 has a separate
 * {@code io.modelcontextprotocol.modern} server with its own schema and tool model and only servlet and stdio
 * transports, and Spring AI's WebFlux MCP artifacts stop at 2.0.0 (2.0.1 is not served) — adopting it would mean a
 * second tool model and a WebFlux transport of our own anyway.
 */
public class McpDispatcher {

    /** An HTTP answer: status, JSON-RPC body (null = none, e.g. 202) and extra headers. */
    public record Reply(HttpStatus status, JsonNode body, Map<String, String> headers) {
        static Reply accepted() {
            return new Reply(HttpStatus.ACCEPTED, null, Map.of());
        }
    }

    /** Server identity and behaviour that come from configuration. */
    public record Settings(
            String name, String version, String instructions, long listTtlMillis, boolean toolListPerCaller) {}

    static final Set<String> LEGACY_LOG_LEVELS =
            Set.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");
    private static final TextMapGetter<JsonNode> META_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(JsonNode carrier) {
            return carrier.propertyNames();
        }

        @Override
        public String get(JsonNode carrier, String key) {
            JsonNode v = carrier == null ? null : carrier.get(key);
            return v != null && v.isString() ? v.stringValue() : null;
        }
    };

    private final JsonMapper json;
    private final ToolInvoker invoker;
    private final Set<String> toolNames;
    /**
     * The {@code tools} array, rendered to JSON once: every tools/list reply splices the same text instead of
     * walking the schemas' tree again (the tree walk was most of a warm tools/list's server CPU).
     */
    private final JsonNode toolsJson;
    /** The same without {@code outputSchema}, for revisions before 2025-06-18, which do not define it. */
    private final JsonNode toolsJsonWithoutOutputSchema;

    private final McpSessionIds sessions;
    private final Settings settings;
    private final LakegateTelemetry telemetry;

    public McpDispatcher(
            JsonMapper json,
            ToolInvoker invoker,
            List<Tool> served,
            McpSessionIds sessions,
            Settings settings,
            LakegateTelemetry telemetry) {
        this.json = json;
        this.invoker = invoker;
        // deterministic order (2026-07-28 SHOULD): clients cache the list and LLM prompt caches hit more often
        List<Tool> sorted =
                served.stream().sorted(Comparator.comparing(Tool::name)).toList();
        this.toolNames = Set.copyOf(sorted.stream().map(Tool::name).toList());
        // serialised once: the tool list is the same on every tools/list, and the schemas are the bulk of it
        ArrayNode toolNodes = json.createArrayNode();
        sorted.forEach(tool -> toolNodes.add(json.valueToTree(tool)));
        ArrayNode withoutOutputSchema = toolNodes.deepCopy();
        withoutOutputSchema.forEach(tool -> ((ObjectNode) tool).remove("outputSchema"));
        this.toolsJson = rendered(toolNodes);
        this.toolsJsonWithoutOutputSchema = rendered(withoutOutputSchema);
        this.sessions = sessions;
        this.settings = settings;
        this.telemetry = telemetry;
    }

    public boolean servesTool(String name) {
        return toolNames.contains(name);
    }

    /**
     * Answers one JSON-RPC message (already checked to be a well-formed request, notification or response).
     *
     * @param caller the authenticated caller (subject binds handshake sessions)
     * @param context the per-request transport context the tool pipeline reads the caller from
     */
    public Mono<Reply> dispatch(
            JsonNode message, HttpHeaders headers, CallerIdentity caller, McpTransportContext context) {
        JsonNode methodNode = message.get("method");
        JsonNode id = message.get("id");
        if (methodNode == null || id == null || id.isNull()) {
            return Mono.just(Reply.accepted()); // a response or notification: nothing to answer
        }
        String method = methodNode.stringValue();
        JsonNode params = message.get("params");
        if (params != null && params.isNull()) {
            params = null;
        }
        JsonNode meta = params == null ? null : params.get("_meta");
        // initialize in its handshake shape (params.protocolVersion) selects the handshake era; sent the modern way
        // (only _meta) it is a method 2026-07-28 removed
        boolean handshake = "initialize".equals(method) && params != null && params.has("protocolVersion");
        boolean modern = !handshake
                && (isModernMessage(params)
                        || "server/discover".equals(method)
                        || McpProtocol.isModern(headers.getFirst(McpProtocol.HEADER_PROTOCOL_VERSION)));
        Mono<Reply> reply = modern
                ? modern(id, method, params, meta, headers, context)
                : legacy(id, method, params, headers, caller, context);
        return traced(reply, meta, method, params);
    }

    /** Whether a message's params carry the per-request protocol version of the stateless era. */
    static boolean isModernMessage(JsonNode params) {
        JsonNode meta = params == null ? null : params.get("_meta");
        return meta != null && meta.isObject() && meta.has(McpProtocol.META_PROTOCOL_VERSION);
    }

    // ---- 2026-07-28 ----

    private Mono<Reply> modern(
            JsonNode id,
            String method,
            JsonNode params,
            JsonNode meta,
            HttpHeaders headers,
            McpTransportContext context) {
        JsonNode version = meta == null ? null : meta.get(McpProtocol.META_PROTOCOL_VERSION);
        JsonNode capabilities = meta == null ? null : meta.get(McpProtocol.META_CLIENT_CAPABILITIES);
        if (meta == null
                || !meta.isObject()
                || version == null
                || !version.isString()
                || capabilities == null
                || !capabilities.isObject()) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    id,
                    JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: params._meta needs "
                            + McpProtocol.META_PROTOCOL_VERSION + " (a string) and "
                            + McpProtocol.META_CLIENT_CAPABILITIES
                            + " (an object) on every request of protocol " + McpProtocol.MODERN,
                    null);
        }
        String requested = version.stringValue();
        // the header must mirror _meta before anything else is judged: a front routing on the header and this
        // server reading the body must not disagree (a mismatch wins over an unsupported version)
        String versionMismatch = versionHeaderMismatch(requested, headers);
        if (versionMismatch != null) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    id,
                    McpProtocol.HEADER_MISMATCH,
                    "Header mismatch: " + versionMismatch,
                    null);
        }
        if (!McpProtocol.isModern(requested)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("supported", McpProtocol.MODERN_VERSIONS);
            data.put("requested", printable(requested, 40));
            return error(
                    HttpStatus.BAD_REQUEST,
                    id,
                    McpProtocol.UNSUPPORTED_PROTOCOL_VERSION,
                    "Unsupported protocol version '" + printable(requested, 40) + "': requests with _meta support "
                            + McpProtocol.MODERN_VERSIONS + "; " + McpProtocol.LEGACY + " through initialize",
                    data);
        }
        String mismatch = headerMismatch(method, params, requested, headers);
        if (mismatch != null) {
            return error(HttpStatus.BAD_REQUEST, id, McpProtocol.HEADER_MISMATCH, "Header mismatch: " + mismatch, null);
        }
        return switch (method) {
            case "server/discover" -> Mono.just(modernResult(id, discover()));
            case "tools/list" ->
                Mono.just(modernResult(id, cacheable(toolList(toolsJson), settings.toolListPerCaller())));
            case "resources/list" -> Mono.just(modernResult(id, cacheable(emptyList("resources"), false)));
            case "resources/templates/list" ->
                Mono.just(modernResult(id, cacheable(emptyList("resourceTemplates"), false)));
            case "prompts/list" -> Mono.just(modernResult(id, cacheable(emptyList("prompts"), false)));
            case "resources/read" ->
                error(
                        HttpStatus.OK,
                        id,
                        JsonRpcErrors.INVALID_PARAMS,
                        "Resource not found: this server has no resources",
                        requestedUri(params));
            case "prompts/get" ->
                error(
                        HttpStatus.OK,
                        id,
                        JsonRpcErrors.INVALID_PARAMS,
                        "Prompt not found: this server has no prompts",
                        null);
            case "tools/call" ->
                callTool(id, params, context, null)
                        .map(r -> r.body().has("result")
                                ? modernResult(id, (ObjectNode) r.body().get("result"))
                                : r);
            // ping, logging/setLevel, initialize's companions, resource subscriptions and everything unknown: the
            // revision removed or never had them; a modern client recognizes 404 + -32601 (Streamable HTTP, 2026-07-28)
            default ->
                error(
                        HttpStatus.NOT_FOUND,
                        id,
                        JsonRpcErrors.METHOD_NOT_FOUND,
                        "Method not found: " + printable(method, 128)
                                + (removedIn2026(method) ? " (removed in protocol " + McpProtocol.MODERN + ")" : ""),
                        null);
        };
    }

    /**
     * A resource-not-found error names the requested URI in {@code data.uri} (SEP-2164 SHOULD; the 2025-11-25 spec's
     * own example does too), so a client can tell which of its reads failed. Echoed only when it is a string of sane
     * length (it is client input).
     */
    private static Map<String, Object> requestedUri(JsonNode params) {
        JsonNode uri = params == null ? null : params.get("uri");
        return uri != null && uri.isString() && uri.stringValue().length() <= 2048
                ? Map.of("uri", uri.stringValue())
                : null;
    }

    private static final Set<String> REMOVED_IN_2026 = Set.of(
            "initialize",
            "ping",
            "logging/setLevel",
            "resources/subscribe",
            "resources/unsubscribe",
            "tasks/result",
            "tasks/list");

    private static boolean removedIn2026(String method) {
        return REMOVED_IN_2026.contains(method);
    }

    /**
     * Why the mirrored headers of a 2026-07-28 request disagree with its body, or null when they agree (or its
     * {@code _meta} version is no string: then the dispatcher's -32602 applies). For the request filter, which answers
     * unknown tools before the scope check: SEP-2243 judges the headers first, so a mismatch is a -32020 whether or not
     * the named tool exists.
     */
    static String mirroredHeaderMismatch(String method, JsonNode params, HttpHeaders headers) {
        JsonNode version = isModernMessage(params) ? params.get("_meta").get(McpProtocol.META_PROTOCOL_VERSION) : null;
        if (version == null || !version.isString()) {
            return null;
        }
        String mismatch = versionHeaderMismatch(version.stringValue(), headers);
        return mismatch != null ? mismatch : headerMismatch(method, params, version.stringValue(), headers);
    }

    /** Streamable HTTP 2026-07-28 "Server Validation": the mirrored headers must be present and match the body. */
    private static String versionHeaderMismatch(String version, HttpHeaders headers) {
        List<String> versions = headers.getOrEmpty(McpProtocol.HEADER_PROTOCOL_VERSION);
        if (versions.size() != 1 || !version.equals(versions.get(0).trim())) {
            return versions.isEmpty()
                    ? "MCP-Protocol-Version header is required"
                    : "MCP-Protocol-Version header value does not match _meta " + McpProtocol.META_PROTOCOL_VERSION;
        }
        return null;
    }

    private static String headerMismatch(String method, JsonNode params, String version, HttpHeaders headers) {
        List<String> methods = headers.getOrEmpty(McpProtocol.HEADER_METHOD);
        // the Base64 sentinel is defined for Mcp-Name; accepting it here too lets a method name that is not plain
        // ASCII reach its "Method not found" instead of a mismatch
        if (methods.size() != 1 || !method.equals(decodeHeaderValue(methods.get(0)))) {
            return methods.isEmpty()
                    ? "Mcp-Method header is required"
                    : "Mcp-Method header value does not match the body's method";
        }
        String nameField = switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            default -> null;
        };
        if (nameField == null) {
            return null;
        }
        List<String> names = headers.getOrEmpty(McpProtocol.HEADER_NAME);
        if (names.size() != 1) {
            return names.isEmpty() ? "Mcp-Name header is required for " + method : "Mcp-Name header sent twice";
        }
        JsonNode bodyValue = params == null ? null : params.get(nameField);
        String decoded = decodeHeaderValue(names.get(0));
        if (decoded == null) {
            return "Mcp-Name header value is not valid (Base64 sentinel or visible ASCII)";
        }
        if (bodyValue == null || !bodyValue.isString() || !decoded.equals(bodyValue.stringValue())) {
            return "Mcp-Name header value does not match params." + nameField;
        }
        return null;
    }

    /** Plain visible ASCII, or {@code =?base64?...?=} carrying UTF-8; null when neither. */
    static String decodeHeaderValue(String value) {
        if (value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11) {
            try {
                return new String(
                        Base64.getDecoder().decode(value.substring(9, value.length() - 2)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c <= 0x7e) ? value : null;
    }

    private ObjectNode discover() {
        ObjectNode result = json.createObjectNode();
        ArrayNode versions = result.putArray("supportedVersions");
        McpProtocol.ALL.forEach(versions::add);
        result.set("capabilities", capabilities(false));
        if (settings.instructions() != null && !settings.instructions().isBlank()) {
            result.put("instructions", settings.instructions());
        }
        // the same for every caller: tools are filtered per caller only in tools/list
        return cacheable(result, false);
    }

    private ObjectNode cacheable(ObjectNode result, boolean perCaller) {
        result.put("ttlMs", settings.listTtlMillis());
        result.put("cacheScope", perCaller ? "private" : "public");
        return result;
    }

    private Reply modernResult(JsonNode id, ObjectNode result) {
        result.put("resultType", "complete");
        ObjectNode meta = result.has("_meta") && result.get("_meta").isObject()
                ? (ObjectNode) result.get("_meta")
                : result.putObject("_meta");
        meta.set(McpProtocol.META_SERVER_INFO, serverInfo());
        return ok(id, result);
    }

    // ---- 2024-11-05 .. 2025-11-25 ----

    private Mono<Reply> legacy(
            JsonNode id,
            String method,
            JsonNode params,
            HttpHeaders headers,
            CallerIdentity caller,
            McpTransportContext context) {
        if ("initialize".equals(method)) {
            return Mono.just(initialize(id, params, caller));
        }
        String session = headers.getFirst(McpProtocol.HEADER_SESSION);
        if (session == null) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    id,
                    JsonRpcErrors.INVALID_REQUEST,
                    "Bad Request: the "
                            + McpProtocol.HEADER_SESSION
                            + " header is required; send initialize first (or use protocol "
                            + McpProtocol.MODERN + " with _meta, which needs no session)",
                    null);
        }
        switch (sessions.verify(session, caller.subject())) {
            case FOREIGN:
                return error(
                        HttpStatus.FORBIDDEN,
                        id,
                        JsonRpcErrors.FORBIDDEN,
                        "Session was created by another user; initialize your own session",
                        null);
            case EXPIRED:
                return error(
                        HttpStatus.NOT_FOUND,
                        id,
                        JsonRpcErrors.SESSION_ERROR,
                        "Session not found: it expired (" + sessions.maxAge().toSeconds()
                                + " s after initialize); initialize a new session",
                        null);
            case UNKNOWN:
                return error(
                        HttpStatus.NOT_FOUND,
                        id,
                        JsonRpcErrors.SESSION_ERROR,
                        "Session not found: this id was not issued by this server; initialize a new session",
                        null);
            default:
                break;
        }
        return switch (method) {
            case "ping" -> Mono.just(ok(id, json.createObjectNode()));
            case "tools/list" ->
                Mono.just(ok(id, toolList(definesOutputSchema(headers) ? toolsJson : toolsJsonWithoutOutputSchema)));
            case "tools/call" -> callTool(id, params, context, session);
            case "resources/list" -> Mono.just(ok(id, emptyList("resources")));
            case "resources/templates/list" -> Mono.just(ok(id, emptyList("resourceTemplates")));
            case "prompts/list" -> Mono.just(ok(id, emptyList("prompts")));
            case "resources/read" ->
                error(
                        HttpStatus.OK,
                        id,
                        McpProtocol.LEGACY_RESOURCE_NOT_FOUND,
                        "Resource not found: this server has no resources",
                        requestedUri(params));
            case "prompts/get" ->
                error(
                        HttpStatus.OK,
                        id,
                        JsonRpcErrors.INVALID_PARAMS,
                        "Prompt not found: this server has no prompts",
                        null);
            case "logging/setLevel" -> setLevel(id, params);
            default ->
                error(
                        HttpStatus.OK,
                        id,
                        JsonRpcErrors.METHOD_NOT_FOUND,
                        "Method not found: " + printable(method, 128),
                        null);
        };
    }

    private Reply initialize(JsonNode id, JsonNode params, CallerIdentity caller) {
        JsonNode requested = params == null ? null : params.get("protocolVersion");
        if (requested == null || !requested.isString()) {
            return errorReply(
                    HttpStatus.BAD_REQUEST,
                    id,
                    JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: initialize needs params.protocolVersion (a string)",
                    null);
        }
        // the client's version when we speak it, else our newest handshake revision (the client decides whether to
        // go on); a repeated initialize simply opens another session: sessions hold no state to conflict with
        String version = McpProtocol.LEGACY.contains(requested.stringValue())
                ? requested.stringValue()
                : McpProtocol.LEGACY.get(0);
        ObjectNode result = json.createObjectNode();
        result.put("protocolVersion", version);
        result.set("capabilities", capabilities(true));
        result.set("serverInfo", serverInfo());
        if (settings.instructions() != null && !settings.instructions().isBlank()) {
            result.put("instructions", settings.instructions());
        }
        return new Reply(
                HttpStatus.OK,
                envelope(id).set("result", result),
                Map.of(McpProtocol.HEADER_SESSION, sessions.mint(caller.subject())));
    }

    private Mono<Reply> setLevel(JsonNode id, JsonNode params) {
        JsonNode level = params == null ? null : params.get("level");
        if (level == null || !level.isString() || !LEGACY_LOG_LEVELS.contains(level.stringValue())) {
            return error(
                    HttpStatus.OK,
                    id,
                    JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: level must be one of "
                            + LEGACY_LOG_LEVELS.stream().sorted().toList(),
                    null);
        }
        // accepted and without effect: the server sends no log notifications (it has no stream to send them on)
        return Mono.just(ok(id, json.createObjectNode()));
    }

    // ---- shared ----

    private ObjectNode capabilities(boolean legacy) {
        ObjectNode caps = json.createObjectNode();
        caps.putObject("tools").put("listChanged", false);
        caps.putObject("resources").put("listChanged", false).put("subscribe", false);
        caps.putObject("prompts").put("listChanged", false);
        if (legacy) {
            caps.putObject("logging");
        }
        return caps;
    }

    private ObjectNode serverInfo() {
        ObjectNode info = json.createObjectNode();
        info.put("name", settings.name());
        info.put("version", settings.version());
        return info;
    }

    private JsonNode rendered(ArrayNode tools) {
        return json.getNodeFactory().rawValueNode(new RawValue(new SerializedString(json.writeValueAsString(tools))));
    }

    private ObjectNode toolList(JsonNode tools) {
        ObjectNode result = json.createObjectNode();
        result.set("tools", tools);
        return result;
    }

    /**
     * Whether a handshake-era request speaks a revision that defines {@code outputSchema} (2025-06-18 and later). Such
     * clients send the negotiated version in {@code MCP-Protocol-Version}; without it the transport says to assume
     * 2025-03-26. Older clients still get the same JSON as text content, and may ignore {@code structuredContent}.
     */
    static boolean definesOutputSchema(HttpHeaders headers) {
        String version = headers.getFirst(McpProtocol.HEADER_PROTOCOL_VERSION);
        return version != null && !"2025-03-26".equals(version.trim()) && !"2024-11-05".equals(version.trim());
    }

    private ObjectNode emptyList(String field) {
        ObjectNode result = json.createObjectNode();
        result.putArray(field);
        return result;
    }

    private Mono<Reply> callTool(JsonNode id, JsonNode params, McpTransportContext context, String session) {
        JsonNode name = params == null ? null : params.get("name");
        if (name == null || !name.isString()) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    id,
                    JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: tools/call needs \"name\", a tool name string",
                    null);
        }
        if (!servesTool(name.stringValue())) {
            return error(
                    HttpStatus.OK,
                    id,
                    JsonRpcErrors.INVALID_PARAMS,
                    "Unknown tool: " + printable(name.stringValue(), 128),
                    null);
        }
        JsonNode arguments = params.get("arguments");
        Map<String, Object> args =
                arguments == null || arguments.isNull() ? Map.of() : json.convertValue(arguments, MAP);
        JsonNode meta = params.get("_meta");
        CallToolRequest.Builder request =
                CallToolRequest.builder(name.stringValue()).arguments(args);
        if (meta != null && meta.isObject()) {
            request.meta(json.convertValue(meta, MAP));
        }
        return invoker.invoke(name.stringValue(), context, session, request.build())
                .map(result -> ok(id, (ObjectNode) json.valueToTree(result)));
    }

    private static final tools.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new tools.jackson.core.type.TypeReference<>() {};

    /**
     * A W3C {@code traceparent} in {@code params._meta} (2026-07-28, SEP-414) continues the caller's trace: the
     * request's work runs in a server span under it, linked to the HTTP span (whose parent came from HTTP headers).
     */
    private Mono<Reply> traced(Mono<Reply> reply, JsonNode meta, String method, JsonNode params) {
        if (telemetry == null || meta == null || !meta.isObject() || !meta.has("traceparent")) {
            return reply;
        }
        Context parent = telemetry.propagator().extract(Context.root(), meta, META_GETTER);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return reply;
        }
        JsonNode name = params == null ? null : params.get("name");
        String spanName = "tools/call".equals(method) && name != null && name.isString()
                ? method + " " + printable(name.stringValue(), 128)
                : method;
        return Mono.deferContextual(view -> {
            Span http = Span.fromContext(LakegateTelemetry.contextOf(view));
            Span span = telemetry
                    .tracer()
                    .spanBuilder(spanName)
                    .setParent(parent)
                    .setSpanKind(SpanKind.SERVER)
                    .addLink(http.getSpanContext())
                    .setAttribute(LakegateTelemetry.MCP_METHOD, method)
                    .startSpan();
            return reply.doFinally(s -> span.end())
                    .contextWrite(c -> c.put(LakegateTelemetry.CONTEXT_KEY, parent.with(span)));
        });
    }

    private ObjectNode envelope(JsonNode id) {
        ObjectNode message = json.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.set("id", id);
        return message;
    }

    private Reply ok(JsonNode id, ObjectNode result) {
        return new Reply(HttpStatus.OK, envelope(id).set("result", result), Map.of());
    }

    private Mono<Reply> error(HttpStatus status, JsonNode id, int code, String message, Map<String, Object> data) {
        return Mono.just(errorReply(status, id, code, message, data));
    }

    Reply errorReply(HttpStatus status, JsonNode id, int code, String message, Map<String, Object> data) {
        ObjectNode error = json.createObjectNode();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.set("data", json.valueToTree(data));
        }
        return new Reply(status, envelope(id).set("error", error), Map.of());
    }

    private static String printable(String s, int max) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > max ? clean.substring(0, max) + "..." : clean;
    }
}
