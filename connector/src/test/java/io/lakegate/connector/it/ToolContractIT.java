package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.auth.ToolScopes;
import io.lakegate.connector.tools.ArgumentSchemaValidator;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolInvoker;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract of every tool as clients see it on the wire: a checked-in snapshot of each tool's name, title, group,
 * description, annotations and schemas; output schemas that every real answer (success and error) satisfies; the
 * protocol revisions that see {@code outputSchema}; and the scopes that follow each tool's declared group.
 *
 * <p>The snapshot ({@code src/test/resources/tools-snapshot.json}, also read by the operator's
 * {@code ToolFilterContractTest}) changes only on purpose. After changing a tool's contract, regenerate it and review the
 * diff:
 * <pre>
 * ./mvnw -pl connector -am test -Dtest=ToolContractIT -Dsurefire.failIfNoSpecifiedTests=false -DskipImages \
 *     -Dlakegate.tools.snapshot.update=true
 * </pre>
 */
class ToolContractIT extends ConnectorIntegrationTest {

    static final Path SNAPSHOT = Path.of("src", "test", "resources", "tools-snapshot.json");
    static final String UPDATE_PROPERTY = "lakegate.tools.snapshot.update";
    static final Set<String> WITH_OUTPUT_SCHEMA = Set.of(
            "list_catalogs",
            "list_schemas",
            "list_tables",
            "search_tables",
            "get_table",
            "list_sql_warehouses",
            "list_genie_spaces",
            "list_genie_tools",
            "list_sql_tools");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Autowired
    ToolInvoker invoker;

    @Autowired
    ToolScopes scopes;

    @Autowired
    ArgumentSchemaValidator validator;

    @Test
    void everyToolsContractMatchesTheCheckedInSnapshot() throws IOException {
        ObjectNode actual = JSON.createObjectNode();
        ArrayNode tools = actual.putArray("tools");
        for (JsonNode wire : modernToolList()) {
            String name = wire.path("name").asString();
            ObjectNode tool = tools.addObject();
            tool.put("name", name);
            tool.put("title", wire.path("title").asString());
            tool.put("group", invoker.tool(name).orElseThrow().group().id());
            tool.put("description", wire.path("description").asString());
            tool.set("annotations", wire.get("annotations"));
            tool.set("inputSchema", wire.get("inputSchema"));
            if (wire.has("outputSchema")) {
                tool.set("outputSchema", wire.get("outputSchema"));
            }
        }
        String rendered = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n";
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(SNAPSHOT, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(SNAPSHOT))
                .as("%s missing; create it with -D%s=true", SNAPSHOT, UPDATE_PROPERTY)
                .isTrue();
        String expected = Files.readString(SNAPSHOT, StandardCharsets.UTF_8);
        assertThat(tools).hasSize(12);
        // compared as JSON, shown as text: the failure prints a line diff of the changed contract
        if (!JSON.readTree(expected).equals(actual)) {
            assertThat(rendered)
                    .as(
                            "a tool's contract changed; if on purpose, regenerate %s with -D%s=true and "
                                    + "review the diff (see this class's documentation)",
                            SNAPSHOT, UPDATE_PROPERTY)
                    .isEqualTo(expected);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRealAnswerSatisfiesItsToolsOutputSchema() {
        Map<String, Map<String, Object>> outputSchemas = new TreeMap<>();
        for (JsonNode tool : modernToolList()) {
            if (tool.has("outputSchema")) {
                outputSchemas.put(tool.path("name").asString(), JSON.convertValue(tool.get("outputSchema"), MAP));
            }
        }
        assertThat(outputSchemas.keySet()).containsExactlyInAnyOrderElementsOf(WITH_OUTPUT_SCHEMA);

        String space = ok(ALICE, "list_genie_spaces", Map.of())
                .path("spaces")
                .get(0)
                .path("space_id")
                .asString();
        List<Object[]> calls = List.of(
                new Object[] {ALICE, "list_catalogs", Map.of()},
                new Object[] {ALICE, "list_catalogs", Map.of("limit", 1)},
                new Object[] {ALICE, "list_catalogs", Map.of("bogus", 1)},
                new Object[] {BOB, "list_schemas", Map.of("catalog_name", "sales")},
                new Object[] {ALICE, "list_schemas", Map.of("catalog_name", "hr")},
                new Object[] {ALICE, "list_tables", Map.of("catalog_name", "sales", "schema_name", "orders")},
                new Object[] {
                    ALICE, "list_tables", Map.of("catalog_name", "sales", "schema_name", "staging", "limit", 3)
                },
                new Object[] {ALICE, "search_tables", Map.of("query", "order")},
                new Object[] {BOB, "search_tables", Map.of("query", "e", "limit", 2)},
                new Object[] {ALICE, "search_tables", Map.of("query", "x", "catalog_name", "nope")},
                new Object[] {ALICE, "get_table", Map.of("full_name", "sales.orders.orders")},
                new Object[] {CAROL, "get_table", Map.of("full_name", "sales.customers.customers")},
                new Object[] {ALICE, "get_table", Map.of("full_name", "sales.orders.nope")},
                new Object[] {ALICE, "list_sql_warehouses", Map.of()},
                new Object[] {BOB, "list_sql_warehouses", Map.of("limit", 1)},
                new Object[] {ALICE, "list_genie_spaces", Map.of()},
                new Object[] {ALICE, "list_genie_tools", Map.of("genie_space_id", space)},
                new Object[] {ALICE, "list_genie_tools", Map.of("genie_space_id", "01f0c3d4e5f6a7b8c9d0e1f2a3b4c5d6")},
                new Object[] {ALICE, "list_sql_tools", Map.of()});
        Set<String> answered = new TreeSet<>();
        Set<String> failed = new TreeSet<>();
        for (Object[] c : calls) {
            String tool = (String) c[1];
            CallToolResult result = call((String) c[0], tool, (Map<String, Object>) c[2]);
            String what = tool + " " + c[2] + " as " + c[0] + ": " + text(result);
            assertThat(result.structuredContent()).as(what).isInstanceOf(Map.class);
            assertThat(validator.problems(
                            outputSchemas.get(tool), (Map<String, Object>) result.structuredContent(), ""))
                    .as(what)
                    .isEmpty();
            if (Boolean.TRUE.equals(result.isError())) {
                failed.add(tool);
            } else {
                // the text older clients read is the same JSON
                assertThat(JSON.readTree(text(result)))
                        .as(what)
                        .isEqualTo(JSON.valueToTree(result.structuredContent()));
                answered.add(tool);
            }
        }
        assertThat(answered)
                .as("every tool with an output schema answered at least once")
                .containsExactlyInAnyOrderElementsOf(WITH_OUTPUT_SCHEMA);
        assertThat(failed).contains("list_catalogs", "list_schemas", "search_tables", "get_table", "list_genie_tools");
    }

    @Test
    void theOutputSchemasRejectWhatTheToolsDoNotAnswer() {
        Map<String, Map<String, Object>> schemas = new TreeMap<>();
        modernToolList().forEach(t -> {
            if (t.has("outputSchema")) {
                schemas.put(t.path("name").asString(), JSON.convertValue(t.get("outputSchema"), MAP));
            }
        });
        // a renamed field, a wrong type, a missing required field, an error without its code
        assertThat(validator.problems(
                        schemas.get("list_catalogs"),
                        Map.of("catalogs", List.of(Map.of("name", "a", "catalogType", "MANAGED"))),
                        ""))
                .isNotEmpty();
        assertThat(validator.problems(
                        schemas.get("get_table"),
                        Map.of("full_name", "a.b.c", "columns", List.of(Map.of("name", "x", "nullable", "yes"))),
                        ""))
                .isNotEmpty();
        assertThat(validator.problems(schemas.get("list_tables"), Map.of("tables", List.of()), ""))
                .isNotEmpty();
        assertThat(validator.problems(schemas.get("list_sql_tools"), Map.of("error", Map.of("message", "m")), ""))
                .isNotEmpty();
        assertThat(validator.problems(
                        schemas.get("list_sql_tools"), Map.of("tools", List.of(), "read_only", false), ""))
                .isNotEmpty();
    }

    @Test
    void outputSchemaIsListedToTheRevisionsThatDefineIt() {
        assertThat(modernToolList())
                .anySatisfy(t -> assertThat(t.has("outputSchema")).isTrue());
        assertThat(handshakeToolList("2025-06-18"))
                .filteredOn(t -> t.has("outputSchema"))
                .extracting(t -> t.path("name").asString())
                .containsExactlyInAnyOrderElementsOf(WITH_OUTPUT_SCHEMA);
        assertThat(handshakeToolList("2025-11-25"))
                .filteredOn(t -> t.has("outputSchema"))
                .hasSize(9);
        for (String old : List.of("2025-03-26", "2024-11-05")) {
            List<JsonNode> tools = handshakeToolList(old);
            assertThat(tools)
                    .as(old)
                    .hasSize(12)
                    .noneSatisfy(t -> assertThat(t.has("outputSchema")).isTrue());
        }
        // the stateless lane's results carry structuredContent next to the same JSON as text
        JsonNode result = modern(2, "tools/call", "list_catalogs", "\"name\":\"list_catalogs\",\"arguments\":{}")
                .path("result");
        assertThat(result.path("structuredContent").path("catalogs").isArray())
                .as(result.toString())
                .isTrue();
        assertThat(JSON.readTree(result.path("content").get(0).path("text").asString()))
                .isEqualTo(result.path("structuredContent"));
    }

    @Test
    void scopesFollowEachToolsDeclaredGroupAsBeforeGroupsExisted() {
        // the table ToolScopes hard-coded before the tools declared their groups
        Map<String, String> before = new LinkedHashMap<>();
        for (String discovery : List.of(
                "list_catalogs",
                "list_schemas",
                "list_tables",
                "search_tables",
                "get_table",
                "list_sql_warehouses",
                "list_genie_spaces")) {
            before.put(discovery, "lakegate.discovery");
        }
        for (String genie : List.of("list_genie_tools", "proxy_to_genie", "proxy_to_genie_one")) {
            before.put(genie, "lakegate.genie");
        }
        before.put("list_sql_tools", "lakegate.sql");
        before.put("proxy_to_sql", "lakegate.sql");
        Map<String, String> now = new LinkedHashMap<>();
        for (LakegateTool tool : invoker.tools()) {
            now.put(tool.name(), scopes.required(tool.name()));
        }
        assertThat(now).containsExactlyInAnyOrderEntriesOf(before);
    }

    // ---- raw wire ----

    private List<JsonNode> modernToolList() {
        JsonNode reply = modern(1, "tools/list", null, null);
        List<JsonNode> tools = new ArrayList<>();
        reply.path("result").path("tools").forEach(tools::add);
        assertThat(tools).as(reply.toString()).isNotEmpty();
        return tools;
    }

    private JsonNode modern(int id, String method, String name, String params) {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{},"
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"contract\",\"version\":\"1\"}}";
        Map<String, String> headers =
                new LinkedHashMap<>(Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", method));
        if (name != null) {
            headers.put("Mcp-Name", name);
        }
        HttpResponse<String> r = post(
                headers,
                "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{" + meta
                        + (params == null ? "" : "," + params) + "}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private List<JsonNode> handshakeToolList(String version) {
        HttpResponse<String> init = post(Map.of(), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s",
                 "capabilities":{},"clientInfo":{"name":"contract","version":"1"}}}""".formatted(version));
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        assertThat(JSON.readTree(init.body())
                        .path("result")
                        .path("protocolVersion")
                        .asString())
                .isEqualTo(version);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "Mcp-Session-Id", init.headers().firstValue("Mcp-Session-Id").orElseThrow());
        // the transport of 2025-06-18 and later sends the negotiated version; 2025-03-26 and 2024-11-05 clients do not
        if (version.compareTo("2025-06-18") >= 0) {
            headers.put("MCP-Protocol-Version", version);
        }
        HttpResponse<String> r = post(headers, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> tools = new ArrayList<>();
        JSON.readTree(r.body()).path("result").path("tools").forEach(tools::add);
        return tools;
    }

    private HttpResponse<String> post(Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/mcp"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + emulator().issueToken(ALICE))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
