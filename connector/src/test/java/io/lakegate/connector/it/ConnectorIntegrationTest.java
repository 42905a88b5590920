package io.lakegate.connector.it;

import io.lakegate.emulator.DatabricksEmulator;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector on a random port, in its local-development identity mode, against the shared in-process emulator,
 * called over real HTTP by the MCP Java SDK client with a per-user bearer. Every response text is recorded so tests
 * can assert that SCI names never appear in anything the connector said.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConnectorIntegrationTest {

    static final String ALICE = "alice@lakegate.dev";
    static final String BOB = "bob@lakegate.dev";
    static final String CAROL = "carol@lakegate.dev";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, McpSyncClient> CLIENTS = new ConcurrentHashMap<>();
    private static final List<String> RESPONSES = java.util.Collections.synchronizedList(new ArrayList<>());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void connectorProperties(DynamicPropertyRegistry registry) {
        DatabricksEmulator emulator = SharedEmulator.get();
        registry.add("lakegate.auth.mode", () -> "dev-emulator-token");
        registry.add("lakegate.workspaces.json", () -> """
                {"workspaces":[{"name":"demo","host":"%s","identity":{"mode":"dev-token"},
                  "sci":{"rules":[{"tagKey":"classification","tagValues":["SCI"]}]}}]}""".formatted(emulator.baseUrl()));
    }

    static DatabricksEmulator emulator() {
        return SharedEmulator.get();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    McpSyncClient client(String user) {
        return CLIENTS.computeIfAbsent(port + "/" + user, key -> {
            String token = emulator().issueToken(user);
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl())
                    .endpoint("/mcp")
                    .httpRequestCustomizer(
                            (builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + token))
                    .build();
            McpSyncClient client = McpClient.sync(transport)
                    .requestTimeout(Duration.ofSeconds(60))
                    .build();
            client.initialize();
            return client;
        });
    }

    CallToolResult call(String user, String tool, Map<String, Object> args) {
        CallToolResult result = client(user)
                .callTool(CallToolRequest.builder(tool).arguments(args).build());
        RESPONSES.add(text(result));
        return result;
    }

    /** Calls a tool that must succeed and returns its JSON result. */
    JsonNode ok(String user, String tool, Map<String, Object> args) {
        CallToolResult result = call(user, tool, args);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError(tool + " " + args + " failed: " + text(result));
        }
        return JSON.readTree(text(result));
    }

    /** Calls a tool that must fail and returns its error text. */
    String error(String user, String tool, Map<String, Object> args) {
        CallToolResult result = call(user, tool, args);
        if (!Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError(tool + " " + args + " should have failed: " + text(result));
        }
        return text(result);
    }

    static String text(CallToolResult result) {
        return result.content().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.path(field).asString()));
        return names;
    }

    static List<String> recordedResponses() {
        return List.copyOf(RESPONSES);
    }

    static void clearRecordedResponses() {
        RESPONSES.clear();
    }

    @AfterEach
    void clearFaults() {
        emulator().faults().clear();
    }

    @AfterAll
    static void closeClients() {
        CLIENTS.values().forEach(c -> {
            try {
                c.closeGracefully();
            } catch (RuntimeException ignored) {
                // the server may already be gone at the end of the run
            }
        });
        CLIENTS.clear();
    }
}
