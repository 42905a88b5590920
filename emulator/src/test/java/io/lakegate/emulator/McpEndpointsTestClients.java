package io.lakegate.emulator;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.common.McpTransportContext;
import java.time.Duration;
import java.util.Map;

/** An initialized MCP Java SDK client on one of an emulator's managed MCP endpoints, as the bearer's user. */
final class McpEndpointsTestClients {

    private McpEndpointsTestClients() {}

    static McpSyncClient client(DatabricksEmulator emu, String endpoint, String token) {
        var transport = HttpClientStreamableHttpTransport.builder(emu.baseUrl())
                .endpoint(endpoint)
                .httpRequestCustomizer((builder, method, uri, body, ctx) -> {
                    if (ctx.get("token") instanceof String t) {
                        builder.header("Authorization", "Bearer " + t);
                    }
                })
                .build();
        McpSyncClient c = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .transportContextProvider(() -> McpTransportContext.create(Map.of("token", token)))
                .build();
        c.initialize();
        return c;
    }
}
