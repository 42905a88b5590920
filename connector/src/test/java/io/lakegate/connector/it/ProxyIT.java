package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The four proxy tools against the emulator's managed MCP servers (Genie per space, SQL). */
class ProxyIT extends ConnectorIntegrationTest {

    static final String SALES_SPACE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static final String FINANCE_SPACE = "01f0b2c3d4e5f6a7b8c9d0e1f2a3b4c5";

    @Test
    void sqlToolListAdvertisesOnlyTheReadOnlyAllowList() {
        JsonNode tools = ok(ALICE, "list_sql_tools", Map.of());
        assertThat(names(tools.path("tools"), "name"))
                .containsExactlyInAnyOrder("execute_sql_read_only", "poll_sql_result");
        assertThat(tools.path("read_only").asBoolean()).isTrue();
        assertThat(tools.toString()).doesNotContain("\"execute_sql\"");
        assertThat(tools.path("tools")
                        .get(0)
                        .path("input_schema")
                        .path("required")
                        .isArray())
                .isTrue();
    }

    @Test
    void upstreamToolListsAreCachedPerUser() {
        ok(CAROL, "list_sql_tools", Map.of());
        emulator().clearRequests();
        ok(CAROL, "list_sql_tools", Map.of());
        assertThat(emulator().requests()).noneMatch(r -> r.path().startsWith("/api/2.0/mcp/sql"));
        ok(BOB, "list_sql_tools", Map.of()); // never another user's copy: bob's list comes from bob's own session
        assertThat(emulator().requests())
                .anyMatch(r -> r.path().startsWith("/api/2.0/mcp/sql") && BOB.equals(r.user()));
    }

    @Test
    void readOnlySqlRunsAsTheCaller() {
        JsonNode result = ok(
                ALICE,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "execute_sql_read_only",
                        "tool_args",
                        Map.of("query", "SELECT region FROM sales.reference.regions ORDER BY region")));
        assertThat(result.path("status").path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(result.toString()).contains("string_value");
        String bobOnFinance = text(call(
                BOB,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "execute_sql_read_only",
                        "tool_args",
                        Map.of("query", "SELECT * FROM finance.ledger.accounts"))));
        assertThat(bobOnFinance).doesNotContain("SUCCEEDED");
    }

    @Test
    void writeToolsAreRefusedAndNothingIsEverWritten() {
        int writesBefore = emulator().executedWrites().size();
        emulator().clearRequests();
        String refused = error(
                ALICE,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "execute_sql",
                        "tool_args",
                        Map.of("query", "INSERT INTO sales.staging.load_audit VALUES (1)")));
        assertThat(refused).startsWith("TOOL_NOT_ALLOWED:").contains("execute_sql_read_only");
        assertThat(error(ALICE, "proxy_to_sql", Map.of("tool_name", "drop_everything", "tool_args", Map.of())))
                .startsWith("TOOL_NOT_ALLOWED:");
        // the refused calls never reached the SQL MCP server
        assertThat(emulator().requests()).noneMatch(r -> r.path().startsWith("/api/2.0/mcp/sql"));
        // a write through the read-only tool is refused upstream (alice may MODIFY sales.staging, so only the
        // read-only contract stops it)
        CallToolResultText sneaky = new CallToolResultText(call(
                ALICE,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "execute_sql_read_only",
                        "tool_args",
                        Map.of("query", "DELETE FROM sales.staging.load_audit"))));
        assertThat(sneaky.isError()).isTrue();
        assertThat(emulator().executedWrites()).hasSize(writesBefore);
    }

    @Test
    void proxiedArgumentsAreValidatedAgainstTheUpstreamSchemaBeforeSending() {
        emulator().clearRequests();
        String missing =
                error(ALICE, "proxy_to_sql", Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of()));
        assertThat(missing).startsWith("INVALID_ARGUMENT:").contains("tool_args.query");
        String wrongType = error(
                ALICE, "proxy_to_sql", Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of("query", 42)));
        assertThat(wrongType).contains("tool_args.query").contains("string");
        String genie = error(
                ALICE,
                "proxy_to_genie",
                Map.of(
                        "genie_space_id",
                        SALES_SPACE,
                        "tool_name",
                        "poll_response_" + SALES_SPACE,
                        "tool_args",
                        Map.of("conversation_id", "c1")));
        assertThat(genie).contains("tool_args.message_id");
        // only tools/list reached the upstream servers, never tools/call
        assertThat(emulator().requests().stream()
                        .filter(r -> r.path().startsWith("/api/2.0/mcp/"))
                        .count())
                .isLessThanOrEqualTo(6);
    }

    @Test
    void genieToolsAreListedAndAQuestionIsAnswered() {
        JsonNode tools = ok(ALICE, "list_genie_tools", Map.of("genie_space_id", SALES_SPACE));
        assertThat(names(tools.path("tools"), "name"))
                .containsExactlyInAnyOrder("query_space_" + SALES_SPACE, "poll_response_" + SALES_SPACE);
        JsonNode answer = ok(
                ALICE,
                "proxy_to_genie",
                Map.of(
                        "genie_space_id",
                        SALES_SPACE,
                        "tool_name",
                        "query_space_" + SALES_SPACE,
                        "tool_args",
                        Map.of("query", "How many orders are there?")));
        assertThat(answer.path("conversationId").asString()).isNotBlank();
        String unknownTool = error(
                ALICE,
                "proxy_to_genie",
                Map.of("genie_space_id", SALES_SPACE, "tool_name", "drop_space", "tool_args", Map.of()));
        assertThat(unknownTool).startsWith("INVALID_ARGUMENT:").contains("query_space_" + SALES_SPACE);
    }

    /**
     * Every poll reaches Genie: a status is never answered from the short-lived cache that shares identical reads,
     * or an agent polling faster than that cache's lifetime would see a message stuck in its old status.
     */
    @Test
    void eachGeniePollSeesTheCurrentStatus() {
        JsonNode asked = ok(
                ALICE,
                "proxy_to_genie",
                Map.of(
                        "genie_space_id",
                        SALES_SPACE,
                        "tool_name",
                        "query_space_" + SALES_SPACE,
                        "tool_args",
                        Map.of("query", "How many regions are there?")));
        Map<String, Object> poll = Map.of(
                "genie_space_id",
                SALES_SPACE,
                "tool_name",
                "poll_response_" + SALES_SPACE,
                "tool_args",
                Map.of(
                        "conversation_id",
                        asked.path("conversationId").asString(),
                        "message_id",
                        asked.path("messageId").asString()));
        List<String> statuses = new ArrayList<>(List.of(asked.path("status").asString()));
        for (int i = 0; i < 5 && !statuses.get(statuses.size() - 1).equals("COMPLETED"); i++) {
            statuses.add(ok(ALICE, "proxy_to_genie", poll).path("status").asString());
        }
        assertThat(statuses)
                .as("statuses seen by back-to-back polls")
                .endsWith("COMPLETED")
                .doesNotHaveDuplicates();
    }

    /** Its tags are unreadable to bob, so it might be SCI: it answers like a missing space (see ProxyEdgesIT). */
    @Test
    void genieSpaceOutsideTheCallersGrantsIsAnError() {
        assertThat(error(BOB, "list_genie_tools", Map.of("genie_space_id", FINANCE_SPACE)))
                .startsWith("NOT_FOUND:")
                .doesNotContain("Exception");
    }

    @Test
    void throttledSqlServerSurfacesRetryAfter() {
        ok(ALICE, "list_sql_tools", Map.of());
        emulator().faults().throttle("POST /api/2.0/mcp/sql", 5, Duration.ofSeconds(3));
        String text = error(
                ALICE,
                "proxy_to_sql",
                Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of("query", "SELECT 1")));
        assertThat(text).startsWith("RATE_LIMITED:").contains("Retry after 3 s");
    }

    @Test
    void unavailableSqlServerIsAnUpstreamError() {
        ok(ALICE, "list_sql_tools", Map.of());
        emulator().faults().errorRate("POST /api/2.0/mcp/sql", 1.0, 503);
        String text = error(
                ALICE,
                "proxy_to_sql",
                Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of("query", "SELECT 1")));
        assertThat(text).startsWith("UPSTREAM_ERROR:").contains("503").doesNotContain("\tat ");
        assertThat(List.of(text)).noneMatch(t -> t.contains("Bearer"));
    }

    /** Keeps a result and its text together for assertions. */
    private record CallToolResultText(io.modelcontextprotocol.spec.McpSchema.CallToolResult result) {
        boolean isError() {
            return Boolean.TRUE.equals(result.isError());
        }
    }
}
