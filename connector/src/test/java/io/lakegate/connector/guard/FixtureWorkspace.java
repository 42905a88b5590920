package io.lakegate.connector.guard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory workspace for guard tests: tables with columns, SCI tags on catalogs, schemas, tables and columns, and
 * view definitions. Tags are stored as Unity Catalog stores them (not inherited); the guard must apply inheritance.
 */
final class FixtureWorkspace implements SciLookup {

    private final Map<String, List<String>> columns = new LinkedHashMap<>();
    private final Map<String, String> views = new HashMap<>();
    private final Set<String> sciCatalogs = new HashSet<>();
    private final Set<String> sciSchemas = new HashSet<>();
    private final Set<String> sciTables = new HashSet<>();
    private final Map<String, Set<String>> sciColumns = new HashMap<>();

    /** The workspace the corpus runs against; default namespace sales.core. */
    static FixtureWorkspace demo() {
        FixtureWorkspace w = new FixtureWorkspace();
        w.table("sales.core.orders", "order_id", "customer_id", "product_id", "amount", "order_ts", "region", "status");
        w.table("sales.core.customers", "customer_id", "name", "email", "ssn", "region", "created_at");
        w.sciColumn("sales.core.customers", "email");
        w.sciColumn("sales.core.customers", "ssn");
        w.table("sales.core.products", "product_id", "name", "category", "price");
        w.table("sales.core.credit_cards", "card_id", "customer_id", "pan", "expiry");
        w.sciTable("sales.core.credit_cards");
        w.table("sales.core.shipments", "shipment_id", "order_id", "shipped_at", "carrier", "address");
        w.view("sales.core.v_orders", "SELECT order_id, amount, region FROM orders");
        w.view("sales.core.v_region_sales", "SELECT region, sum(amount) AS total FROM v_orders GROUP BY region");
        w.view("sales.core.v_customer_contacts", "SELECT customer_id, email FROM customers");
        w.view("sales.core.v_cards", "SELECT card_id, customer_id FROM credit_cards");
        w.view("sales.core.v_card_holders", "SELECT c.name FROM customers c JOIN v_cards v ON c.customer_id = v.customer_id");
        w.view("sales.core.v_all_customers", "SELECT * FROM customers");
        w.view("sales.core.v_staff", "SELECT emp_id, name FROM hr.people.employees");
        w.table("sales.marketing.campaigns", "campaign_id", "name", "budget", "start_date", "channel");
        w.table("sales.marketing.events", "event_id", "campaign_id", "customer_id", "ts", "kind", "payload");
        w.table("sales.restricted.leads", "lead_id", "phone", "score");
        w.sciSchema("sales.restricted");
        w.table("hr.people.employees", "emp_id", "name", "salary", "manager_id");
        w.table("hr.people.reviews", "emp_id", "rating");
        w.sciCatalog("hr");
        w.table("finance.reporting.revenue", "month", "region", "amount");
        w.table("finance.reporting.costs", "month", "region", "category", "amount");
        w.table("finance.payroll.salaries", "emp_id", "amount", "paid_at");
        w.sciSchema("finance.payroll");
        return w;
    }

    FixtureWorkspace table(String fqn, String... cols) {
        columns.put(fqn, List.of(cols));
        return this;
    }

    FixtureWorkspace view(String fqn, String definition) {
        views.put(fqn, definition);
        return this;
    }

    FixtureWorkspace sciCatalog(String c) {
        sciCatalogs.add(c);
        return this;
    }

    FixtureWorkspace sciSchema(String cs) {
        sciSchemas.add(cs);
        return this;
    }

    FixtureWorkspace sciTable(String fqn) {
        sciTables.add(fqn);
        return this;
    }

    FixtureWorkspace sciColumn(String fqn, String column) {
        sciColumns.computeIfAbsent(fqn, k -> new HashSet<>()).add(column);
        return this;
    }

    GuardContext context() {
        return new GuardContext("sales", "core", this, new GuardLimits(1000, 1_000_000));
    }

    private static String key(String... parts) {
        return String.join(".", parts).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean isSciCatalog(String catalog) {
        return sciCatalogs.contains(key(catalog));
    }

    @Override
    public boolean isSciSchema(String catalog, String schema) {
        return sciSchemas.contains(key(catalog, schema));
    }

    @Override
    public boolean isSciTable(String catalog, String schema, String table) {
        return sciTables.contains(key(catalog, schema, table));
    }

    @Override
    public Set<String> sciColumns(String catalog, String schema, String table) {
        return sciColumns.getOrDefault(key(catalog, schema, table), Set.of());
    }

    @Override
    public Optional<List<String>> columns(String catalog, String schema, String table) {
        return Optional.ofNullable(columns.get(key(catalog, schema, table)));
    }

    @Override
    public Optional<String> viewDefinition(String catalog, String schema, String table) {
        return Optional.ofNullable(views.get(key(catalog, schema, table)));
    }

    @Override
    public boolean containsSci(String catalog, String schema) {
        List<String> assets = new ArrayList<>();
        assets.addAll(sciCatalogs);
        assets.addAll(sciSchemas);
        assets.addAll(sciTables);
        String prefix = catalog == null ? "" : schema == null ? key(catalog) + "." : key(catalog, schema) + ".";
        return assets.stream().anyMatch(a -> a.startsWith(prefix) && !a.equals(prefix));
    }
}
