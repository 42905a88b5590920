package io.lakegate.bench.workload;

import io.lakegate.bench.load.Operation;
import java.util.List;
import java.util.Map;

/**
 * The discovery requests every target answers, on the emulator's seeded metastore, as the analyst alice. The defaults
 * are small, typical answers (one Unity Catalog page each) so the figures show the per-call cost of each stack rather
 * than the emulator's paging; each can be changed with a system property.
 *
 * <p>The arguments are those of Lakegate's tools (the peer implements the same signatures); {@code search_tables} takes
 * a {@code query} that is a LIKE pattern when it contains {@code %}.
 *
 * <ul>
 *   <li>{@code list_catalogs}: the catalogs alice can see (one page);</li>
 *   <li>{@code list_tables} of {@code sales.customers}: 3 tables, one of them ({@value #SCI_TABLE}) tagged SCI
 *       (Lakegate hides it; whether a peer does is checked and reported);</li>
 *   <li>{@code get_table} of {@code sales.orders.orders} (8 columns).</li>
 * </ul>
 * {@code search_tables} (in {@code marketing} for {@code campaign%}, 2 matches) stays available to the harness but is
 * not in the measured set: neither community peer has a search tool.
 */
public record Workload(String catalog, String schema, String table, String searchCatalog, String searchPattern) {

    public static final String LIST_CATALOGS = "list_catalogs";
    public static final String LIST_TABLES = "list_tables";
    public static final String GET_TABLE = "get_table";
    public static final String SEARCH_TABLES = "search_tables";

    /** Argument names of the discovery tools; Lakegate's connector and the Python peer take the same ones. */
    public static final String ARG_CATALOG = "catalog_name";

    public static final String ARG_SCHEMA = "schema_name";
    public static final String ARG_FULL_NAME = "full_name";
    public static final String ARG_QUERY = "query";

    public static final String USER = "alice@lakegate.dev";
    /** Another user the emulator knows, for what a second caller pays. */
    public static final String SECOND_USER = "bob@lakegate.dev";
    /** The emulator's table in {@code sales.customers} tagged Strictly Confidential. */
    public static final String SCI_TABLE = "customer_pii";

    public static Workload fromSystemProperties() {
        String[] listing =
                System.getProperty("bench.listTables", "sales.customers").split("\\.");
        String[] search =
                System.getProperty("bench.search", "marketing:campaign%").split(":", 2);
        if (listing.length != 2 || search.length != 2) {
            throw new IllegalArgumentException(
                    "bench.listTables must be catalog.schema and bench.search catalog:pattern");
        }
        return new Workload(
                listing[0],
                listing[1],
                System.getProperty("bench.getTable", "sales.orders.orders"),
                search[0],
                search[1]);
    }

    public Operation listCatalogs() {
        return Operation.tool(LIST_CATALOGS, Map.of());
    }

    public Operation listTables() {
        return Operation.tool(LIST_TABLES, Map.of(ARG_CATALOG, catalog, ARG_SCHEMA, schema));
    }

    public Operation getTable() {
        return Operation.tool(GET_TABLE, Map.of(ARG_FULL_NAME, table));
    }

    public Operation searchTables() {
        return Operation.tool(SEARCH_TABLES, Map.of(ARG_QUERY, searchPattern, ARG_CATALOG, searchCatalog));
    }

    public List<Operation> discovery() {
        return List.of(listCatalogs(), listTables(), getTable());
    }

    public String describe() {
        return "list_catalogs, list_tables " + catalog + "." + schema + ", get_table " + table + ", as " + USER;
    }
}
