package io.lakegate.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The seven discovery tools against the emulator, as different users, with paging. */
class DiscoveryIT extends ConnectorIntegrationTest {

    @Test
    void usersSeeTheirOwnCatalogs() {
        assertThat(names(ok(ALICE, "list_catalogs", Map.of()).path("catalogs"), "name"))
                .contains("sales", "finance", "marketing")
                .doesNotContain("hr");
        assertThat(names(ok(BOB, "list_catalogs", Map.of()).path("catalogs"), "name"))
                .containsExactly("sales");
    }

    @Test
    void listsSchemasTablesAndDescribesATable() {
        assertThat(names(
                        ok(BOB, "list_schemas", Map.of("catalog_name", "sales")).path("schemas"), "name"))
                .contains("orders", "reference");
        JsonNode tables = ok(ALICE, "list_tables", Map.of("catalog_name", "sales", "schema_name", "orders"));
        assertThat(names(tables.path("tables"), "full_name"))
                .contains("sales.orders.orders", "sales.orders.daily_revenue");
        assertThat(tables.path("tables").get(0).has("columns")).isFalse();
        JsonNode table = ok(ALICE, "get_table", Map.of("full_name", "sales.orders.orders"));
        assertThat(table.path("full_name").asString()).isEqualTo("sales.orders.orders");
        assertThat(table.path("table_type").asString()).isEqualTo("MANAGED");
        assertThat(names(table.path("columns"), "name"))
                .containsExactly(
                        "order_id",
                        "customer_id",
                        "product_id",
                        "quantity",
                        "amount",
                        "order_date",
                        "status",
                        "region");
        assertThat(table.path("columns").get(0).path("type_text").asString()).isNotBlank();
    }

    @Test
    void unknownObjectsAreNotFound() {
        assertThat(error(ALICE, "list_schemas", Map.of("catalog_name", "nope")))
                .isEqualTo("NOT_FOUND: catalog 'nope' does not exist or is not accessible");
        assertThat(error(ALICE, "get_table", Map.of("full_name", "sales.orders.nope")))
                .isEqualTo("NOT_FOUND: table 'sales.orders.nope' does not exist or is not accessible");
    }

    @Test
    void warehousesAndGenieSpaces() {
        JsonNode warehouses = ok(ALICE, "list_sql_warehouses", Map.of()).path("warehouses");
        assertThat(names(warehouses, "name")).contains("Shared Pro Warehouse", "Finance Serverless");
        assertThat(names(ok(BOB, "list_sql_warehouses", Map.of()).path("warehouses"), "name"))
                .containsExactly("Shared Pro Warehouse");
        assertThat(names(ok(ALICE, "list_genie_spaces", Map.of()).path("spaces"), "title"))
                .contains("Sales Pipeline", "Finance Insights");
        assertThat(names(ok(BOB, "list_genie_spaces", Map.of()).path("spaces"), "title"))
                .containsExactly("Sales Pipeline");
    }

    @Test
    void paginationFollowsUpstreamPagesAndCursorResumesExactly() {
        // the emulator serves 5 items per page; the schema holds 70+ tables
        List<String> all = names(
                ok(ALICE, "list_tables", Map.of("catalog_name", "sales", "schema_name", "staging", "limit", 500))
                        .path("tables"),
                "name");
        assertThat(all).hasSizeGreaterThan(70).doesNotHaveDuplicates();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int calls = 0;
        do {
            Map<String, Object> args =
                    new HashMap<>(Map.of("catalog_name", "sales", "schema_name", "staging", "limit", 7));
            if (cursor != null) {
                args.put("cursor", cursor);
            }
            JsonNode page = ok(ALICE, "list_tables", args);
            assertThat(page.path("tables").size()).isLessThanOrEqualTo(7);
            paged.addAll(names(page.path("tables"), "name"));
            cursor = page.has("next_cursor") ? page.path("next_cursor").asString() : null;
            calls++;
        } while (cursor != null && calls < 30);
        assertThat(cursor).isNull();
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void cursorOfAnotherListingIsRefused() {
        String cursor = ok(ALICE, "list_tables", Map.of("catalog_name", "sales", "schema_name", "staging", "limit", 2))
                .path("next_cursor")
                .asString();
        assertThat(error(
                        ALICE,
                        "list_tables",
                        Map.of("catalog_name", "sales", "schema_name", "orders", "cursor", cursor)))
                .startsWith("INVALID_ARGUMENT: argument 'cursor'");
    }

    @Test
    void searchTablesInOneCatalogAndAcrossCatalogs() {
        JsonNode inSales = ok(ALICE, "search_tables", Map.of("query", "orders", "catalog_name", "sales"));
        assertThat(names(inSales.path("tables"), "full_name"))
                .contains("sales.orders.orders")
                .allMatch(n -> n.startsWith("sales.") && n.contains("orders"));
        JsonNode everywhere = ok(ALICE, "search_tables", Map.of("query", "campaign"));
        assertThat(names(everywhere.path("tables"), "full_name")).contains("marketing.campaigns.campaigns");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int calls = 0;
        do {
            Map<String, Object> args = new HashMap<>(Map.of("query", "%_2024_0%", "limit", 9));
            if (cursor != null) {
                args.put("cursor", cursor);
            }
            JsonNode page = ok(ALICE, "search_tables", args);
            paged.addAll(names(page.path("tables"), "full_name"));
            cursor = page.has("next_cursor") ? page.path("next_cursor").asString() : null;
            calls++;
        } while (cursor != null && calls < 40);
        List<String> all = names(
                ok(ALICE, "search_tables", Map.of("query", "%_2024_0%", "limit", 500))
                        .path("tables"),
                "full_name");
        assertThat(paged).isEqualTo(all).doesNotHaveDuplicates();
        assertThat(all).anyMatch(n -> n.startsWith("sales.")).anyMatch(n -> n.startsWith("marketing."));
    }
}
