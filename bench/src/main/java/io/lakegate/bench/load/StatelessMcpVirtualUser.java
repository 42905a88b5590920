package io.lakegate.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of the MCP 2026-07-28 revision over Streamable HTTP: no {@code initialize}, no session; every POST carries
 * its protocol version, client info and capabilities in {@code params._meta} and mirrors the method (and tool name)
 * in the {@code MCP-Protocol-Version}, {@code Mcp-Method} and {@code Mcp-Name} headers. The MCP Java SDK the handshake
 * users run on does not speak this revision, hence raw HTTP. Like the SDK transport, each user has its own JDK
 * HttpClient (its own keep-alive connection) and parses every answer; a JSON-RPC error, a result that is not
 * {@code resultType: complete} or a tool result with {@code isError=true} is a failed call.
 */
public final class StatelessMcpVirtualUser implements McpUser {

    public static final String PROTOCOL_VERSION = "2026-07-28";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI endpoint;
    private final String bearer;
    private final AtomicLong ids = new AtomicLong();

    private StatelessMcpVirtualUser(HttpClient http, URI endpoint, String bearer) {
        this.http = http;
        this.endpoint = endpoint;
        this.bearer = bearer;
    }

    /** A user of {@code baseUrl + endpoint}; nothing is sent until the first call (the revision has no handshake). */
    public static StatelessMcpVirtualUser create(String baseUrl, String endpoint, String bearer, Executor executor) {
        HttpClient http = HarnessHttp.client(executor);
        return new StatelessMcpVirtualUser(http, URI.create(baseUrl + endpoint), bearer);
    }

    /** {@code server/discover}: the revision's replacement of {@code initialize}, used once to time the first answer. */
    public Mono<Void> discover() {
        return send("server/discover", null, JSON.createObjectNode()).then();
    }

    @Override
    public List<String> toolNames() {
        JsonNode result = send("tools/list", null, JSON.createObjectNode()).block(TIMEOUT.plusSeconds(5));
        List<String> names = new ArrayList<>();
        result.path("tools").forEach(t -> names.add(t.path("name").asString("")));
        return names;
    }

    @Override
    public String answerText(Operation operation) {
        return String.valueOf(toolCall(operation).block(TIMEOUT.plusSeconds(5)));
    }

    @Override
    public Mono<Void> call(Operation operation) {
        if (operation.isListTools()) {
            return send("tools/list", null, JSON.createObjectNode())
                    .flatMap(r -> r.path("tools").isEmpty()
                            ? Mono.error(new IllegalStateException("tools/list returned no tools"))
                            : Mono.empty());
        }
        return toolCall(operation).then();
    }

    private Mono<JsonNode> toolCall(Operation operation) {
        ObjectNode params = JSON.createObjectNode();
        params.put("name", operation.tool());
        params.set("arguments", JSON.valueToTree(operation.arguments()));
        return send("tools/call", operation.tool(), params)
                .flatMap(r -> r.path("isError").asBoolean(false)
                        ? Mono.error(
                                new IllegalStateException(operation.tool() + " returned isError: " + abbreviate(r)))
                        : Mono.just(r));
    }

    /** Sends one request and yields its {@code result}, or errors on anything but a complete result. */
    private Mono<JsonNode> send(String method, String name, ObjectNode params) {
        return Mono.defer(() -> {
                    params.set("_meta", meta());
                    ObjectNode message = JSON.createObjectNode();
                    message.put("jsonrpc", "2.0");
                    message.put("id", ids.incrementAndGet());
                    message.put("method", method);
                    message.set("params", params);
                    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                            .timeout(TIMEOUT)
                            .header("Authorization", "Bearer " + bearer)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .header("MCP-Protocol-Version", PROTOCOL_VERSION)
                            .header("Mcp-Method", method)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(message)));
                    if (name != null) {
                        request.header("Mcp-Name", name);
                    }
                    return Mono.fromFuture(
                            () -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
                })
                .flatMap(response -> {
                    JsonNode body;
                    try {
                        body = JSON.readTree(response.body());
                    } catch (RuntimeException e) {
                        return Mono.error(new IllegalStateException(
                                "HTTP " + response.statusCode() + " with a body that is " + "not JSON: "
                                        + abbreviate(new String(response.body(), StandardCharsets.UTF_8))));
                    }
                    JsonNode result = body.get("result");
                    if (response.statusCode() != 200 || result == null || !result.isObject()) {
                        return Mono.error(
                                new IllegalStateException("HTTP " + response.statusCode() + ": " + abbreviate(body)));
                    }
                    if (!"complete".equals(result.path("resultType").asString(""))) {
                        return Mono.error(new IllegalStateException("resultType is not complete: " + abbreviate(body)));
                    }
                    return Mono.just(result);
                });
    }

    private static ObjectNode meta() {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("io.modelcontextprotocol/protocolVersion", PROTOCOL_VERSION);
        meta.set(
                "io.modelcontextprotocol/clientInfo",
                JSON.valueToTree(Map.of("name", "lakegate-bench", "version", "0.1.0")));
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        return meta;
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    @Override
    public void close() {
        // nothing to end: the revision has no session, and JDK 17's HttpClient is released when unreachable
    }
}
