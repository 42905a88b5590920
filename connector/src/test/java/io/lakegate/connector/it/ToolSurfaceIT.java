package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a client sees before any Databricks call: the tool list, authentication, Origin checks and health. */
class ToolSurfaceIT extends ConnectorIntegrationTest {

    static final List<String> TWELVE = List.of(
            "list_genie_spaces",
            "list_sql_warehouses",
            "list_catalogs",
            "list_schemas",
            "list_tables",
            "get_table",
            "search_tables",
            "list_genie_tools",
            "proxy_to_genie",
            "list_sql_tools",
            "proxy_to_sql",
            "proxy_to_genie_one");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @SuppressWarnings("unchecked")
    void listsExactlyTheTwelveToolsWithHandWrittenSchemas() {
        List<Tool> tools = client(ALICE).listTools().tools();
        assertThat(tools).extracting(Tool::name).containsExactlyInAnyOrderElementsOf(TWELVE);
        for (Tool tool : tools) {
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(80);
            assertThat(tool.inputSchema()).containsEntry("type", "object");
            assertThat(tool.inputSchema()).as(tool.name()).containsEntry("additionalProperties", false);
            assertThat((Map<String, Object>) tool.inputSchema().get("properties"))
                    .as(tool.name())
                    .containsKey("workspace");
            assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isTrue();
            assertThat(tool.annotations().destructiveHint()).as(tool.name()).isFalse();
        }
        Tool getTable = tools.stream()
                .filter(t -> t.name().equals("get_table"))
                .findFirst()
                .orElseThrow();
        assertThat(getTable.inputSchema().get("required")).isEqualTo(List.of("full_name"));
        Tool proxy = tools.stream()
                .filter(t -> t.name().equals("proxy_to_genie"))
                .findFirst()
                .orElseThrow();
        assertThat(proxy.inputSchema().get("required")).isEqualTo(List.of("genie_space_id", "tool_name", "tool_args"));
        Tool genieOne = tools.stream()
                .filter(t -> t.name().equals("proxy_to_genie_one"))
                .findFirst()
                .orElseThrow();
        assertThat(genieOne.inputSchema().get("required")).isEqualTo(List.of("tool_name", "tool_args"));
    }

    @Test
    void argumentsAreValidatedInsideThePipelineAndNameTheField() {
        assertThat(error(ALICE, "list_schemas", Map.of()))
                .startsWith("INVALID_ARGUMENT:")
                .contains("catalog_name");
        assertThat(error(ALICE, "list_catalogs", Map.of("limit", 0))).contains("limit");
        assertThat(error(ALICE, "list_catalogs", Map.of("bogus", 1))).contains("bogus");
        assertThat(error(ALICE, "list_catalogs", Map.of("workspace", "nope"))).contains("workspace");
        assertThat(error(ALICE, "get_table", Map.of("full_name", "only.two")))
                .contains("full_name")
                .contains("catalog.schema.table");
    }

    @Test
    void mcpEndpointWithoutBearerIs401WithChallenge() throws Exception {
        HttpResponse<String> response = http.send(initialize(null, null), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void unknownOrExpiredTokenIs401() throws Exception {
        HttpResponse<String> forged =
                http.send(initialize("not-an-emulator-token", null), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        String expired = emulator().issueToken(ALICE, java.time.Duration.ZERO);
        assertThat(http.send(initialize(expired, null), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void foreignOriginIsRejectedAndLocalOriginAccepted() throws Exception {
        String token = emulator().issueToken(ALICE);
        assertThat(http.send(initialize(token, "http://evil.example.com"), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.send(initialize(token, "http://localhost:6274"), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unsupportedProtocolVersionIs400() throws Exception {
        String token = emulator().issueToken(ALICE);
        HttpRequest request = HttpRequest.newBuilder(initialize(token, null), (name, value) -> true)
                .header("MCP-Protocol-Version", "1999-01-01")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("1999-01-01").contains("2025-11-25");
    }

    @Test
    void livenessAndReadinessAreOpen() throws Exception {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + probe)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(response.body()).contains("UP");
        }
        HttpResponse<String> other = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/env")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isIn(401, 403, 404);
    }

    private HttpRequest initialize(String token, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                         "capabilities":{},"clientInfo":{"name":"it","version":"1"}}}"""));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return request.build();
    }
}
