package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.dedup.ReadDeduplicator;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The query guard through the production path: {@code proxy_to_sql} and {@code proxy_to_genie} as a client calls them,
 * with SCI tags learned from the emulator's Unity Catalog (not a fixture) and the emulator's SQL engine, which really
 * executes writes, behind them. Carol is a metastore admin: Databricks would show her everything, so only the guard
 * stands between her and the SCI objects.
 */
class QueryGuardIT extends ConnectorIntegrationTest {

    static final String SALES_SPACE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";

    @Autowired
    ReadDeduplicator dedup;

    @SuppressWarnings("unchecked")
    private Map<String, Object> refusal(String user, String sql) {
        CallToolResult result = call(
                user, "proxy_to_sql", Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of("query", sql)));
        assertThat(result.isError()).as(sql).isTrue();
        assertThat(text(result)).as(sql).startsWith("INVALID_QUERY:");
        return (Map<String, Object>) ((Map<String, Object>) result.structuredContent()).get("error");
    }

    @Test
    void writesInAnyDisguiseAreRefusedBeforeTheWarehouseAndNameTheirToken() {
        int writesBefore = emulator().executedWrites().size();
        emulator().clearRequests();
        // alice holds MODIFY on sales.staging: only the guard stops these
        assertThat(refusal(ALICE, "DELETE FROM sales.staging.load_audit")).containsEntry("offending_token", "DELETE");
        assertThat(refusal(ALICE, "SELECT 1; DROP TABLE sales.staging.load_audit"))
                .containsEntry("code", "INVALID_QUERY");
        assertThat(refusal(ALICE, "WITH x AS (SELECT 1) INSERT INTO sales.staging.load_audit SELECT * FROM x"))
                .containsKey("offending_token");
        assertThat(refusal(ALICE, "/* harmless */ UPDATE sales.staging.load_audit SET id = 2"))
                .containsEntry("offending_token", "UPDATE");
        // INVALID_QUERY is the guard's answer (the warehouse would have said READ_ONLY_VIOLATION), and nothing ran
        assertThat(emulator().executedWrites()).hasSize(writesBefore);
    }

    @Test
    void sciTablesSchemasAndCatalogsAnswerLikeMissingOnesEvenForAnAdmin() {
        Map<String, Object> sci = refusal(CAROL, "SELECT * FROM sales.customers.customer_pii");
        Map<String, Object> missing = refusal(CAROL, "SELECT * FROM sales.customers.customer_pix");
        assertThat(sci)
                .containsEntry("offending_token", "sales.customers.customer_pii")
                .containsEntry("refusal", "NOT_FOUND");
        assertThat(missing).containsEntry("refusal", "NOT_FOUND");
        assertThat(
                        refusal(
                                CAROL,
                                "SELECT c.name FROM sales.customers.customers c JOIN finance.payroll.salaries s ON c.id = s.id"))
                .containsEntry("offending_token", "finance.payroll.salaries")
                .containsEntry("refusal", "NOT_FOUND");
        assertThat(refusal(CAROL, "SELECT count(*) FROM (SELECT * FROM hr.people.employees) t"))
                .containsEntry("offending_token", "hr.people.employees")
                .containsEntry("refusal", "NOT_FOUND");
    }

    /**
     * No oracle: an SCI table and a missing one get the same answer after the same upstream calls (compared call by
     * call, the name aside), so neither the words nor the work tell them apart.
     */
    @Test
    void anSciTableCostsTheSameUpstreamWorkAsAMissingOne() {
        refusal(BOB, "SELECT * FROM hr.people.no_such_table_warm_up");
        List<String> sciCalls = upstreamCallsOf(BOB, "SELECT * FROM finance.payroll.bonuses", "bonuses");
        List<String> missingCalls = upstreamCallsOf(BOB, "SELECT * FROM finance.payroll.bonusez", "bonusez");
        assertThat(sciCalls).isNotEmpty().isEqualTo(missingCalls);
    }

    private List<String> upstreamCallsOf(String user, String sql, String name) {
        emulator().clearRequests();
        Map<String, Object> refused = refusal(user, sql);
        assertThat(refused).containsEntry("refusal", "NOT_FOUND");
        return emulator().requests().stream()
                .map(r -> r.method() + " " + r.path().replace(name, "NAME"))
                .sorted()
                .toList();
    }

    @Test
    void showAndDescribeRowsNamingSciObjectsAreDropped() {
        JsonNode tables = ok(
                CAROL,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "execute_sql_read_only",
                        "tool_args",
                        Map.of("query", "SHOW TABLES IN sales.customers")));
        assertThat(tables.toString()).contains("customer_segments").doesNotContain("customer_pii");
        JsonNode columns = ok(
                CAROL,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "execute_sql_read_only",
                        "tool_args",
                        Map.of("query", "DESCRIBE TABLE sales.customers.customers")));
        assertThat(columns.toString()).doesNotContain("email");
        JsonNode schemas = ok(
                CAROL,
                "proxy_to_sql",
                Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of("query", "SHOW SCHEMAS IN finance")));
        assertThat(schemas.toString()).contains("ledger").doesNotContain("payroll");
    }

    @Test
    void anSciColumnDoesNotExistForTheQueryAsForGetTable() {
        // forwarded as a read of the derived table without email: the warehouse answers as for any unknown column
        String answer = error(
                CAROL,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "execute_sql_read_only",
                        "tool_args",
                        Map.of("query", "SELECT email FROM sales.customers.customers")));
        assertThat(answer).contains("FAILED").contains("email").doesNotContain("@");
    }

    @Test
    void selectStarOverATableWithAnSciColumnRunsWithoutThatColumn() {
        JsonNode result = ok(
                CAROL,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "execute_sql_read_only",
                        "tool_args",
                        Map.of("query", "SELECT * FROM sales.customers.customers")));
        assertThat(result.path("status").path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(names(result.path("manifest").path("schema").path("columns"), "name"))
                .isNotEmpty()
                .doesNotContain("email");
    }

    @Test
    void genieAnswerReadingAnSciTableIsWithheldWithTheReason() {
        JsonNode asked = ok(
                ALICE,
                "proxy_to_genie",
                Map.of(
                        "genie_space_id",
                        SALES_SPACE,
                        "tool_name",
                        "query_space_" + SALES_SPACE,
                        "tool_args",
                        Map.of("query", "Which customers have a birthday this month?")));
        String conversation = asked.path("conversationId").asString();
        String message = asked.path("messageId").asString();
        JsonNode answer = asked;
        for (int poll = 0; poll < 5 && !"COMPLETED".equals(answer.path("status").asString()); poll++) {
            dedup.invalidateAll(); // identical polls inside the dedup window would share one (stale) answer
            answer = ok(
                    ALICE,
                    "proxy_to_genie",
                    Map.of(
                            "genie_space_id",
                            SALES_SPACE,
                            "tool_name",
                            "poll_response_" + SALES_SPACE,
                            "tool_args",
                            Map.of("conversation_id", conversation, "message_id", message)));
        }
        assertThat(answer.path("status").asString()).isEqualTo("COMPLETED");
        JsonNode attachment = answer.path("content").path("queryAttachments").get(0);
        // the reason names neither the object nor its classification: either would confirm that it exists
        assertThat(attachment.path("withheld").asString())
                .contains("could not verify")
                .doesNotContain("SCI");
        assertThat(attachment.has("statement_response")).isFalse();
        assertThat(answer.toString()).doesNotContain("date_of_birth");
    }
}
