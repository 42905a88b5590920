package io.lakegate.connector.guard;

import io.lakegate.emulator.seed.Seed;
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
final class FixtureWorkspace {

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
        w.view("sales.core.v_orders", "SELECT order_id, amount, region FROM orders", "order_id", "amount", "region");
        w.view(
                "sales.core.v_region_sales",
                "SELECT region, sum(amount) AS total FROM v_orders GROUP BY region",
                "region",
                "total");
        w.view("sales.core.v_customer_contacts", "SELECT customer_id, email FROM customers", "customer_id", "email");
        w.view("sales.core.v_cards", "SELECT card_id, customer_id FROM credit_cards", "card_id", "customer_id");
        w.view(
                "sales.core.v_card_holders",
                "SELECT c.name FROM customers c JOIN v_cards v ON c.customer_id = v.customer_id",
                "name");
        w.view("sales.core.v_all_customers", "SELECT * FROM customers", "customer_id", "name", "region", "created_at");
        w.view("sales.core.v_staff", "SELECT emp_id, name FROM hr.people.employees", "emp_id", "name");
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

    /**
     * The emulator seed as the connector's lookups would see it (tag key {@code classification}, value {@code SCI},
     * tags stored per object without inheritance).
     */
    static FixtureWorkspace fromSeed(Seed seed) {
        FixtureWorkspace w = new FixtureWorkspace();
        for (Seed.Catalog c : seed.catalogs()) {
            if (isSci(c.tags())) {
                w.sciCatalog(key(c.name()));
            }
            for (Seed.Schema s : c.schemas()) {
                if (isSci(s.tags())) {
                    w.sciSchema(key(c.name(), s.name()));
                }
                for (Seed.Table t : s.tables()) {
                    String fqn = key(c.name(), s.name(), t.name());
                    w.table(fqn, t.columns().stream().map(Seed.Column::name).toArray(String[]::new));
                    if (isSci(t.tags())) {
                        w.sciTable(fqn);
                    }
                    if (t.viewDefinition() != null) {
                        w.view(fqn, t.viewDefinition());
                    }
                    for (Seed.Column col : t.columns()) {
                        if (isSci(col.tags())) {
                            w.sciColumn(fqn, col.name().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return w;
    }

    private static boolean isSci(Map<String, String> tags) {
        return tags != null && "SCI".equalsIgnoreCase(new HashMap<>(tags).getOrDefault("classification", ""));
    }

    FixtureWorkspace table(String fqn, String... cols) {
        columns.put(fqn, List.of(cols));
        return this;
    }

    FixtureWorkspace view(String fqn, String definition, String... cols) {
        views.put(fqn, definition);
        if (cols.length > 0) {
            columns.put(fqn, List.of(cols));
        }
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
        return new GuardContext("sales", "core", GuardFacts.NONE, new GuardLimits(1000, 1_000_000));
    }

    /** Runs the guard as the connector does: looking up what it asks for, round by round, from this workspace. */
    GuardDecision check(SqlGuard guard, String sql, GuardContext ctx, boolean executed) {
        GuardContext current = ctx;
        for (int round = 0; round < 12; round++) {
            GuardDecision d = executed ? guard.checkExecuted(sql, current) : guard.check(sql, current);
            if (!(d instanceof GuardDecision.NeedsFacts needs)) {
                return d;
            }
            Map<QualifiedName, Optional<TableFacts>> tables = new HashMap<>();
            needs.tables().forEach(t -> tables.put(t, table(t)));
            Map<Namespace, Boolean> namespaces = new HashMap<>();
            needs.namespaces().forEach(n -> namespaces.put(n, visible(n)));
            current = current.withFacts(current.facts().withTables(tables).withNamespaces(namespaces));
        }
        throw new AssertionError("the guard kept asking for facts: " + sql);
    }

    /** What the connector's lookup answers: nothing for a missing or SCI table (inheritance applied). */
    Optional<TableFacts> table(QualifiedName name) {
        String fqn = name.toString();
        List<String> cols = columns.get(fqn);
        if (cols == null && !views.containsKey(fqn) || isHidden(name.catalog(), name.schema(), name.table())) {
            return Optional.empty();
        }
        List<String> columnList = cols == null ? List.of() : cols;
        Set<String> sci = sciColumns.getOrDefault(fqn, Set.of());
        return Optional.of(
                views.containsKey(fqn)
                        ? TableFacts.view(name, columnList, sci, views.get(fqn))
                        : TableFacts.table(name, columnList, sci));
    }

    /** Visible tables (not SCI themselves) that have SCI columns, as catalog.schema.table. */
    Set<String> tablesWithSciColumns() {
        Set<String> tables = new HashSet<>();
        sciColumns.forEach((fqn, cols) -> {
            String[] p = fqn.split("\\.");
            if (!cols.isEmpty() && !isHidden(p[0], p[1], p[2])) {
                tables.add(fqn);
            }
        });
        return tables;
    }

    boolean visible(Namespace namespace) {
        String prefix = namespace.toString() + ".";
        boolean exists = columns.keySet().stream().anyMatch(k -> k.startsWith(prefix))
                || views.keySet().stream().anyMatch(k -> k.startsWith(prefix));
        boolean hidden = sciCatalogs.contains(namespace.catalog())
                || namespace.schema() != null && sciSchemas.contains(namespace.toString());
        return exists && !hidden;
    }

    private boolean isHidden(String catalog, String schema, String table) {
        return sciCatalogs.contains(catalog)
                || sciSchemas.contains(key(catalog, schema))
                || sciTables.contains(key(catalog, schema, table));
    }

    private static String key(String... parts) {
        return String.join(".", parts).toLowerCase(Locale.ROOT);
    }
}
