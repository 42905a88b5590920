package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SCI pre-filtering at every level, as carol (metastore admin: Databricks shows her everything, so only the connector
 * hides SCI). Seed: catalog hr, schema finance.payroll, table sales.customers.customer_pii, column
 * sales.customers.customers.email and Genie space "People Analytics" carry classification=SCI.
 */
class SciFilteringIT extends ConnectorIntegrationTest {

    static final String SCI_SPACE = "01f0c3d4e5f6a7b8c9d0e1f2a3b4c5d6";
    /** Strings that may appear in no response of this class. */
    static final List<String> SCI_NAMES = List.of(
            "\"hr\"",
            "hr.",
            "payroll",
            "customer_pii",
            "salaries",
            "bonuses",
            "employees",
            "recruiting",
            "People Analytics",
            SCI_SPACE);

    @BeforeAll
    static void recordOnlyThisClass() {
        clearRecordedResponses();
    }

    @Test
    void sciCatalogIsNotListed() {
        assertThat(names(ok(CAROL, "list_catalogs", Map.of()).path("catalogs"), "name"))
                .contains("sales", "finance", "marketing")
                .doesNotContain("hr");
    }

    @Test
    void sciSchemaIsNotListedButItsSiblingsAre() {
        assertThat(names(
                        ok(CAROL, "list_schemas", Map.of("catalog_name", "finance"))
                                .path("schemas"),
                        "name"))
                .contains("ledger", "reporting", "forecasts")
                .doesNotContain("payroll");
    }

    @Test
    void sciTableIsNotListed() {
        assertThat(names(
                        ok(CAROL, "list_tables", Map.of("catalog_name", "sales", "schema_name", "customers"))
                                .path("tables"),
                        "name"))
                .containsExactlyInAnyOrder("customers", "customer_segments");
    }

    @Test
    void tagsAreLearnedInBulkNotOneRequestPerTable() {
        emulator().clearRequests();
        JsonNode tables = ok(ALICE, "list_tables", Map.of("catalog_name", "marketing", "schema_name", "web_analytics"));
        ok(ALICE, "list_tables", Map.of("catalog_name", "sales", "schema_name", "orders"));
        assertThat(tables.path("tables").size()).isGreaterThan(50);
        // alice can use a running warehouse: one information_schema statement (if not cached yet), no per-object calls
        assertThat(emulator().requests()).noneMatch(r -> r.path().contains("entity-tag-assignments"));
        assertThat(emulator().requests().stream()
                        .filter(r -> r.path().equals("/api/2.0/sql/statements"))
                        .count())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void sciColumnIsRemovedFromGetTable() {
        JsonNode table = ok(CAROL, "get_table", Map.of("full_name", "sales.customers.customers"));
        assertThat(names(table.path("columns"), "name"))
                .containsExactly("customer_id", "name", "country", "region", "signup_date");
        assertThat(table.toString()).doesNotContain("email");
    }

    @Test
    void sciGenieSpaceIsNotListed() {
        assertThat(names(ok(CAROL, "list_genie_spaces", Map.of()).path("spaces"), "space_id"))
                .doesNotContain(SCI_SPACE)
                .hasSize(2);
    }

    @Test
    void searchNeverReturnsSciTables() {
        List<String> hits = names(
                ok(CAROL, "search_tables", Map.of("query", "%", "limit", 500)).path("tables"), "full_name");
        assertThat(hits)
                .contains("sales.customers.customers", "finance.ledger.accounts")
                .noneMatch(n -> n.startsWith("hr.") || n.startsWith("finance.payroll.") || n.endsWith(".customer_pii"));
        assertThat(ok(CAROL, "search_tables", Map.of("query", "salar"))
                        .path("tables")
                        .size())
                .isZero();
    }

    @Test
    void sciObjectsAskedForByNameAnswerExactlyLikeMissingOnes() {
        assertSameAsMissing("list_schemas", Map.of("catalog_name", "hr"), Map.of("catalog_name", "hx"), "hr", "hx");
        assertSameAsMissing(
                "list_tables",
                Map.of("catalog_name", "finance", "schema_name", "payroll"),
                Map.of("catalog_name", "finance", "schema_name", "payrolx"),
                "payroll",
                "payrolx");
        assertSameAsMissing(
                "list_tables",
                Map.of("catalog_name", "hr", "schema_name", "people"),
                Map.of("catalog_name", "hx", "schema_name", "people"),
                "hr",
                "hx");
        assertSameAsMissing(
                "get_table",
                Map.of("full_name", "sales.customers.customer_pii"),
                Map.of("full_name", "sales.customers.customer_pix"),
                "customer_pii",
                "customer_pix");
        assertSameAsMissing(
                "get_table",
                Map.of("full_name", "finance.payroll.salaries"),
                Map.of("full_name", "finance.payroll.salarix"),
                "salaries",
                "salarix");
        assertSameAsMissing(
                "get_table",
                Map.of("full_name", "hr.people.employees"),
                Map.of("full_name", "hr.people.employeex"),
                "employees",
                "employeex");
        assertSameAsMissing(
                "search_tables",
                Map.of("query", "x", "catalog_name", "hr"),
                Map.of("query", "x", "catalog_name", "hx"),
                "hr",
                "hx");
        String unknownSpace = "01f0ffffffffffffffffffffffffffff";
        assertSameAsMissing(
                "list_genie_tools",
                Map.of("genie_space_id", SCI_SPACE),
                Map.of("genie_space_id", unknownSpace),
                SCI_SPACE,
                unknownSpace);
        assertSameAsMissing(
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

    private void assertSameAsMissing(
            String tool,
            Map<String, Object> sciArgs,
            Map<String, Object> missingArgs,
            String sciName,
            String missingName) {
        String sci = error(CAROL, tool, sciArgs);
        String missing = error(CAROL, tool, missingArgs);
        assertThat(sci).startsWith("NOT_FOUND:");
        assertThat(sci.replace(sciName, "<name>")).as(tool).isEqualTo(missing.replace(missingName, "<name>"));
    }

    @AfterAll
    static void noResponseEverNamedAnSciObjectUnasked() {
        // error texts echo the name the caller typed; every other response must never contain an SCI name
        List<String> unsolicited = recordedResponses().stream()
                .filter(r -> !r.startsWith("NOT_FOUND:"))
                .toList();
        assertThat(unsolicited).isNotEmpty();
        for (String response : unsolicited) {
            for (String name : SCI_NAMES) {
                assertThat(response).as("a response mentions SCI name " + name).doesNotContain(name);
            }
        }
    }
}
