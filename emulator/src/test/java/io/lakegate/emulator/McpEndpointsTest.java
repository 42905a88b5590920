package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The managed MCP endpoints, driven by the MCP Java SDK client over Streamable HTTP with a per-user bearer. */
class McpEndpointsTest {

    static final String SALES_SPACE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static final String PEOPLE_SPACE = "01f0c3d4e5f6a7b8c9d0e1f2a3b4c5d6";

    static DatabricksEmulator emu;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static McpSyncClient client(String endpoint, String token) {
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    @Test
    @SuppressWarnings("unchecked")
    void genieServerAdvertisesDatabricksToolsAndServerInfo() {
        try (McpSyncClient c = client("/api/2.0/mcp/genie/" + SALES_SPACE, emu.issueToken("bob@lakegate.dev"))) {
            assertThat(c.getServerInfo().name()).isEqualTo("DatabricksMCPServer");
            assertThat(c.getServerInfo().version()).isEqualTo("0.1.0");
            List<McpSchema.Tool> tools = c.listTools().tools();
            assertThat(tools)
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("query_space_" + SALES_SPACE, "poll_response_" + SALES_SPACE);
            McpSchema.Tool query = tools.stream()
                    .filter(t -> t.name().startsWith("query_space_"))
                    .findFirst()
                    .orElseThrow();
            assertThat(query.inputSchema().get("required")).isEqualTo(List.of("query"));
            assertThat((Map<String, Object>) query.inputSchema().get("properties"))
                    .containsOnlyKeys("query", "conversation_id");
            assertThat(query.annotations().readOnlyHint()).isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void genieQuestionIsPolledToCompletionWithProtoCells() {
        try (McpSyncClient c = client("/api/2.0/mcp/genie/" + SALES_SPACE, emu.issueToken("alice@lakegate.dev"))) {
            var started = c.callTool(new McpSchema.CallToolRequest(
                    "query_space_" + SALES_SPACE, Map.of("query", "How many orders are there?")));
            Map<String, Object> s = structured(started);
            assertThat(s.get("status")).isEqualTo("ASKING_AI");
            String conv = (String) s.get("conversationId");
            String msg = (String) s.get("messageId");
            Map<String, Object> polled = null;
            List<String> seen = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                polled = structured(c.callTool(new McpSchema.CallToolRequest(
                        "poll_response_" + SALES_SPACE, Map.of("conversation_id", conv, "message_id", msg))));
                seen.add((String) polled.get("status"));
                if ("COMPLETED".equals(polled.get("status"))) {
                    break;
                }
                WorkspaceApiTest.pause();
            }
            assertThat(seen).startsWith("EXECUTING_QUERY").endsWith("COMPLETED");
            Map<String, Object> content = (Map<String, Object>) polled.get("content");
            assertThat((List<String>) content.get("textAttachments"))
                    .containsExactly("There are **60 orders** in total.");
            Map<String, Object> qa = ((List<Map<String, Object>>) content.get("queryAttachments")).get(0);
            assertThat(qa.get("query")).isEqualTo("SELECT COUNT(*) AS order_count FROM sales.orders.orders");
            Map<String, Object> result =
                    (Map<String, Object>) ((Map<String, Object>) qa.get("statement_response")).get("result");
            assertThat(result.get("data_array"))
                    .isEqualTo(List.of(Map.of("values", List.of(Map.of("string_value", "60")))));
        }
    }

    @Test
    void badArgumentsAreBadRequestJsonRpcErrors() {
        try (McpSyncClient c = client("/api/2.0/mcp/genie/" + SALES_SPACE, emu.issueToken("alice@lakegate.dev"))) {
            assertThatThrownBy(() -> c.callTool(new McpSchema.CallToolRequest("query_space_" + SALES_SPACE, Map.of())))
                    .isInstanceOf(McpError.class)
                    .hasMessageStartingWith("BAD_REQUEST:");
            assertThatThrownBy(() -> c.callTool(new McpSchema.CallToolRequest(
                            "poll_response_" + SALES_SPACE, Map.of("conversation_id", "nope", "message_id", "nope"))))
                    .isInstanceOf(McpError.class)
                    .hasMessageStartingWith("BAD_REQUEST:");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void sqlServerRunsReadsAndRecordedWritesAsTheCaller() {
        try (McpSyncClient c = client("/api/2.0/mcp/sql", emu.issueToken("alice@lakegate.dev"))) {
            assertThat(c.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("execute_sql", "execute_sql_read_only", "poll_sql_result");
            var read = c.callTool(new McpSchema.CallToolRequest(
                    "execute_sql_read_only",
                    Map.of("query", "SELECT manager FROM sales.reference.regions ORDER BY region")));
            assertThat(read.isError()).as(read.toString()).isFalse();
            Map<String, Object> rs = (Map<String, Object>) structured(read).get("result");
            assertThat((List<Object>) rs.get("data_array")).hasSize(3);

            var refused = c.callTool(new McpSchema.CallToolRequest(
                    "execute_sql_read_only", Map.of("query", "DELETE FROM sales.staging.load_audit")));
            assertThat(refused.isError()).isTrue();
            int before = emu.executedWrites().size();
            var write = c.callTool(
                    new McpSchema.CallToolRequest(
                            "execute_sql",
                            Map.of(
                                    "query",
                                    "INSERT INTO sales.staging.load_audit VALUES (42, 'mcp', 7, TIMESTAMP '2025-08-01 00:00:00')")));
            assertThat(write.isError()).isFalse();
            assertThat(emu.executedWrites()).hasSize(before + 1);
            assertThat(emu.executedWrites().get(before).user()).isEqualTo("alice@lakegate.dev");
            var after = c.callTool(new McpSchema.CallToolRequest(
                    "execute_sql_read_only",
                    Map.of("query", "SELECT source FROM sales.staging.load_audit WHERE load_id = 42")));
            assertThat(structured(after).get("result").toString()).contains("mcp");
            String id = (String) structured(after).get("statement_id");
            var polled = c.callTool(new McpSchema.CallToolRequest("poll_sql_result", Map.of("statement_id", id)));
            assertThat(((Map<String, Object>) structured(polled).get("status")).get("state"))
                    .isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void bobCannotWriteOrRunSpacesHeHasNoRightsOn() {
        try (McpSyncClient c = client("/api/2.0/mcp/sql", emu.issueToken("bob@lakegate.dev"))) {
            var denied = c.callTool(
                    new McpSchema.CallToolRequest("execute_sql", Map.of("query", "DELETE FROM sales.orders.orders")));
            assertThat(denied.isError()).isTrue();
            assertThat(denied.structuredContent().toString()).contains("PERMISSION_DENIED");
        }
        Http http = new Http(emu.baseUrl());
        Http.Response r = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(emu.baseUrl() + "/api/2.0/mcp/genie/" + PEOPLE_SPACE))
                        .header("Accept", "application/json, text/event-stream")
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")),
                emu.issueToken("bob@lakegate.dev"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().get("error_code").asString()).isEqualTo("PERMISSION_DENIED");
        Http.Response unknown = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(emu.baseUrl() + "/api/2.0/mcp/genie/nope"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")),
                emu.issueToken("bob@lakegate.dev"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error_code").asString()).isEqualTo("ENDPOINT_NOT_FOUND");
    }

    @Test
    void mcpWithoutTokenIs401() {
        assertThatThrownBy(() -> client("/api/2.0/mcp/sql", "dapi-invalid")).isInstanceOf(RuntimeException.class);
        assertThat(emu.requests()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/2.0/mcp/sql");
            assertThat(r.status()).isEqualTo(401);
        });
    }
}
