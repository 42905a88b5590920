package io.lakegate.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CopyOnWriteArrayList;

/** MCP sessions of the Java SDK client against connector processes, with a bearer a user signed in for. */
public final class McpSessions implements AutoCloseable {

    private final List<McpSyncClient> open = new CopyOnWriteArrayList<>();

    /** Opens a session as the bearer's user, calls one tool and checks it did not fail (the log explains if it did). */
    public CallToolResult call(ConnectorProcess connector, String bearer, String tool, Map<String, Object> args) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(connector.baseUrl())
                .endpoint("/mcp")
                .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + bearer))
                .build();
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        open.add(client);
        client.initialize();
        CallToolResult result =
                client.callTool(CallToolRequest.builder(tool).arguments(args).build());
        assertThat(result.isError())
                .as(tool + ": " + text(result) + "\nconnector log:\n" + connector.logText())
                .isNotEqualTo(Boolean.TRUE);
        return result;
    }

    public String callText(ConnectorProcess connector, String bearer, String tool, Map<String, Object> args) {
        return text(call(connector, bearer, tool, args));
    }

    /** Ends every session (so a connector's graceful shutdown has no open stream to wait for). */
    @Override
    public void close() {
        open.forEach(c -> {
            try {
                c.closeGracefully();
            } catch (RuntimeException ignored) {
                // the connector may be gone already
            }
        });
        open.clear();
    }

    public static String text(CallToolResult result) {
        List<String> parts = new ArrayList<>();
        result.content().forEach(c -> {
            if (c instanceof TextContent t) {
                parts.add(t.text());
            }
        });
        return String.join("\n", parts);
    }
}
