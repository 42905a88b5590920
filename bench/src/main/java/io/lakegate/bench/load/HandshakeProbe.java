package io.lakegate.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The first {@code initialize} and {@code tools/list} a server answers after readiness, over the 2025-11-25 handshake,
 * timed from the JDK HttpClient the direct baseline has already warmed. Timed through the MCP Java SDK instead, the
 * first session also timed the harness's own cold client (its classes, its schema parsing): 276 to 447 ms for a
 * server that answers a first initialize in about 100 ms by hand. Answers may come as JSON or as one SSE event.
 */
public final class HandshakeProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(35);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The two first answers' latencies and how many tools the server offered. */
    public record FirstAnswers(Duration initialize, Duration toolsList, int toolCount) {}

    private final HttpClient http;
    private final URI endpoint;
    private final String bearer;
    private String sessionId;
    /** The version the server chose in its initialize answer (an older server answers with its own). */
    private String protocolVersion;

    private HandshakeProbe(HttpClient http, URI endpoint, String bearer) {
        this.http = http;
        this.endpoint = endpoint;
        this.bearer = bearer;
    }

    /**
     * Times the first answers of the server at {@code baseUrl}, after the same probe has run a few times against a
     * loopback stub that answers at once: the probe's own first-use costs (the HttpClient's synchronous path, JSON
     * parsing, SSE reading) are then paid before the server is timed.
     */
    public static FirstAnswers run(String baseUrl, String endpoint, String bearer, Executor executor) {
        try (InstantMcpStub stub = InstantMcpStub.start()) {
            for (int i = 0; i < 20; i++) {
                probe(stub.baseUrl(), endpoint, "stub", executor);
            }
        }
        return probe(baseUrl, endpoint, bearer, executor);
    }

    private static FirstAnswers probe(String baseUrl, String endpoint, String bearer, Executor executor) {
        HttpClient http = HarnessHttp.client(executor);
        HandshakeProbe probe = new HandshakeProbe(http, URI.create(baseUrl + endpoint), bearer);
        ObjectNode init = JSON.createObjectNode();
        init.put("protocolVersion", "2025-11-25");
        init.putObject("capabilities");
        init.set("clientInfo", JSON.valueToTree(Map.of("name", "lakegate-bench", "version", "0.1.0")));
        long t0 = System.nanoTime();
        probe.protocolVersion =
                probe.request("initialize", init).path("protocolVersion").asString("2025-11-25");
        Duration initialize = Duration.ofNanos(System.nanoTime() - t0);
        probe.notifyInitialized();
        long t1 = System.nanoTime();
        JsonNode tools = probe.request("tools/list", JSON.createObjectNode());
        Duration toolsList = Duration.ofNanos(System.nanoTime() - t1);
        return new FirstAnswers(initialize, toolsList, tools.path("tools").size());
    }

    private JsonNode request(String method, ObjectNode params) {
        ObjectNode message = JSON.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("id", 1);
        message.put("method", method);
        message.set("params", params);
        HttpResponse<String> response = post(message);
        if (sessionId == null) {
            sessionId = response.headers().firstValue("Mcp-Session-Id").orElse(null);
        }
        JsonNode body = answer(response)
                .orElseThrow(() -> new IllegalStateException(
                        method + ": HTTP " + response.statusCode() + " " + abbreviate(response.body())));
        JsonNode result = body.get("result");
        if (response.statusCode() != 200 || result == null || !result.isObject()) {
            throw new IllegalStateException(method + ": HTTP " + response.statusCode() + " " + abbreviate(body));
        }
        return result;
    }

    private void notifyInitialized() {
        ObjectNode message = JSON.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", "notifications/initialized");
        HttpResponse<String> response = post(message);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "notifications/initialized: HTTP " + response.statusCode() + " " + abbreviate(response.body()));
        }
    }

    private HttpResponse<String> post(ObjectNode message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(message)));
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            request.header("MCP-Protocol-Version", protocolVersion);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The JSON-RPC response: the body itself, or the first SSE event's data that is one. */
    private static Optional<JsonNode> answer(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        try {
            if (!type.startsWith("text/event-stream")) {
                return Optional.of(JSON.readTree(response.body()));
            }
            for (String line : response.body().split("\r?\n")) {
                if (line.startsWith("data:")) {
                    JsonNode event = JSON.readTree(line.substring(5).strip());
                    if (event.has("result") || event.has("error")) {
                        return Optional.of(event);
                    }
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
