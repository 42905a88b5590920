package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SCI policies built from automatic classification and governed tags, with no other configuration: workspace
 * {@code classified} hides every column tagged {@code class.email_address} (both seeded email columns) in discovery,
 * SQL and Genie; workspace {@code governed} treats the governed tag {@code data_domain=sales} as SCI, which makes the
 * Sales Genie space unreachable, directly and through Genie One.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // no other test shares this registry; free the context once done
class ClassificationPolicyIT {

    static final String ALICE = "alice@lakegate.dev";
    static final String SALES_SPACE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static final List<String> END_STATES = List.of("COMPLETED", "FAILED", "CANCELLED", "QUERY_RESULT_EXPIRED");
    static final JsonMapper JSON = JsonMapper.builder().build();
    // its own workspace state (its own Genie conversations), closed with the JVM like SharedEmulator's
    static final DatabricksEmulator EMULATOR = DatabricksEmulator.start(EmulatorConfig.defaults());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(EMULATOR::close, "classification-emulator-shutdown"));
    }

    private final List<String> said = new ArrayList<>();
    private static final Map<String, McpSyncClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void connectorProperties(DynamicPropertyRegistry registry) {
        registry.add("lakegate.auth.mode", () -> "dev-emulator-token");
        registry.add("lakegate.workspaces.json", () -> """
                {"workspaces":[
                 {"name":"classified","host":"%1$s","identity":{"mode":"dev-token"},
                  "sci":{"rules":[{"tagKey":"class.email_address"}]}},
                 {"name":"governed","host":"%1$s","identity":{"mode":"dev-token"},
                  "sci":{"rules":[{"tagKey":"data_domain","tagValues":["sales"]}]}}]}""".formatted(EMULATOR.baseUrl()));
    }

    @AfterAll
    static void closeClients() {
        CLIENTS.values().forEach(c -> {
            try {
                c.closeGracefully();
            } catch (RuntimeException ignored) {
                // the connector may already be gone
            }
        });
        CLIENTS.clear();
    }

    McpSyncClient client() {
        return CLIENTS.computeIfAbsent(port + "/" + ALICE, u -> {
            String token = EMULATOR.issueToken(ALICE);
            McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                            .endpoint("/mcp")
                            .httpRequestCustomizer(
                                    (b, m, uri, body, ctx) -> b.header("Authorization", "Bearer " + token))
                            .build())
                    .requestTimeout(Duration.ofSeconds(60))
                    .build();
            c.initialize();
            return c;
        });
    }

    CallToolResult call(String workspace, String tool, Map<String, Object> args) {
        Map<String, Object> all = new HashMap<>(args);
        all.put("workspace", workspace);
        CallToolResult r =
                client().callTool(CallToolRequest.builder(tool).arguments(all).build());
        said.add(text(r));
        return r;
    }

    JsonNode ok(String workspace, String tool, Map<String, Object> args) {
        CallToolResult r = call(workspace, tool, args);
        assertThat(r.isError()).as(tool + " " + args + ": " + text(r)).isNotEqualTo(Boolean.TRUE);
        return JSON.readTree(text(r));
    }

    static String text(CallToolResult r) {
        return r.content().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("name").asString()));
        return out;
    }

    JsonNode genieOne(String workspace, String question) throws InterruptedException {
        JsonNode asked = ok(
                workspace,
                "proxy_to_genie_one",
                Map.of("tool_name", "genie_ask", "tool_args", Map.of("question", question)));
        JsonNode last = asked;
        for (int i = 0; i < 100 && !END_STATES.contains(last.path("status").asString()); i++) {
            Thread.sleep(50);
            last = ok(
                    workspace,
                    "proxy_to_genie_one",
                    Map.of(
                            "tool_name",
                            "genie_poll_response",
                            "tool_args",
                            Map.of(
                                    "conversation_id",
                                            asked.path("conversation_id").asString(),
                                    "response_id", asked.path("response_id").asString())));
        }
        return last;
    }

    /** Every seeded email address: none may appear in anything the connector said for workspace classified. */
    static List<String> emails() {
        return EMULATOR.sciValues().stream().filter(v -> v.contains("@")).toList();
    }

    @Test
    void bothEmailColumnsAreHiddenEverywhereByTheClassTagAlone() throws Exception {
        assertThat(emails()).isNotEmpty();
        // discovery
        for (String table : List.of("sales.customers.customers", "marketing.campaigns.leads")) {
            JsonNode t = ok("classified", "get_table", Map.of("full_name", table));
            assertThat(names(t.path("columns"))).as(table).isNotEmpty().doesNotContain("email");
        }
        // SQL: the column does not exist for the query; SELECT * runs without it
        for (String table : List.of("sales.customers.customers", "marketing.campaigns.leads")) {
            CallToolResult direct = call(
                    "classified",
                    "proxy_to_sql",
                    Map.of(
                            "tool_name",
                            "execute_sql_read_only",
                            "tool_args",
                            Map.of("query", "SELECT email FROM " + table)));
            assertThat(text(direct)).as(table).doesNotContain("SUCCEEDED");
            JsonNode star = ok(
                    "classified",
                    "proxy_to_sql",
                    Map.of(
                            "tool_name",
                            "execute_sql_read_only",
                            "tool_args",
                            Map.of("query", "SELECT * FROM " + table)));
            assertThat(star.at("/status/state").asString()).isEqualTo("SUCCEEDED");
            assertThat(names(star.at("/manifest/schema/columns")))
                    .as(table)
                    .isNotEmpty()
                    .doesNotContain("email");
        }
        // Genie One and the per-space Genie: the email query's result and Genie's summary of it are withheld
        JsonNode one = genieOne("classified", "What are the customers' email addresses?");
        assertThat(one.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(one.at("/content/queryAttachments/0/withheld").asString()).isNotBlank();
        JsonNode asked = ok(
                "classified",
                "proxy_to_genie",
                Map.of(
                        "genie_space_id",
                        SALES_SPACE,
                        "tool_name",
                        "query_space_" + SALES_SPACE,
                        "tool_args",
                        Map.of("query", "What are the customers' email addresses?")));
        JsonNode polled = asked;
        for (int i = 0; i < 20 && !"COMPLETED".equals(polled.path("status").asString()); i++) {
            polled = ok(
                    "classified",
                    "proxy_to_genie",
                    Map.of(
                            "genie_space_id",
                            SALES_SPACE,
                            "tool_name",
                            "poll_response_" + SALES_SPACE,
                            "tool_args",
                            Map.of(
                                    "conversation_id",
                                            asked.path("conversationId").asString(),
                                    "message_id", asked.path("messageId").asString())));
        }
        assertThat(polled.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(polled.at("/content/queryAttachments/0/withheld").asString()).isNotBlank();

        String all = String.join("\n", said);
        for (String email : emails()) {
            assertThat(all).as("email address").doesNotContain(email);
        }
        // only the email class is policy here: other Genie answers still come through
        assertThat(genieOne("classified", "How many orders are there?")
                        .at("/content/textAttachments/0")
                        .asString())
                .contains("60 orders");
    }

    @Test
    void aGenieSpaceWithAGovernedSciTagIsUnreachableAlsoThroughGenieOne() throws Exception {
        CallToolResult direct = call(
                "governed",
                "proxy_to_genie",
                Map.of(
                        "genie_space_id",
                        SALES_SPACE,
                        "tool_name",
                        "query_space_" + SALES_SPACE,
                        "tool_args",
                        Map.of("query", "How many orders are there?")));
        assertThat(direct.isError()).isTrue();
        assertThat(text(direct)).startsWith("NOT_FOUND:");
        JsonNode one = genieOne("governed", "How many orders are there?");
        assertThat(one.path("withheld").asString()).isNotBlank();
        assertThat(one.at("/content/textAttachments/0").asString())
                .startsWith("Lakegate withheld this Genie One answer");
        assertThat(one.at("/content/queryAttachments").size()).isZero();
        assertThat(one.toString()).doesNotContain("60 orders").doesNotContain("sales.orders");
        // an answer from a space the policy does not cover is unaffected
        assertThat(genieOne("governed", "What was the profit per month?")
                        .at("/content/queryAttachments/0/query")
                        .asString())
                .contains("finance.reporting.monthly_pnl");
    }
}
