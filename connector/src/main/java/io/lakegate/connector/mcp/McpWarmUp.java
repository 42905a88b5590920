package io.lakegate.connector.mcp;

import io.lakegate.connector.identity.CallerIdentity;
import io.modelcontextprotocol.common.McpTransportContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the discovery handshake of both protocol eras once, straight through the {@link McpDispatcher}, before the
 * connector reports ready: without it the first client after readiness paid for loading and compiling the dispatch
 * path, the session-id HMAC's crypto provider and the JSON serialisers (645 ms for the first {@code initialize}).
 *
 * <p>An {@link ApplicationRunner} because Spring Boot publishes readiness (ACCEPTING_TRAFFIC) only after every runner
 * has returned, so the readiness probe waits for this without a health indicator of its own; it runs on the main
 * thread, never a Reactor one. The dispatcher is driven directly, without credentials. What lies before it (Netty's
 * pipeline, WebFlux, the transport filters, the security chain) has no direct entry point, so one unauthenticated
 * POST to the connector's own port walks it to the 401 every client without a token gets; the connector holds no
 * credential to go further, and needs none. A failed warm-up is logged and does not block readiness: it only makes
 * the first call slower, it changes no answer.
 */
@Component
public class McpWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(McpWarmUp.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    private static final CallerIdentity CALLER =
            new CallerIdentity("lakegate-warm-up", "lakegate-warm-up", "lakegate-warm-up", Set.of(), null);

    private final McpDispatcher dispatcher;
    private final Environment environment;
    private final String endpoint;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile List<String> outcomes = List.of();

    public McpWarmUp(
            McpDispatcher dispatcher,
            Environment environment,
            @Value("${spring.ai.mcp.server.streamable-http.mcp-endpoint:/mcp}") String endpoint) {
        this.dispatcher = dispatcher;
        this.environment = environment;
        this.endpoint = endpoint;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        List<String> done = new ArrayList<>();
        try {
            McpDispatcher.Reply init = step(
                    done,
                    "initialize",
                    null,
                    null,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                            + McpProtocol.LEGACY.get(0) + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"warm-up\","
                            + "\"version\":\"1\"}}}");
            String session = init.headers().get(McpProtocol.HEADER_SESSION);
            step(done, "tools/list", session, null, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            String meta = "\"_meta\":{\"" + McpProtocol.META_PROTOCOL_VERSION + "\":\"" + McpProtocol.MODERN + "\",\""
                    + McpProtocol.META_CLIENT_CAPABILITIES + "\":{}}";
            step(
                    done,
                    "server/discover",
                    null,
                    "server/discover",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"server/discover\",\"params\":{" + meta + "}}");
            step(
                    done,
                    "tools/list",
                    null,
                    "tools/list",
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{" + meta + "}}");
            unauthenticatedPost(done);
            log.info("MCP warm-up: {} in {} ms", done, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("MCP warm-up stopped after {}: {}", done, e.toString());
        }
        outcomes = List.copyOf(done);
    }

    /** What each step answered, e.g. {@code initialize 200}: the warm-up exercised the real path only if all are 200. */
    public List<String> outcomes() {
        return outcomes;
    }

    private void unauthenticatedPost(List<String> done) {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            return; // no web server (a context without one): nothing to walk
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(STEP_TIMEOUT)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + endpoint))
                .timeout(STEP_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                .build();
        try {
            done.add("unauthenticated POST "
                    + client.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode());
        } catch (IOException e) {
            done.add("unauthenticated POST failed: " + e); // e.g. bound to an address other than loopback
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.add("unauthenticated POST interrupted");
        }
    }

    private McpDispatcher.Reply step(
            List<String> done, String label, String session, String modernMethod, String request) {
        // parsed from text and written back to bytes like a request on the wire, so the JSON paths are warm too
        JsonNode message = json.readTree(request);
        HttpHeaders headers = new HttpHeaders();
        if (session != null) {
            headers.set(McpProtocol.HEADER_SESSION, session);
        }
        if (modernMethod != null) {
            headers.set(McpProtocol.HEADER_PROTOCOL_VERSION, McpProtocol.MODERN);
            headers.set(McpProtocol.HEADER_METHOD, modernMethod);
        }
        McpDispatcher.Reply reply = dispatcher
                .dispatch(message, headers, CALLER, McpTransportContext.EMPTY)
                .block(STEP_TIMEOUT);
        if (reply == null) {
            throw new IllegalStateException(label + " gave no reply");
        }
        if (reply.body() != null) {
            json.writeValueAsBytes(reply.body());
        }
        boolean ok = reply.status().value() == 200
                && reply.body() != null
                && reply.body().has("result");
        done.add(label + " " + (ok ? "200" : reply.status().value() + " " + reply.body()));
        return reply;
    }
}
