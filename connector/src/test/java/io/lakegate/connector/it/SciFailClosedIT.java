package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * SCI knowledge without the bulk route, and result sizes, in a context of its own: tags are never cached (every call
 * learns them afresh, so faults apply at once), results are capped at 20 000 cell bytes and replies at 2 MB.
 * "No running warehouse" is the bulk tag statement failing (403): SciIndex then reads tags per object, exactly as
 * when no warehouse runs.
 */
@TestPropertySource(
        properties = {
            "lakegate.sci.cache-ttl=0s",
            "lakegate.guard.max-bytes=20000",
            "lakegate.proxy.max-response-size=2MB"
        })
class SciFailClosedIT extends ConnectorIntegrationTest {

    static final String BULK = "POST /api/2.0/sql/statements";
    static final String UC_TAGS = "GET /api/2.1/unity-catalog/entity-tag-assignments/*";
    static final String SPACE_TAGS = "GET /api/2.0/entity-tag-assignments/*";
    /** Seeded values that must never come back: customer emails and lead emails (column tags), an IBAN-free check. */
    static final List<String> SCI_VALUES = List.of("@example.com", "@example.org");

    @BeforeEach
    void noBulkRoute() {
        emulator().faults().errorRate(BULK, 1.0, 403);
    }

    private CallResult sql(String user, String query) {
        var result = call(
                user,
                "proxy_to_sql",
                Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of("query", query)));
        return new CallResult(Boolean.TRUE.equals(result.isError()), text(result));
    }

    record CallResult(boolean isError, String text) {}

    @Test
    void columnTagsAreKnownWithoutTheBulkRoute() {
        emulator().clearRequests();
        CallResult names = sql(ALICE, "SELECT name FROM sales.customers.customers ORDER BY name");
        assertThat(names.isError()).as(names.text()).isFalse();
        assertThat(names.text()).contains("Linus Liskov");
        // the email column's own tag was read: per object, column by column
        assertThat(emulator().requests())
                .anyMatch(r -> r.path().contains("/entity-tag-assignments/columns/")
                        && r.path().toLowerCase().contains("customers.email"));
        for (String query : List.of(
                "SELECT email FROM sales.customers.customers",
                "SELECT * FROM sales.customers.customers",
                "SELECT c.* FROM sales.customers.customers c",
                "SELECT lead_id, email FROM marketing.campaigns.leads")) {
            CallResult r = sql(ALICE, query);
            for (String value : SCI_VALUES) {
                assertThat(r.text()).as(query).doesNotContain(value);
            }
        }
        JsonNode table = ok(ALICE, "get_table", Map.of("full_name", "sales.customers.customers"));
        assertThat(names(table.path("columns"), "name")).contains("name").doesNotContain("email");
    }

    @Test
    void aMissingOrDisabledTagApiRefusesInsteadOfTreatingEverythingAsUntagged() {
        emulator().faults().errorRate(UC_TAGS, 1.0, 404, "ENDPOINT_NOT_FOUND");
        String listing = error(ALICE, "list_tables", Map.of("catalog_name", "sales", "schema_name", "customers"));
        assertThat(listing)
                .startsWith("UPSTREAM_ERROR:")
                .contains("data classification")
                .contains("ENDPOINT_NOT_FOUND")
                .doesNotContain("customer_pii");
        assertThat(error(ALICE, "get_table", Map.of("full_name", "sales.customers.customers")))
                .startsWith("UPSTREAM_ERROR:")
                .contains("data classification");
        assertThat(error(ALICE, "list_schemas", Map.of("catalog_name", "sales")))
                .startsWith("UPSTREAM_ERROR:");
        assertThat(error(ALICE, "search_tables", Map.of("query", "cust", "catalog_name", "sales")))
                .startsWith("UPSTREAM_ERROR:");
        CallResult sql = sql(ALICE, "SELECT name FROM sales.customers.customers");
        assertThat(sql.isError()).isTrue();
        assertThat(sql.text()).doesNotContain("Linus Liskov");

        emulator().faults().clear().errorRate(BULK, 1.0, 403).errorRate(UC_TAGS, 1.0, 400, "FEATURE_DISABLED");
        assertThat(error(ALICE, "get_table", Map.of("full_name", "sales.orders.orders")))
                .startsWith("UPSTREAM_ERROR:")
                .contains("FEATURE_DISABLED");

        emulator().faults().clear().errorRate(BULK, 1.0, 403).errorRate(SPACE_TAGS, 1.0, 404, "ENDPOINT_NOT_FOUND");
        assertThat(error(ALICE, "list_genie_spaces", Map.of()))
                .startsWith("UPSTREAM_ERROR:")
                .contains("data classification");
        assertThat(error(ALICE, "list_genie_tools", Map.of("genie_space_id", ProxyIT.SALES_SPACE)))
                .startsWith("UPSTREAM_ERROR:");
    }

    @Test
    void aMissingObjectIsStillJustMissing() {
        // RESOURCE_DOES_NOT_EXIST / TABLE_DOES_NOT_EXIST on the tag API means the object is absent, not the API
        assertThat(error(ALICE, "get_table", Map.of("full_name", "sales.orders.nothing_here")))
                .startsWith("NOT_FOUND:");
        assertThat(ok(ALICE, "list_tables", Map.of("catalog_name", "sales", "schema_name", "orders"))
                        .path("tables")
                        .size())
                .isEqualTo(3);
    }

    @Test
    void perObjectTagsGiveNoOracleEither() {
        for (String user : List.of(ALICE, CAROL)) {
            ProxyEdgesIT.sameAnswerSameWork(
                    this, user, "list_schemas", Map.of("catalog_name", "hr"), Map.of("catalog_name", "hx"), "hr", "hx");
            ProxyEdgesIT.sameAnswerSameWork(
                    this,
                    user,
                    "get_table",
                    Map.of("full_name", "finance.payroll.salaries"),
                    Map.of("full_name", "finance.payroll.salarix"),
                    "salaries",
                    "salarix");
            ProxyEdgesIT.sameAnswerSameWork(
                    this,
                    user,
                    "list_genie_tools",
                    Map.of("genie_space_id", ProxyEdgesIT.SCI_SPACE),
                    Map.of("genie_space_id", "01f0ffffffffffffffffffffffffffff"),
                    ProxyEdgesIT.SCI_SPACE,
                    "01f0ffffffffffffffffffffffffffff");
        }
    }

    @Test
    void aResultOverTheByteCapIsCutWithANoteAndSoIsItsPoll() {
        // about 500 KB from the SQL server (over WebFlux's 256 KiB default, under the 2 MB bound), 3 600 rows
        long start = System.nanoTime();
        var result = call(
                CAROL,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "execute_sql_read_only",
                        "tool_args",
                        Map.of(
                                "query",
                                "SELECT a.order_id, a.status, a.region, b.order_id AS o2, b.status AS s2 "
                                        + "FROM sales.orders.orders a CROSS JOIN sales.orders.orders b")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        String text = text(result);
        assertThat(result.isError()).as(text).isFalse();
        assertThat(text).contains("Result truncated by Lakegate");
        JsonNode body = JSON.readTree(
                result.content().get(0) instanceof io.modelcontextprotocol.spec.McpSchema.TextContent t
                        ? t.text()
                        : "{}");
        int rows = body.path("result").path("data_array").size();
        assertThat(rows).isPositive().isLessThan(3600);
        assertThat(body.path("manifest").path("truncated").asBoolean()).isTrue();

        var polled = call(
                CAROL,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "poll_sql_result",
                        "tool_args",
                        Map.of("statement_id", body.path("statement_id").asString())));
        assertThat(text(polled)).contains("Result truncated by Lakegate");
    }

    @Test
    void aReplyOverTheSizeBoundFailsAtOnceInsteadOfHanging() {
        long start = System.nanoTime();
        String text = error(
                CAROL,
                "proxy_to_sql",
                Map.of(
                        "tool_name",
                        "execute_sql_read_only",
                        "tool_args",
                        Map.of(
                                "query",
                                "SELECT a.order_id, a.customer_id, a.product_id, a.quantity, a.amount, a.order_date, "
                                        + "a.status, a.region FROM sales.orders.orders a CROSS JOIN sales.orders.orders b "
                                        + "CROSS JOIN sales.orders.orders c")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(text).startsWith("UPSTREAM_ERROR:").contains("larger than").contains("max-response-size");
    }
}
