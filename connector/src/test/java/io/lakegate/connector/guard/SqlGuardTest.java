package io.lakegate.connector.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.guard.GuardDecision.Allowed;
import io.lakegate.connector.guard.GuardDecision.RefusalKind;
import io.lakegate.connector.guard.GuardDecision.Refused;
import io.lakegate.connector.guard.GuardDecision.StatementKind;
import io.lakegate.connector.guard.MetadataListing.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardTest {

    /** The derived table every reference to sales.core.customers becomes: its two SCI columns are cut away. */
    private static final String CUSTOMERS =
            "( SELECT `customer_id` , `name` , `region` , `created_at` FROM `sales` . `core` . `customers` )";

    private final SqlGuard guard = new SqlGuard();
    private final FixtureWorkspace workspace = FixtureWorkspace.demo();
    private final GuardContext ctx = workspace.context();

    private GuardDecision check(String sql) {
        return workspace.check(guard, sql, ctx, false);
    }

    private Allowed allowed(String sql) {
        GuardDecision d = check(sql);
        assertThat(d).as(sql).isInstanceOf(Allowed.class);
        return (Allowed) d;
    }

    private Refused refused(String sql) {
        GuardDecision d = check(sql);
        assertThat(d).as(sql).isInstanceOf(Refused.class);
        return (Refused) d;
    }

    private GuardDecision executed(String sql) {
        return workspace.check(guard, sql, ctx, true);
    }

    @Test
    void forwardsTheStatementRenderedFromTheTreeWithoutCommentsOrHints() {
        Allowed a = allowed(
                "SELECT /*+ BROADCAST(o) */ order_id /* ; DROP TABLE orders */ FROM orders o -- ; DELETE\nWHERE amount > 1");
        assertThat(a.sql()).isEqualTo("SELECT order_id FROM `sales` . `core` . `orders` o WHERE amount > 1 LIMIT 1000");
        assertThat(a.kind()).isEqualTo(StatementKind.SELECT);
    }

    @Test
    void literalsAreDelimitedAsDatabricksDelimitsThemAndWrittenCanonically() {
        // a backslash escapes the quote: everything up to the last quote is one literal, nothing is read
        assertThat(allowed("SELECT 'a\\' , p.* FROM customers p --'").sql())
                .isEqualTo("SELECT 'a\\' , p.* FROM customers p --' LIMIT 1000");
        // a raw literal ends at its second quote: what follows is SQL and is checked as SQL
        assertThat(allowed("SELECT r'\\' , email FROM sales.core.customers --'").sql())
                .isEqualTo("SELECT '\\\\' , email FROM " + CUSTOMERS + " AS `customers` LIMIT 1000");
        assertThat(allowed("SELECT \"double\", 'it''s', R'C:\\x'").sql())
                .isEqualTo("SELECT 'double' , 'it''s' , 'C:\\\\x' LIMIT 1000");
        assertThat(allowed("SELECT '\\101\\U0001F600\\%'").sql()).isEqualTo("SELECT 'A\uD83D\uDE00\\\\%' LIMIT 1000");
        assertThat(allowed("SELECT '\\u0041\\n' AS s").sql()).isEqualTo("SELECT 'A\\n' AS s LIMIT 1000");
    }

    @Test
    void nestedBracketedCommentsAreOneCommentAndAnUnclosedOneIsRefused() {
        assertThat(allowed("SELECT 1 /* a /* nested */ still comment */ AS x").sql())
                .isEqualTo("SELECT 1 AS x LIMIT 1000");
        assertThat(refused("SELECT 1 /* a /* nested */ FROM sales.core.customers")
                        .kind())
                .isEqualTo(RefusalKind.UNPARSABLE);
    }

    @Test
    void everyReferenceToATableWithSciColumnsBecomesADerivedTableWithoutThem() {
        assertThat(allowed("SELECT * FROM customers").sql())
                .isEqualTo("SELECT * FROM " + CUSTOMERS + " AS `customers` LIMIT 1000");
        // alias column lists rename positionally, over the permitted columns only
        assertThat(allowed("SELECT x.c FROM sales.core.customers AS x(a, b, c)").sql())
                .isEqualTo("SELECT x . c FROM " + CUSTOMERS + " AS x ( a , b , c ) LIMIT 1000");
        assertThat(allowed("SELECT to_json(struct(*)) FROM customers c").sql())
                .isEqualTo("SELECT to_json ( struct ( * ) ) FROM " + CUSTOMERS + " c LIMIT 1000");
        assertThat(allowed("TABLE customers").sql())
                .isEqualTo("SELECT * FROM " + CUSTOMERS + " AS `customers` LIMIT 1000");
        assertThat(allowed("SELECT * FROM IDENTIFIER('sales.core.customers')").sql())
                .isEqualTo("SELECT * FROM " + CUSTOMERS + " AS `customers` LIMIT 1000");
        assertThat(allowed("SELECT * FROM customers VERSION AS OF 3 TABLESAMPLE (10 PERCENT) c")
                        .sql())
                .isEqualTo(
                        "SELECT * FROM ( SELECT `customer_id` , `name` , `region` , `created_at` FROM `sales` . `core` . "
                                + "`customers` VERSION AS OF 3 ) TABLESAMPLE ( 10 PERCENT ) c LIMIT 1000");
        assertThat(allowed("SELECT email FROM customers NATURAL JOIN orders").sql())
                .contains(CUSTOMERS);
    }

    @Test
    void sciTablesSchemasAndCatalogsAnswerExactlyLikeMissingOnes() {
        Refused sciTable = refused("SELECT * FROM sales.core.credit_cards");
        Refused missingTable = refused("SELECT * FROM sales.core.credit_cardz");
        assertThat(sciTable.kind()).isEqualTo(RefusalKind.NOT_FOUND).isEqualTo(missingTable.kind());
        assertThat(sciTable.reason().replace("credit_cards", "X"))
                .isEqualTo(missingTable.reason().replace("credit_cardz", "X"));
        assertThat(sciTable.reason()).doesNotContainIgnoringCase("sci").doesNotContainIgnoringCase("confidential");
        assertThat(refused("SELECT * FROM hr.people.employees").kind()).isEqualTo(RefusalKind.NOT_FOUND);
        assertThat(refused("SELECT * FROM finance.payroll.salaries").kind()).isEqualTo(RefusalKind.NOT_FOUND);
        assertThat(refused("SELECT 1 FROM orders WHERE EXISTS (SELECT 1 FROM hr.people.employees)")
                        .kind())
                .isEqualTo(RefusalKind.NOT_FOUND);
        assertThat(refused("SHOW TABLES IN hr.people").reason().replace("hr.people", "X"))
                .isEqualTo(refused("SHOW TABLES IN nope.people").reason().replace("nope.people", "X"));
    }

    @Test
    void cteNamesAreRenamedSoTheyCanNeitherShadowNorBeMistakenForTables() {
        assertThat(allowed("WITH customers AS (SELECT 1 AS email) SELECT email FROM customers")
                        .sql())
                .isEqualTo(
                        "WITH `__lg_cte_1` AS ( SELECT 1 AS email ) SELECT email FROM `__lg_cte_1` AS `customers` LIMIT 1000");
        // a CTE is visible inside its own WITH only: outside, the name is a table (here a missing one)
        assertThat(refused("SELECT * FROM (WITH c AS (SELECT 1) SELECT * FROM c) x, c")
                        .kind())
                .isEqualTo(RefusalKind.NOT_FOUND);
        assertThat(allowed("WITH c(a, b) AS (SELECT * FROM customers) SELECT b FROM c")
                        .sql())
                .isEqualTo("WITH `__lg_cte_1` ( a , b ) AS ( SELECT * FROM " + CUSTOMERS
                        + " AS `customers` ) SELECT b FROM `__lg_cte_1` AS `c` LIMIT 1000");
    }

    @Test
    void viewsAreCheckedThroughTheirDefinitionsRecursively() {
        assertThat(allowed("SELECT * FROM v_region_sales").sql())
                .isEqualTo("SELECT * FROM `sales` . `core` . `v_region_sales` LIMIT 1000");
        for (String view :
                new String[] {"v_customer_contacts", "v_all_customers", "v_cards", "v_card_holders", "v_staff"}) {
            Refused r = refused("SELECT * FROM " + view);
            assertThat(r.kind()).as(view).isEqualTo(RefusalKind.UNVERIFIABLE);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT ai_query('m', name) FROM customers",
                "SELECT ai_summarize(name) FROM customers",
                "SELECT http_request('http://x')",
                "SELECT reflect('java.lang.Runtime', 'getRuntime')",
                "SELECT java_method('a', 'b')",
                "SELECT FILE_READ('/etc/passwd')",
                "SELECT CSVWRITE('/tmp/x', 'SELECT 1')",
                "SELECT secret('scope', 'key')",
                "SELECT * FROM read_files('/mnt/x')",
                "SELECT my_udf(1)",
                "SELECT main.default.fn(1)",
                "SELECT vector_search(index => 'x', query => 'y')",
                "SELECT input_file_name()",
                "SELECT IDENTIFIER('ai_' || 'query')('m', 'x')",
                "SELECT 1 FROM orders LATERAL VIEW my_gen(1) t AS y"
            })
    void functionsOutsideTheAllowListAreRefusedByName(String sql) {
        Refused r = refused(sql);
        assertThat(r.kind()).as(sql).isEqualTo(RefusalKind.FORBIDDEN_FUNCTION);
        assertThat(r.reason()).contains(r.offendingToken());
    }

    @Test
    void allowListedFunctionsGeneratorsAndWindowsPass() {
        allowed("SELECT region, sum(amount) OVER (PARTITION BY region ORDER BY order_ts) FROM orders");
        allowed("SELECT explode(array(1, 2)) AS x");
        allowed("SELECT * FROM range(3)");
        allowed("SELECT o.order_id, t.y FROM orders o LATERAL VIEW explode(array(1)) t AS y");
        allowed("SELECT transform(array(1, 2), x -> x + 1), date_trunc('MONTH', order_ts) FROM orders");
        allowed(
                "SELECT count(*), count(DISTINCT region), percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM orders");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "INSERT INTO orders VALUES (1)",
                "DELETE FROM orders",
                "UPDATE orders SET amount = 0",
                "MERGE INTO orders t USING orders s ON t.order_id = s.order_id WHEN MATCHED THEN DELETE",
                "DROP TABLE orders",
                "CREATE TABLE x AS SELECT 1",
                "WITH x AS (SELECT 1) INSERT INTO orders SELECT * FROM x",
                "OPTIMIZE orders",
                "VACUUM orders",
                "GRANT SELECT ON orders TO bob",
                "COPY INTO orders FROM '/x'",
                "SET spark.x = 1",
                "USE sales",
                "EXPLAIN SELECT 1",
                "CACHE TABLE orders",
                "REFRESH TABLE orders",
                "ALTER TABLE orders ADD COLUMN x INT"
            })
    void writesAndCommandsAreRefusedNamingTheirKeyword(String sql) {
        Refused r = refused(sql);
        assertThat(r.kind()).as(sql).isEqualTo(RefusalKind.NOT_READ_ONLY);
        assertThat(sql.toUpperCase()).startsWith(r.offendingToken().split(" ")[0]);
    }

    @Test
    void exactlyOneStatement() {
        assertThat(refused("SELECT 1; DELETE FROM orders").kind()).isEqualTo(RefusalKind.MULTIPLE_STATEMENTS);
        assertThat(refused("SELECT 1; DELETE FROM orders").offendingToken()).isEqualTo("DELETE");
        assertThat(allowed("SELECT 1;").sql()).isEqualTo("SELECT 1 LIMIT 1000");
        assertThat(refused("SELECT ';' ; SELECT 2").kind()).isEqualTo(RefusalKind.MULTIPLE_STATEMENTS);
    }

    @Test
    void rowLimitIsAddedLoweredOrKept() {
        assertThat(allowed("SELECT * FROM orders").sql()).endsWith("LIMIT 1000");
        assertThat(allowed("SELECT * FROM orders LIMIT 50000").sql()).endsWith("LIMIT 1000");
        assertThat(allowed("SELECT * FROM orders LIMIT ALL").sql()).endsWith("LIMIT 1000");
        assertThat(allowed("SELECT * FROM orders LIMIT 5").sql()).endsWith("LIMIT 5");
        assertThat(allowed("SELECT order_id FROM orders LIMIT 10 OFFSET 20").sql())
                .endsWith("LIMIT 10 OFFSET 20");
        assertThat(allowed("SELECT order_id FROM orders ORDER BY 1 OFFSET 20").sql())
                .endsWith("LIMIT 1000 OFFSET 20");
        assertThat(allowed("SELECT region FROM orders UNION ALL SELECT region FROM customers")
                        .sql())
                .isEqualTo("SELECT region FROM `sales` . `core` . `orders` UNION ALL SELECT region FROM " + CUSTOMERS
                        + " AS `customers` LIMIT 1000");
    }

    @Test
    void namesResolveAgainstTheDefaultNamespaceOrMustBeQualified() {
        GuardContext unknown = new GuardContext(null, null, GuardFacts.NONE, new GuardLimits(10, 100));
        assertThat(((Refused) workspace.check(guard, "SELECT * FROM orders", unknown, false)).kind())
                .isEqualTo(RefusalKind.UNQUALIFIED_NAME);
        assertThat(workspace.check(guard, "SELECT * FROM sales.core.orders", unknown, false))
                .isInstanceOf(Allowed.class);
        assertThat(refused("SELECT * FROM a.b.c.d").kind()).isEqualTo(RefusalKind.UNSUPPORTED_CONSTRUCT);
        // path reads cannot happen: a two-part name is always a table in the default catalog
        assertThat(refused("SELECT * FROM delta.`/mnt/x`").kind()).isEqualTo(RefusalKind.NOT_FOUND);
    }

    @Test
    void systemAndInformationSchemaTablesOnlyByTheOperatorsAllowList() {
        assertThat(refused("SELECT * FROM system.information_schema.column_tags")
                        .kind())
                .isEqualTo(RefusalKind.METADATA_SOURCE);
        assertThat(refused("SELECT * FROM sales.information_schema.columns").kind())
                .isEqualTo(RefusalKind.METADATA_SOURCE);
        assertThat(refused("SELECT * FROM system.access.audit").kind()).isEqualTo(RefusalKind.METADATA_SOURCE);
        workspace.table("system.information_schema.catalogs", "catalog_name", "comment");
        GuardContext allowing = new GuardContext(
                "sales",
                "core",
                GuardFacts.NONE,
                ctx.limits(),
                java.util.Set.of(QualifiedName.of("system", "information_schema", "catalogs")));
        assertThat(workspace.check(
                        guard, "SELECT catalog_name FROM system.information_schema.catalogs", allowing, false))
                .isInstanceOf(Allowed.class);
    }

    @Test
    void aTableWhoseColumnsAreUnknownIsRefused() {
        workspace.table("sales.core.opaque");
        assertThat(refused("SELECT * FROM opaque").kind()).isEqualTo(RefusalKind.UNVERIFIABLE);
    }

    @Test
    void showAndDescribeNameTheirTargetFullyAndCarryWhatTheyList() {
        Allowed tables = allowed("SHOW TABLES IN sales.core LIKE 'c*'");
        assertThat(tables.sql()).isEqualTo("SHOW TABLES IN `sales` . `core` LIKE 'c*'");
        assertThat(tables.listing()).contains(new MetadataListing(Kind.TABLES, "sales", "core", null));
        assertThat(allowed("SHOW SCHEMAS").listing()).contains(new MetadataListing(Kind.SCHEMAS, "sales", null, null));
        assertThat(allowed("SHOW CATALOGS").listing()).contains(new MetadataListing(Kind.CATALOGS, null, null, null));
        Allowed describe = allowed("DESCRIBE customers");
        assertThat(describe.sql()).isEqualTo("DESCRIBE TABLE `sales` . `core` . `customers`");
        assertThat(describe.listing()).contains(new MetadataListing(Kind.DESCRIBE_TABLE, "sales", "core", "customers"));
        assertThat(allowed("SHOW COLUMNS IN customers").listing())
                .contains(new MetadataListing(Kind.COLUMNS, "sales", "core", "customers"));
        assertThat(allowed("DESCRIBE QUERY SELECT * FROM customers").sql())
                .isEqualTo("DESCRIBE QUERY SELECT * FROM " + CUSTOMERS + " AS `customers`");
        assertThat(refused("DESCRIBE EXTENDED customers").kind()).isEqualTo(RefusalKind.UNSUPPORTED_CONSTRUCT);
        assertThat(refused("DESCRIBE TABLE credit_cards").kind()).isEqualTo(RefusalKind.NOT_FOUND);
        assertThat(refused("SHOW SCHEMAS IN hr").kind()).isEqualTo(RefusalKind.NOT_FOUND);
        assertThat(refused("SHOW CREATE TABLE orders").kind()).isEqualTo(RefusalKind.NOT_READ_ONLY);
        assertThat(refused("SHOW TBLPROPERTIES orders").kind()).isEqualTo(RefusalKind.NOT_READ_ONLY);
    }

    @Test
    void sqlThatAlreadyRanIsAllowedOnlyWhenItProvablyReadNoSciColumn() {
        assertThat(executed("SELECT name, region FROM sales.core.customers")).isInstanceOf(Allowed.class);
        assertThat(executed("SELECT count(*) FROM customers")).isInstanceOf(Allowed.class);
        for (String sql : new String[] {
            "SELECT email FROM customers",
            "SELECT * FROM customers",
            "SELECT c.x FROM customers AS c(a, b, x)",
            "SELECT to_json(struct(*)) FROM customers",
            "SELECT `EMAIL` FROM customers",
            "SELECT 1 FROM customers NATURAL JOIN orders",
            "WITH c(a, b, e) AS (SELECT customer_id, name, email FROM customers) SELECT e FROM c",
            "SELECT * FROM v_customer_contacts",
            "SELECT * FROM credit_cards",
            "TABLE customers"
        }) {
            GuardDecision d = executed(sql);
            assertThat(d).as(sql).isInstanceOf(Refused.class);
            assertThat(((Refused) d).reason()).as(sql).doesNotContain("email");
        }
        assertThat(((Refused) executed("INSERT INTO orders VALUES (1)")).kind()).isEqualTo(RefusalKind.NOT_READ_ONLY);
    }

    @Test
    void theRenderedTextIsReadBackAsExactlyTheTokensWritten() {
        for (String sql : new String[] {
            "SELECT a.b.c FROM orders a",
            "SELECT 1.5e3, .5, 1L, 2S, 3Y, 4BD, X'0A'",
            "SELECT -1 - -1",
            "SELECT a <=> b, a::int, a || b FROM orders",
            "SELECT `we``ird` FROM orders",
            "SELECT map('k', 1)['k'], array(1)[0]",
            "SELECT INTERVAL 1 DAY + current_date()",
            "SELECT CAST(amount AS DECIMAL(10, 2)) FROM orders",
            "SELECT payload:a.b FROM sales.marketing.events"
        }) {
            Allowed a = allowed(sql);
            assertThat(SparkSqlParser.significantTokens(a.sql()).stream()
                            .map(t -> t.getText())
                            .toList())
                    .isEqualTo(java.util.List.of(a.sql().split(" ")));
        }
    }

    @Test
    void emptyOversizedAndDeeplyNestedInputsAreRefusedWithTypedReasons() {
        assertThat(refused("").kind()).isEqualTo(RefusalKind.EMPTY);
        assertThat(refused(null).kind()).isEqualTo(RefusalKind.EMPTY);
        assertThat(refused("  -- only a comment\n").kind()).isEqualTo(RefusalKind.EMPTY);
        assertThat(refused("SELECT " + "1 + ".repeat(20_000) + "1").kind()).isEqualTo(RefusalKind.TOO_LARGE);
        assertThat(refused("SELECT " + "(".repeat(200) + "1" + ")".repeat(200)).kind())
                .isEqualTo(RefusalKind.TOO_LARGE);
        assertThat(refused("SELECT :param").kind()).isEqualTo(RefusalKind.UNSUPPORTED_CONSTRUCT);
        assertThat(refused("SELECT * FROM orders |> WHERE amount > 1").kind())
                .isEqualTo(RefusalKind.UNSUPPORTED_CONSTRUCT);
        assertThat(refused("SELECT TRANSFORM(order_id) USING 'cat' FROM orders").kind())
                .isEqualTo(RefusalKind.UNSUPPORTED_CONSTRUCT);
    }
}
