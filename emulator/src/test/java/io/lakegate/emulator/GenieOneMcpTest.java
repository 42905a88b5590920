package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.emulator.fault.Switches;
import io.lakegate.emulator.genie.GenieOne;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Genie One at /api/2.0/mcp/genie, driven by the MCP Java SDK client as seeded users. */
class GenieOneMcpTest {

    static final String ENDPOINT = "/api/2.0/mcp/genie";
    static final String SALES_SPACE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static final String PEOPLE_SPACE = "01f0c3d4e5f6a7b8c9d0e1f2a3b4c5d6";
    static final List<String> END_STATES = List.of("COMPLETED", "FAILED", "CANCELLED", "QUERY_RESULT_EXPIRED");

    static DatabricksEmulator emu;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @AfterEach
    void reset() {
        emu.switches().reset();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    static Map<String, Object> ask(
            io.modelcontextprotocol.client.McpSyncClient c, String question, String conversation) {
        Map<String, Object> args = conversation == null
                ? Map.of("question", question)
                : Map.of("question", question, "conversation_id", conversation);
        return structured(c.callTool(new McpSchema.CallToolRequest("genie_ask", args)));
    }

    /** Polls (bounded) until an end state, recording every status seen. */
    static Map<String, Object> pollToEnd(
            io.modelcontextprotocol.client.McpSyncClient c, Map<String, Object> asked, List<String> seen)
            throws InterruptedException {
        Map<String, Object> last = asked;
        seen.add((String) asked.get("status"));
        for (int i = 0; i < 200 && !END_STATES.contains(last.get("status")); i++) {
            Thread.sleep(20);
            last = structured(c.callTool(new McpSchema.CallToolRequest(
                    "genie_poll_response",
                    Map.of("conversation_id", asked.get("conversation_id"), "response_id", asked.get("response_id")))));
            if (!seen.get(seen.size() - 1).equals(last.get("status"))) {
                seen.add((String) last.get("status"));
            }
        }
        return last;
    }

    @Test
    @SuppressWarnings("unchecked")
    void advertisesGenieAskAndGeniePollResponse() {
        try (var c = McpEndpointsTestClients.client(emu, ENDPOINT, emu.issueToken("alice@lakegate.dev"))) {
            assertThat(c.getServerInfo().name()).isEqualTo("DatabricksMCPServer");
            var tools = c.listTools().tools();
            assertThat(tools)
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("genie_ask", "genie_poll_response");
            McpSchema.Tool ask = tools.stream()
                    .filter(t -> t.name().equals("genie_ask"))
                    .findFirst()
                    .orElseThrow();
            assertThat((List<String>) ask.inputSchema().get("required")).containsExactly("question");
            assertThat((Map<String, Object>) ask.inputSchema().get("properties"))
                    .containsOnlyKeys("question", "conversation_id");
            McpSchema.Tool poll = tools.stream()
                    .filter(t -> t.name().equals("genie_poll_response"))
                    .findFirst()
                    .orElseThrow();
            assertThat((List<String>) poll.inputSchema().get("required"))
                    .containsExactlyInAnyOrder("conversation_id", "response_id");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aQuestionProgressesThroughTheStatusSetToAnAnswerFromTheMatchingSpace() throws Exception {
        try (var c = McpEndpointsTestClients.client(emu, ENDPOINT, emu.issueToken("bob@lakegate.dev"))) {
            Map<String, Object> asked = ask(c, "How many orders are there?", null);
            assertThat(asked.get("status")).isEqualTo("SUBMITTED");
            assertThat((String) asked.get("conversation_id")).isNotBlank();
            List<String> seen = new ArrayList<>();
            Map<String, Object> done = pollToEnd(c, asked, seen);
            assertThat(done.get("status")).isEqualTo("COMPLETED");
            // time-based: several intermediate states, always in the documented order
            assertThat(seen).hasSizeGreaterThanOrEqualTo(4);
            List<String> order = new ArrayList<>(GenieOne.PROGRESSION);
            order.add("COMPLETED");
            assertThat(seen).isSortedAccordingTo(java.util.Comparator.comparingInt(order::indexOf));
            Map<String, Object> content = (Map<String, Object>) done.get("content");
            assertThat((List<String>) content.get("textAttachments"))
                    .singleElement()
                    .asString()
                    .contains("**60 orders**");
            List<Map<String, Object>> queries = (List<Map<String, Object>>) content.get("queryAttachments");
            assertThat(queries)
                    .singleElement()
                    .extracting(q -> q.get("query"))
                    .isEqualTo("SELECT COUNT(*) AS order_count FROM sales.orders.orders");
            assertThat((List<Map<String, Object>>) done.get("sources"))
                    .singleElement()
                    .extracting(s -> s.get("genie_space_id"))
                    .isEqualTo(SALES_SPACE);
        }
    }

    @Test
    void followUpsContinueTheConversationAndStayTheCallers() throws Exception {
        try (var alice = McpEndpointsTestClients.client(emu, ENDPOINT, emu.issueToken("alice@lakegate.dev"));
                var bob = McpEndpointsTestClients.client(emu, ENDPOINT, emu.issueToken("bob@lakegate.dev"))) {
            Map<String, Object> first = ask(alice, "How many orders are there?", null);
            String conversation = (String) first.get("conversation_id");
            pollToEnd(alice, first, new ArrayList<>());
            Map<String, Object> second = ask(alice, "What was the profit per month?", conversation);
            assertThat(second.get("conversation_id")).isEqualTo(conversation);
            assertThat(second.get("response_id")).isNotEqualTo(first.get("response_id"));
            assertThat(pollToEnd(alice, second, new ArrayList<>()).get("status"))
                    .isEqualTo("COMPLETED");

            assertThatThrownBy(() -> ask(bob, "How many orders are there?", conversation))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("BAD_REQUEST")
                    .hasMessageContaining("does not exist");
            assertThatThrownBy(() -> bob.callTool(new McpSchema.CallToolRequest(
                            "genie_poll_response",
                            Map.of("conversation_id", conversation, "response_id", first.get("response_id")))))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("does not exist");
            assertThatThrownBy(() -> alice.callTool(new McpSchema.CallToolRequest("genie_ask", Map.of("query", "x"))))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("BAD_REQUEST");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anSciTaggedSpaceIsNeverUsed() throws Exception {
        // People Analytics (classification=SCI) is the only space with this canned question; alice may run it
        try (var c = McpEndpointsTestClients.client(emu, ENDPOINT, emu.issueToken("alice@lakegate.dev"))) {
            Map<String, Object> done =
                    pollToEnd(c, ask(c, "What is the headcount per department?", null), new ArrayList<>());
            assertThat(done.get("status")).isEqualTo("COMPLETED");
            assertThat((List<Map<String, Object>>) done.get("sources"))
                    .extracting(s -> s.get("genie_space_id"))
                    .doesNotContain(PEOPLE_SPACE);
            assertThat(done.toString()).doesNotContain("hr.people");
        }
    }

    @Test
    void textOnlyShapeCarriesSnakeCaseJsonInTheText() throws Exception {
        emu.switches().genieMcpShape(Switches.GenieMcpShape.TEXT_ONLY);
        try (var c = McpEndpointsTestClients.client(emu, ENDPOINT, emu.issueToken("bob@lakegate.dev"))) {
            McpSchema.CallToolResult r = c.callTool(
                    new McpSchema.CallToolRequest("genie_ask", Map.of("question", "How many orders are there?")));
            assertThat(r.structuredContent()).isNull();
            JsonNode asked =
                    Http.JSON.readTree(((McpSchema.TextContent) r.content().get(0)).text());
            JsonNode last = asked;
            for (int i = 0; i < 200 && !END_STATES.contains(last.path("status").asString()); i++) {
                Thread.sleep(20);
                McpSchema.CallToolResult p = c.callTool(new McpSchema.CallToolRequest(
                        "genie_poll_response",
                        Map.of(
                                "conversation_id", asked.path("conversation_id").asString(),
                                "response_id", asked.path("response_id").asString())));
                last = Http.JSON.readTree(((McpSchema.TextContent) p.content().get(0)).text());
            }
            assertThat(last.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(last.at("/content/query_attachments/0/query").asString()).contains("sales.orders.orders");
            assertThat(last.at("/content/text_attachments/0").asString()).contains("**60 orders**");
            assertThat(last.path("content").has("queryAttachments")).isFalse();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCompletedResultExpires() throws Exception {
        emu.switches().genieResultTtl(Duration.ofMillis(200));
        try (var c = McpEndpointsTestClients.client(emu, ENDPOINT, emu.issueToken("bob@lakegate.dev"))) {
            Map<String, Object> asked = ask(c, "What is the revenue by region?", null);
            List<String> seen = new ArrayList<>();
            Map<String, Object> last = pollToEnd(c, asked, seen);
            assertThat(last.get("status")).isEqualTo("COMPLETED");
            for (int i = 0; i < 100 && "COMPLETED".equals(last.get("status")); i++) {
                Thread.sleep(20);
                last = structured(c.callTool(new McpSchema.CallToolRequest(
                        "genie_poll_response",
                        Map.of(
                                "conversation_id",
                                asked.get("conversation_id"),
                                "response_id",
                                asked.get("response_id")))));
            }
            assertThat(last.get("status")).isEqualTo("QUERY_RESULT_EXPIRED");
            Map<String, Object> content = (Map<String, Object>) last.get("content");
            assertThat(last.toString()).doesNotContain("data_array");
            assertThat((List<String>) content.get("textAttachments"))
                    .singleElement()
                    .asString()
                    .contains("expired");
        }
    }

    @Test
    void aWorkspaceWithoutGenieOneAnswersEndpointNotFound() {
        emu.switches().genieOneDisabled(true);
        Http.Response r = new Http(emu.baseUrl())
                .post(
                        ENDPOINT,
                        emu.issueToken("bob@lakegate.dev"),
                        Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of()));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().path("error_code").asString()).isEqualTo("ENDPOINT_NOT_FOUND");
        // the per-space servers are unaffected
        try (var c = McpEndpointsTestClients.client(
                emu, "/api/2.0/mcp/genie/" + SALES_SPACE, emu.issueToken("bob@lakegate.dev"))) {
            assertThat(c.listTools().tools()).hasSize(2);
        }
    }
}
