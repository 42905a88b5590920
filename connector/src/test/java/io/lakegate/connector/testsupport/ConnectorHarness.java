package io.lakegate.connector.testsupport;

import io.lakegate.connector.LakegateConnectorApplication;
import io.lakegate.connector.audit.AuditEvent;
import io.lakegate.connector.audit.AuditSink;
import io.lakegate.emulator.DatabricksEmulator;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real connector (whole Spring Boot app, random port, dev-emulator-token identity mode) against a real emulator,
 * with two test seams registered before refresh: the OpenTelemetry SDK on in-memory exporters and an audit sink that
 * keeps events in memory. Callers are real MCP clients (the MCP Java SDK) or raw HTTP.
 */
public final class ConnectorHarness implements AutoCloseable {

    public static final String ALICE = "alice@lakegate.dev";
    public static final String BOB = "bob@lakegate.dev";
    public static final String CAROL = "carol@lakegate.dev";

    public final DatabricksEmulator emulator;
    public final InMemoryTelemetry otel = new InMemoryTelemetry();
    public final CollectingAuditSink audit = new CollectingAuditSink();
    public final ConfigurableApplicationContext context;
    public final int port;
    /** HTTP/1.1, as the connector speaks it: no h2c upgrade attempt on a connection's first request. */
    public final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Map<String, McpSyncClient> clients = new ConcurrentHashMap<>();

    /** Audit events kept in memory (the sink the drain thread writes to). */
    public static final class CollectingAuditSink implements AuditSink {
        public final List<AuditEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void write(List<AuditEvent> batch) {
            events.addAll(batch);
        }

        @Override
        public String name() {
            return "memory";
        }
    }

    private ConnectorHarness(DatabricksEmulator emulator, Map<String, Object> extra) {
        this(emulator, extra, Map.of());
    }

    private ConnectorHarness(DatabricksEmulator emulator, Map<String, Object> extra, Map<String, Object> beans) {
        this.emulator = emulator;
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", 0);
        props.put("server.address", "127.0.0.1");
        props.put("lakegate.auth.mode", "dev-emulator-token");
        props.put("lakegate.workspaces.json", """
                {"workspaces":[{"name":"demo","host":"%s","identity":{"mode":"dev-token"},
                  "sci":{"rules":[{"tagKey":"classification","tagValues":["SCI"]}]}}]}""".formatted(emulator.baseUrl()));
        props.putAll(extra);
        // command-line arguments: they win over application.properties (default properties would not)
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        this.context = new SpringApplicationBuilder(LakegateConnectorApplication.class)
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("openTelemetry", otel.sdk);
                    ctx.getBeanFactory().registerSingleton("testAuditSink", audit);
                    beans.forEach(ctx.getBeanFactory()::registerSingleton);
                })
                .run(args);
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static ConnectorHarness start(DatabricksEmulator emulator, Map<String, Object> properties) {
        return new ConnectorHarness(emulator, properties);
    }

    /** Like {@link #start(DatabricksEmulator, Map)}, with extra singletons registered before refresh (test seams). */
    public static ConnectorHarness start(
            DatabricksEmulator emulator, Map<String, Object> properties, Map<String, Object> beans) {
        return new ConnectorHarness(emulator, properties, beans);
    }

    public String mcpUrl() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    public String token(String user) {
        return emulator.issueToken(user);
    }

    /** An initialized MCP client for {@code user} (cached per user). */
    public McpSyncClient client(String user) {
        return clients.computeIfAbsent(user, u -> newClient(u));
    }

    public McpSyncClient newClient(String user) {
        String token = token(user);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        "http://127.0.0.1:" + port)
                .endpoint("/mcp")
                .httpRequestCustomizer(
                        (builder, method, uri, body, ctx) -> builder.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    public CallToolResult call(String user, String tool, Map<String, Object> args) {
        return client(user)
                .callTool(CallToolRequest.builder(tool).arguments(args).build());
    }

    public static String text(CallToolResult result) {
        return result.content().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    /** A raw POST to /mcp on a connection of its own (a client used once). */
    public HttpResponse<String> postOnNewConnection(String bearer, Map<String, String> headers, byte[] body) {
        // JDK 17's HttpClient is not AutoCloseable: its selector thread ends once the client is unreachable
        HttpClient fresh = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return send(fresh, postRequest(bearer, headers, body));
    }

    /** A raw POST to /mcp. */
    public HttpResponse<String> post(String bearer, Map<String, String> headers, byte[] body) {
        return send(postRequest(bearer, headers, body));
    }

    private HttpRequest postRequest(String bearer, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(mcpUrl()))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(b::setHeader); // replaces the defaults above (header() would add a second value)
        return b.build();
    }

    /**
     * Sends and reads the whole body within 20 s. {@link HttpRequest#timeout} only bounds the wait for the headers; an
     * SSE reply whose stream never ends would otherwise block the test forever.
     */
    public HttpResponse<String> send(HttpRequest request) {
        return send(http, request);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            ThreadDump.print(
                    "no answer to " + request.method() + " " + request.uri().getPath());
            throw new AssertionError(
                    "no complete answer within 20 s: " + request.method() + " " + request.uri() + " "
                            + request.headers().map().keySet(),
                    e);
        } catch (ExecutionException e) {
            throw new java.io.UncheckedIOException(new java.io.IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Initializes a session over raw HTTP and returns its id. */
    public String initializeSession(String bearer) {
        HttpResponse<String> r = post(bearer, Map.of(), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"raw-test","version":"1"}}}""".getBytes());
        if (r.statusCode() != 200) {
            throw new AssertionError("initialize failed: " + r.statusCode() + " " + r.body());
        }
        String session = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(
                bearer,
                Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25"),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes());
        return session;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public List<String> emulatorPaths() {
        return emulator.requests().stream()
                .map(r -> r.method() + " " + r.path())
                .collect(Collectors.toCollection(ArrayList::new));
    }

    @Override
    public void close() {
        clients.values().forEach(c -> {
            try {
                c.closeGracefully();
            } catch (RuntimeException ignored) {
                // server may be gone already
            }
        });
        if (context.isActive()) {
            context.close();
        }
        otel.close();
    }
}
