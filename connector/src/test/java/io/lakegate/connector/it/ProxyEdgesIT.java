package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.tools.ToolArguments;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.upstream.GuardedProxyResults;
import io.lakegate.connector.workspace.WorkspaceRegistry;
import io.lakegate.emulator.http.RecordedRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The edges of the proxies against the emulator: statement handles bound to their user, large results, and SCI
 * assets that answer exactly like missing ones after the same upstream work (bulk tag route; the per-object route is
 * in {@link SciFailClosedIT}).
 */
class ProxyEdgesIT extends ConnectorIntegrationTest {

    static final String SCI_SPACE = "01f0c3d4e5f6a7b8c9d0e1f2a3b4c5d6";
    static final String REGIONS = "SELECT region FROM sales.reference.regions ORDER BY region";

    @Autowired
    GuardedProxyResults results;

    @Autowired
    WorkspaceRegistry registry;

    private JsonNode execute(String user, String sql) {
        return ok(
                user, "proxy_to_sql", Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of("query", sql)));
    }

    private Map<String, Object> poll(Object statementId) {
        return Map.of("tool_name", "poll_sql_result", "tool_args", Map.of("statement_id", statementId));
    }

    @Test
    void aStatementCanBePolledOnlyByTheUserWhoStartedItThroughTheConnector() throws Exception {
        JsonNode started = execute(ALICE, REGIONS);
        String handle = started.path("statement_id").asString();
        assertThat(handle).startsWith("lg1.");
        JsonNode polled = ok(ALICE, "proxy_to_sql", poll(handle));
        assertThat(polled.path("status").path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(polled.path("result").toString()).contains("EMEA");
        assertThat(polled.path("statement_id").asString()).startsWith("lg1.");

        // carol may read everything: only the binding keeps her out of alice's statement
        String othersHandle = error(CAROL, "proxy_to_sql", poll(handle));
        String forged = "lg1.eyJzIjoiMDEifQ.AAAAAAAAAAAAAAAAAAAAAA";
        String unknown = error(CAROL, "proxy_to_sql", poll(forged));
        // a real Databricks statement of carol's that the guard never saw (started with the REST API)
        String raw = restStatement(CAROL, "SELECT region FROM sales.reference.regions");
        String unchecked = error(CAROL, "proxy_to_sql", poll(raw));
        assertThat(othersHandle).startsWith("NOT_FOUND:");
        assertThat(othersHandle.replace(handle, "<id>"))
                .isEqualTo(unknown.replace(forged, "<id>"))
                .isEqualTo(unchecked.replace(raw, "<id>"));
        assertThat(othersHandle + unknown + unchecked).doesNotContain("EMEA");
    }

    /** Starts a statement with the Statement Execution API, as Databricks itself would let the user. */
    private static String restStatement(String user, String sql) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator().baseUrl() + "/api/2.0/sql/statements"))
                .header("Authorization", "Bearer " + emulator().issueToken(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("statement", sql, "warehouse_id", "a1b2c3d4e5f60718", "wait_timeout", "10s"))))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String id = JSON.readTree(response.body()).path("statement_id").asString();
        assertThat(id).isNotBlank();
        return id;
    }

    @Test
    void aResultOverWebFluxsDefaultBufferComesBackInSeconds() {
        // 3 600 rows of five columns: about 500 KB from the SQL server, over the 256 KiB that used to hang for 120 s.
        // (The test's own MCP client, the SDK's HttpClient transport, needs seconds per MB to decode SSE: kept small.)
        long start = System.nanoTime();
        JsonNode result = execute(
                CAROL,
                "SELECT a.order_id, a.status, a.region, b.order_id AS o2, b.status AS s2 "
                        + "FROM sales.orders.orders a CROSS JOIN sales.orders.orders b");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.toString().length()).isGreaterThan(256 * 1024);
        assertThat(result.path("result").path("data_array").size()).isEqualTo(3_600);
        assertThat(result.path("manifest").path("truncated").asBoolean()).isFalse();
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    /**
     * Genie answers in the shapes real servers use, checked by the real guard against the emulator's catalog: the
     * Sales Pipeline's birthday question reads sales.customers.customer_pii (SCI). Until the emulator answers Genie in
     * text only, the answers are built here from its structured shape and sent through the connector's result guard.
     */
    @Test
    void genieAnswersAreGuardedWhetherStructuredOrTextOnlyInEitherKeySpelling() {
        ToolCall call = new ToolCall(
                "proxy_to_genie",
                new CallerIdentity(
                        ALICE, ALICE, "dev-emulator-token", Set.of(), emulator().issueToken(ALICE)),
                registry.find("demo").orElseThrow(),
                new ToolArguments(Map.of()),
                null);
        String clean = "SELECT COUNT(*) AS order_count FROM sales.orders.orders";
        String sci =
                "SELECT c.name, p.date_of_birth FROM sales.customers.customers c JOIN sales.customers.customer_pii p "
                        + "ON p.customer_id = c.customer_id WHERE MONTH(p.date_of_birth) = 6 ORDER BY c.name";
        for (boolean snake : List.of(false, true)) {
            String answer = """
                    {"%s":"c1","%s":"m1","status":"COMPLETED","content":{"%s":["Linus Liskov was born on 1985-06-14."],
                     "%s":[{"query":%s,"description":"Counts all orders","statement_response":{"status":{"state":"SUCCEEDED"},
                       "manifest":{"schema":{"columns":[{"name":"order_count"}]}},
                       "result":{"data_array":[{"values":[{"string_value":"60"}]}]}}},
                      {"query":%s,"description":"Customers born this month","statement_response":{"status":{"state":"SUCCEEDED"},
                       "manifest":{"schema":{"columns":[{"name":"name"},{"name":"date_of_birth"}]}},
                       "result":{"data_array":[{"values":[{"string_value":"Linus Liskov"},{"string_value":"1985-06-14"}]}]}}}]}}""".formatted(
                            snake ? "conversation_id" : "conversationId",
                            snake ? "message_id" : "messageId",
                            snake ? "text_attachments" : "textAttachments",
                            snake ? "query_attachments" : "queryAttachments",
                            JSON.writeValueAsString(clean),
                            JSON.writeValueAsString(sci));
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = JSON.readValue(answer, Map.class);
            for (CallToolResult upstream : List.of(
                    CallToolResult.builder()
                            .content(List.of(new TextContent(answer)))
                            .structuredContent(tree)
                            .build(),
                    CallToolResult.builder()
                            .content(List.of(new TextContent(answer)))
                            .build())) {
                CallToolResult guarded = results.guardGenie(call, upstream).block(Duration.ofSeconds(60));
                String seen = text(guarded) + guarded.structuredContent();
                String shape = (snake ? "snake_case" : "camelCase")
                        + (upstream.structuredContent() == null ? " text-only" : " structured");
                assertThat(seen)
                        .as(shape)
                        .doesNotContain("1985-06-14", "Linus", "customer_pii", "date_of_birth", "born")
                        .contains("order_count", "\"60\"", "withheld");
                assertThat(guarded.structuredContent() == null)
                        .as(shape)
                        .isEqualTo(upstream.structuredContent() == null);
            }
        }
        CallToolResult prose = CallToolResult.builder()
                .content(List.of(new TextContent("Linus Liskov was born on 1985-06-14.")))
                .build();
        assertThat(text(results.guardGenie(call, prose).block(Duration.ofSeconds(60))))
                .doesNotContain("1985", "Linus")
                .contains("withheld");
    }

    @Test
    void sciAssetsAnswerLikeMissingOnesAfterTheSameUpstreamWork() {
        for (String user : List.of(ALICE, CAROL)) {
            ok(user, "list_catalogs", Map.of()); // loads the user's tag snapshot, so both calls below find it cached
            sameAnswerSameWork(
                    user, "list_schemas", Map.of("catalog_name", "hr"), Map.of("catalog_name", "hx"), "hr", "hx");
            sameAnswerSameWork(
                    user,
                    "list_tables",
                    Map.of("catalog_name", "finance", "schema_name", "payroll"),
                    Map.of("catalog_name", "finance", "schema_name", "payrolx"),
                    "payroll",
                    "payrolx");
            sameAnswerSameWork(
                    user,
                    "get_table",
                    Map.of("full_name", "sales.customers.customer_pii"),
                    Map.of("full_name", "sales.customers.customer_pix"),
                    "customer_pii",
                    "customer_pix");
            sameAnswerSameWork(
                    user,
                    "search_tables",
                    Map.of("query", "x", "catalog_name", "hr"),
                    Map.of("query", "x", "catalog_name", "hx"),
                    "hr",
                    "hx");
            String unknownSpace = "01f0ffffffffffffffffffffffffffff";
            sameAnswerSameWork(
                    user,
                    "list_genie_tools",
                    Map.of("genie_space_id", SCI_SPACE),
                    Map.of("genie_space_id", unknownSpace),
                    SCI_SPACE,
                    unknownSpace);
            sameAnswerSameWork(
                    user,
                    "proxy_to_genie",
                    Map.of(
                            "genie_space_id",
                            SCI_SPACE,
                            "tool_name",
                            "query_space_" + SCI_SPACE,
                            "tool_args",
                            Map.of("query", "headcount?")),
                    Map.of(
                            "genie_space_id",
                            unknownSpace,
                            "tool_name",
                            "query_space_" + unknownSpace,
                            "tool_args",
                            Map.of("query", "headcount?")),
                    SCI_SPACE,
                    unknownSpace);
        }
    }

    /** A space the caller may not run is indistinguishable from a missing one too (it might be SCI: its tags are unreadable). */
    @Test
    void aGenieSpaceTheCallerMayNotRunAnswersLikeAMissingOne() {
        String denied = error(BOB, "list_genie_tools", Map.of("genie_space_id", ProxyIT.FINANCE_SPACE));
        String missing = error(BOB, "list_genie_tools", Map.of("genie_space_id", "01f0ffffffffffffffffffffffffffff"));
        assertThat(denied).startsWith("NOT_FOUND:");
        assertThat(denied.replace(ProxyIT.FINANCE_SPACE, "<id>"))
                .isEqualTo(missing.replace("01f0ffffffffffffffffffffffffffff", "<id>"));
    }

    void sameAnswerSameWork(
            String user,
            String tool,
            Map<String, Object> sciArgs,
            Map<String, Object> missingArgs,
            String sciName,
            String missingName) {
        sameAnswerSameWork(this, user, tool, sciArgs, missingArgs, sciName, missingName);
    }

    /**
     * The SCI call and the missing call answer the same text (but for the name) after the same upstream requests.
     * Timing itself is not asserted (performance is measured with bench/, never asserted): equal requests are what
     * makes it equal.
     */
    static void sameAnswerSameWork(
            ConnectorIntegrationTest it,
            String user,
            String tool,
            Map<String, Object> sciArgs,
            Map<String, Object> missingArgs,
            String sciName,
            String missingName) {
        Supplier<List<String>> work = () -> emulator().requests().stream()
                .filter(r -> user.equals(r.user()))
                .map(RecordedRequest::path)
                .map(p -> p.replace(sciName, "<name>").replace(missingName, "<name>"))
                .sorted()
                .toList();
        // steady state: whatever either call caches (tag verdicts of both names) is cached before measuring
        it.call(user, tool, sciArgs);
        it.call(user, tool, missingArgs);
        emulator().clearRequests();
        String sci = it.error(user, tool, sciArgs);
        List<String> sciWork = work.get();
        emulator().clearRequests();
        String missing = it.error(user, tool, missingArgs);
        List<String> missingWork = work.get();
        assertThat(sci).as(tool + " as " + user).startsWith("NOT_FOUND:");
        assertThat(sci.replace(sciName, "<name>"))
                .as(tool + " as " + user)
                .isEqualTo(missing.replace(missingName, "<name>"));
        assertThat(sciWork)
                .as("upstream calls of " + tool + " as " + user)
                .isEqualTo(missingWork)
                .isNotEmpty();
    }
}
