package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.emulator.fault.Switches;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The workspace states tests switch an emulator into: stopped warehouses, no entity-tag API, text-only Genie MCP. */
class SwitchesTest {

    static final String SALES_SPACE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static DatabricksEmulator emu;
    static Http http;
    static String carol;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
        http = new Http(emu.baseUrl());
        carol = emu.issueToken("carol@lakegate.dev");
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @AfterEach
    void reset() {
        emu.switches().reset();
    }

    @Test
    void stoppedWarehousesReportStoppedButStatementsStillRunAsDatabricksStartsThem() {
        JsonNode before = http.get("/api/2.0/sql/warehouses", carol).body();
        assertThat(before.toString()).contains("\"RUNNING\"");

        emu.switches().warehousesStopped(true);
        JsonNode list = http.get("/api/2.0/sql/warehouses", carol).body();
        assertThat(list.path("warehouses")).hasSize(2);
        for (JsonNode w : list.path("warehouses")) {
            assertThat(w.path("state").asString()).isEqualTo("STOPPED");
            assertThat(w.path("num_clusters").asInt()).isZero();
            JsonNode one = http.get("/api/2.0/sql/warehouses/" + w.path("id").asString(), carol)
                    .body();
            assertThat(one.path("state").asString()).isEqualTo("STOPPED");
        }
        Http.Response r = http.post(
                "/api/2.0/sql/statements",
                carol,
                Map.of("statement", "SELECT COUNT(*) FROM sales.orders.orders", "warehouse_id", "a1b2c3d4e5f60718"));
        assertThat(r.body().at("/status/state").asString()).isEqualTo("SUCCEEDED");
        // still stopped afterwards: the auto-stop is immediate while the switch is on
        assertThat(http.get("/api/2.0/sql/warehouses/a1b2c3d4e5f60718", carol)
                        .body()
                        .path("state")
                        .asString())
                .isEqualTo("STOPPED");
    }

    @Test
    void disabledEntityTagApiAnswersEndpointNotFound() {
        String path = "/api/2.1/unity-catalog/entity-tag-assignments/tables/sales.customers.customer_pii/tags";
        Http.Response on = http.get(path, carol);
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.body().toString()).contains("SCI");

        emu.switches().entityTagApiDisabled(true);
        for (String p : List.of(
                path,
                path + "/classification",
                "/api/2.1/unity-catalog/entity-tag-assignments/columns/sales.customers.customers.email/tags")) {
            Http.Response off = http.get(p, carol);
            assertThat(off.status()).isEqualTo(404);
            assertThat(off.body().path("error_code").asString()).isEqualTo("ENDPOINT_NOT_FOUND");
            assertThat(off.body().path("message").asString())
                    .isEqualTo("No API found for 'GET " + p.substring("/api/2.1".length()) + "'");
        }
        // the rest of Unity Catalog is unaffected
        assertThat(http.get("/api/2.1/unity-catalog/tables/sales.customers.customers", carol)
                        .status())
                .isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void genieMcpAnswersTextOnlyWithSnakeCaseKeysPerInstance() throws Exception {
        emu.switches().genieMcpShape(Switches.GenieMcpShape.TEXT_ONLY);
        try (DatabricksEmulator other = DatabricksEmulator.start(EmulatorConfig.defaults());
                McpSyncClient c = McpEndpointsTestClients.client(emu, "/api/2.0/mcp/genie/" + SALES_SPACE, carol);
                McpSyncClient structured = McpEndpointsTestClients.client(
                        other, "/api/2.0/mcp/genie/" + SALES_SPACE, other.issueToken("carol@lakegate.dev"))) {
            var started = c.callTool(new McpSchema.CallToolRequest(
                    "query_space_" + SALES_SPACE, Map.of("query", "Which customers have a birthday this month?")));
            assertThat(started.structuredContent()).isNull();
            JsonNode s = text(started);
            assertThat(s.has("conversationId")).isFalse();
            String conv = s.path("conversation_id").asString();
            String msg = s.path("message_id").asString();
            JsonNode polled = null;
            for (int i = 0; i < 100; i++) {
                var r = c.callTool(new McpSchema.CallToolRequest(
                        "poll_response_" + SALES_SPACE, Map.of("conversation_id", conv, "message_id", msg)));
                assertThat(r.structuredContent()).isNull();
                polled = text(r);
                if ("COMPLETED".equals(polled.path("status").asString())) {
                    break;
                }
                WorkspaceApiTest.pause();
            }
            assertThat(polled.path("status").asString()).isEqualTo("COMPLETED");
            JsonNode content = polled.path("content");
            assertThat(content.path("text_attachments").get(0).asString()).contains("birthday");
            JsonNode qa = content.path("query_attachments").get(0);
            assertThat(qa.path("query").asString()).contains("customer_pii");
            assertThat(qa.at("/statement_response/result/data_array").size()).isPositive();
            assertThat(content.has("suggested_questions")).isTrue();

            // another emulator instance keeps the structured, camelCase shape
            var other1 = structured.callTool(new McpSchema.CallToolRequest(
                    "query_space_" + SALES_SPACE, Map.of("query", "How many orders are there?")));
            assertThat((Map<String, Object>) other1.structuredContent()).containsKey("conversationId");
        }
    }

    static JsonNode text(McpSchema.CallToolResult r) {
        assertThat(r.content()).hasSize(1);
        return Http.JSON.readTree(((McpSchema.TextContent) r.content().get(0)).text());
    }
}
