package io.lakegate.connector.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lakegate.connector.guard.GuardDecision.Allowed;
import io.lakegate.connector.guard.GuardDecision.RefusalKind;
import io.lakegate.connector.guard.GuardDecision.Refused;
import io.lakegate.connector.guard.GuardDecision.StatementKind;

class SqlGuardTest {

    private final SqlGuard guard = new SqlGuard(2);
    private final FixtureWorkspace workspace = FixtureWorkspace.demo();
    private final GuardContext ctx = workspace.context();

    private Allowed allowed(String sql) {
        GuardDecision d = guard.check(sql, ctx);
        assertThat(d).as(sql).isInstanceOf(Allowed.class);
        return (Allowed) d;
    }

    private Refused refused(String sql) {
        GuardDecision d = guard.check(sql, ctx);
        assertThat(d).as(sql).isInstanceOf(Refused.class);
        return (Refused) d;
    }

    @Test
    void forwardsTheRegeneratedStatementWithoutCommentsSoNothingHiddenReachesTheWarehouse() {
        Allowed a = allowed("SELECT order_id /* ; DROP TABLE orders */ FROM orders -- ; DELETE FROM orders\nWHERE amount > 1");
        assertThat(a.sql()).isEqualTo("SELECT order_id FROM orders WHERE amount > 1 LIMIT 1000");
        assertThat(a.sql()).doesNotContain("DROP", "DELETE", "--", "/*");
        assertThat(a.kind()).isEqualTo(StatementKind.SELECT);
    }

    @Test
    void optimizerHintsAreDroppedBecauseTheForwardedTextCarriesNoComment() {
        Allowed a = allowed("SELECT /*+ BROADCAST(p) */ p.name FROM products p");
        assertThat(a.sql()).isEqualTo("SELECT p.name FROM products p LIMIT 1000");
    }

    @Test
    void stringLiteralsThatLookLikeStatementsStayLiterals() {
        Allowed a = allowed("SELECT '; DROP TABLE orders; --' AS s, 'a\\'b' AS t");
        assertThat(a.sql()).isEqualTo("SELECT '; DROP TABLE orders; --' AS s, 'a\\'b' AS t LIMIT 1000");
    }

    @Test
    void rowLimitIsAddedLoweredOrKept() {
        assertThat(allowed("SELECT * FROM orders").sql()).endsWith("LIMIT 1000");
        assertThat(allowed("SELECT * FROM orders LIMIT 50000").sql()).endsWith("LIMIT 1000");
        assertThat(allowed("SELECT * FROM orders LIMIT ALL").sql()).endsWith("LIMIT 1000");
        assertThat(allowed("SELECT * FROM orders LIMIT 10 + 5").sql()).endsWith("LIMIT 1000");
        assertThat(allowed("SELECT * FROM orders LIMIT 5").sql()).endsWith("LIMIT 5");
        assertThat(allowed("SELECT order_id FROM orders LIMIT 10 OFFSET 20").sql()).endsWith("LIMIT 10 OFFSET 20");
        assertThat(allowed("SELECT region FROM orders UNION ALL SELECT region FROM customers").sql())
                .isEqualTo("SELECT region FROM orders UNION ALL SELECT region FROM customers LIMIT 1000");
        Allowed a = allowed("SELECT * FROM orders LIMIT 50000");
        assertThat(a.maxRows()).isEqualTo(1000);
        assertThat(a.maxBytes()).isEqualTo(1_000_000);
        assertThat(a.notes()).anyMatch(n -> n.contains("lowered to 1000"));
    }

    @Test
    void selectStarOverATableWithSciColumnsIsNarrowedToThePermittedColumns() {
        Allowed a = allowed("SELECT * FROM customers");
        assertThat(a.sql()).isEqualTo(
                "SELECT customers.customer_id, customers.name, customers.region, customers.created_at FROM customers LIMIT 1000");
        assertThat(a.notes()).anyMatch(n -> n.contains("2 SCI-classified column(s) omitted"));
        assertThat(a.notes().toString()).doesNotContain("ssn", "email");
    }

    @Test
    void selectStarOverAJoinKeepsOtherSourcesAndNarrowsOnlyTheSciOne() {
        Allowed a = allowed("SELECT * FROM orders o JOIN customers c ON o.customer_id = c.customer_id");
        assertThat(a.sql()).startsWith("SELECT o.*, c.customer_id, c.name, c.region, c.created_at FROM orders o JOIN");
        Allowed t = allowed("SELECT c.* FROM customers AS c");
        assertThat(t.sql()).startsWith("SELECT c.customer_id, c.name, c.region, c.created_at FROM customers AS c");
    }

    @Test
    void selectStarInsideCtesAndSubqueriesIsNarrowedToo() {
        Allowed a = allowed("WITH c AS (SELECT * FROM customers) SELECT * FROM c");
        assertThat(a.sql()).isEqualTo("WITH c AS (SELECT customers.customer_id, customers.name, customers.region, "
                + "customers.created_at FROM customers) SELECT * FROM c LIMIT 1000");
        Allowed s = allowed("SELECT x.name FROM (SELECT * FROM sales.core.customers) x");
        assertThat(s.sql()).contains("(SELECT customers.customer_id, customers.name, customers.region, customers.created_at FROM sales.core.customers) x");
    }

    @Test
    void selectStarIsRefusedWhenTheNarrowingCannotBeExact() {
        workspace.table("sales.core.mystery");
        FixtureWorkspace unknownColumns = FixtureWorkspace.demo();
        unknownColumns.sciColumn("sales.core.no_schema_known", "secret");
        GuardContext c2 = unknownColumns.context();
        GuardDecision d = guard.check("SELECT * FROM no_schema_known", c2);
        assertThat(d).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.kind()).isEqualTo(RefusalKind.SCI_STAR);
            assertThat(r.offendingToken()).isEqualTo("*");
        });
        assertThat(refused("SELECT * EXCEPT (region) FROM customers").kind()).isEqualTo(RefusalKind.SCI_STAR);
        assertThat(refused("SELECT * FROM customers, (SELECT 1 AS n)").kind()).isEqualTo(RefusalKind.SCI_STAR);
        assertThat(refused("SELECT to_json(struct(*)) FROM customers").kind()).isEqualTo(RefusalKind.SCI_STAR);
    }

    @Test
    void viewsAreExpandedRecursivelyAndDepthIsBounded() {
        assertThat(allowed("SELECT * FROM v_region_sales").sql()).isEqualTo("SELECT * FROM v_region_sales LIMIT 1000");
        Refused r = refused("SELECT * FROM v_card_holders");
        assertThat(r.kind()).isEqualTo(RefusalKind.SCI_VIEW);
        assertThat(r.offendingToken()).isEqualTo("sales.core.v_card_holders");
        assertThat(r.reason()).contains("sales.core.v_cards");

        FixtureWorkspace loop = FixtureWorkspace.demo();
        loop.view("sales.core.v_a", "SELECT * FROM v_b").view("sales.core.v_b", "SELECT * FROM v_a");
        GuardDecision d = guard.check("SELECT * FROM v_a", loop.context());
        assertThat(d).isInstanceOfSatisfying(Refused.class, x -> {
            assertThat(x.kind()).isEqualTo(RefusalKind.SCI_VIEW);
            assertThat(x.reason()).contains("deeper than " + SelectChecker.MAX_VIEW_DEPTH);
        });
    }

    @Test
    void viewBodiesResolveInTheViewsOwnNamespace() {
        FixtureWorkspace w = FixtureWorkspace.demo();
        // unqualified "salaries" inside a finance.payroll view means finance.payroll.salaries, not sales.core.salaries
        w.view("finance.reporting.v_pay", "SELECT emp_id FROM payroll.salaries");
        w.table("sales.core.salaries", "emp_id");
        assertThat(guard.check("SELECT * FROM finance.reporting.v_pay", w.context()))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.offendingToken()).isEqualTo("finance.reporting.v_pay"));
        assertThat(guard.check("SELECT * FROM salaries", w.context())).isInstanceOf(Allowed.class);
    }

    @Test
    void catalogAndSchemaTagsCoverEveryTableUnderneathWithoutTheLookupApplyingInheritance() {
        assertThat(refused("SELECT * FROM hr.people.unknown_table").kind()).isEqualTo(RefusalKind.SCI_CATALOG);
        assertThat(refused("SELECT * FROM finance.payroll.anything").kind()).isEqualTo(RefusalKind.SCI_SCHEMA);
        assertThat(allowed("SELECT * FROM finance.reporting.revenue").sql()).contains("finance.reporting.revenue");
    }

    @Test
    void withoutAKnownNamespaceOnlyFullyQualifiedNamesAreAccepted() {
        GuardContext unknown = new GuardContext(null, null, workspace, ctx.limits());
        assertThat(guard.check("SELECT * FROM orders", unknown)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.kind()).isEqualTo(RefusalKind.UNQUALIFIED_NAME);
            assertThat(r.offendingToken()).isEqualTo("orders");
        });
        assertThat(guard.check("SELECT * FROM core.orders", unknown)).isInstanceOf(Refused.class);
        assertThat(guard.check("SHOW TABLES", unknown)).isInstanceOf(Refused.class);
        assertThat(guard.check("SELECT * FROM sales.core.orders", unknown)).isInstanceOf(Allowed.class);
        assertThat(guard.check("SELECT * FROM hr.people.employees", unknown)).isInstanceOf(Refused.class);
        // CTE names are bound by scope: in scope they need no namespace, out of scope they are tables again
        assertThat(guard.check("WITH r AS (SELECT region FROM sales.core.orders), s AS (SELECT * FROM r) "
                + "SELECT * FROM s JOIN (SELECT * FROM r) x ON 1 = 1", unknown)).isInstanceOf(Allowed.class);
        assertThat(guard.check("SELECT * FROM (WITH credit_cards AS (SELECT 1 AS n) SELECT * FROM credit_cards) a "
                + "JOIN credit_cards b ON 1 = 1", unknown)).isInstanceOfSatisfying(Refused.class,
                        r -> assertThat(r.kind()).isEqualTo(RefusalKind.UNQUALIFIED_NAME));
        assertThat(guard.check("WITH a AS (SELECT * FROM b), b AS (SELECT 1 AS n) SELECT * FROM a", unknown))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.offendingToken()).isEqualTo("b"));
    }

    @Test
    void defaultNamespaceComesFromTheContext() {
        GuardContext finance = new GuardContext("finance", "payroll", workspace, ctx.limits());
        assertThat(guard.check("SELECT * FROM salaries", finance))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.offendingToken()).isEqualTo("finance.payroll.salaries"));
        GuardContext reporting = new GuardContext("FINANCE", "`Reporting`", workspace, ctx.limits());
        assertThat(guard.check("SELECT * FROM revenue", reporting)).isInstanceOf(Allowed.class);
    }

    /**
     * Databricks syntax JSqlParser 5.3 cannot parse: all refused as UNPARSABLE (or NOT_READ_ONLY when the statement
     * does not start like a query), never guessed at. Kept in sync with the list in package-info.java.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM orders TABLESAMPLE (10 PERCENT)",
        "SELECT * FROM orders VERSION AS OF 3",
        "SELECT * FROM orders TIMESTAMP AS OF '2024-01-01'",
        "SELECT region FROM orders CLUSTER BY region",
        "SELECT region FROM orders DISTRIBUTE BY region SORT BY region",
        "SELECT * FROM orders LEFT ANTI JOIN customers ON orders.customer_id = customers.customer_id",
        "FROM orders SELECT order_id",
        "SELECT * FROM orders WHERE region = ${region}",
        "SHOW TABLES IN sales.core",
        "DESCRIBE TABLE orders",
        "DESCRIBE EXTENDED orders",
        "DESCRIBE HISTORY orders",
        "DESCRIBE DETAIL orders",
        "SHOW COLUMNS IN sales.core.orders",
        "SHOW SCHEMAS IN sales",
        "SHOW CREATE TABLE orders",
        "SHOW TBLPROPERTIES orders",
        "SHOW GRANTS ON TABLE orders",
        "SHOW PARTITIONS orders",
    })
    void databricksSyntaxTheParserCannotReadIsRefused(String sql) {
        Refused r = refused(sql);
        assertThat(r.kind()).isIn(RefusalKind.UNPARSABLE, RefusalKind.NOT_READ_ONLY);
        assertThat(r.code()).isEqualTo("INVALID_QUERY");
        assertThat(r.offendingToken()).isNotBlank();
    }

    @Test
    void doubledBacktickIdentifiersAreNotTrustedToRoundTrip() {
        // JSqlParser reads `a``b` as `a` `b` (column a aliased b), Databricks as one identifier a`b: the guard's view
        // and the warehouse's must never differ, and the forwarded text is what the guard read
        GuardDecision d = guard.check("SELECT `a``b` FROM orders", ctx);
        if (d instanceof Allowed a) {
            assertThat(a.sql()).isEqualTo("SELECT `a` `b` FROM orders LIMIT 1000");
        }
    }

    @Test
    void emptyAndOversizedInputsAreRefusedWithTypedReasons() {
        assertThat(refused("").kind()).isEqualTo(RefusalKind.EMPTY);
        assertThat(refused("  -- only a comment\n").kind()).isEqualTo(RefusalKind.EMPTY);
        assertThat(refused(null).kind()).isEqualTo(RefusalKind.EMPTY);
        String huge = "SELECT 1 FROM orders WHERE " + "order_id = 1 OR ".repeat(20_000) + "order_id = 2";
        assertThat(refused(huge).kind()).isEqualTo(RefusalKind.TOO_LARGE);
    }

    @Test
    void deeplyNestedInputFailsClosed() {
        String nested = "SELECT " + "(".repeat(3000) + "1" + ")".repeat(3000);
        GuardDecision d = guard.check(nested, ctx);
        assertThat(d).isInstanceOf(Refused.class);
    }

    @Test
    void showAndDescribeAreAcceptedWhenTheyRevealNothingSci() {
        assertThat(allowed("SHOW TABLES IN marketing").kind()).isEqualTo(StatementKind.SHOW);
        assertThat(allowed("DESCRIBE orders").kind()).isEqualTo(StatementKind.DESCRIBE);
        assertThat(allowed("SHOW FUNCTIONS").sql()).isEqualTo("SHOW FUNCTIONS");
        FixtureWorkspace clean = new FixtureWorkspace().table("a.b.c", "x");
        assertThat(guard.check("SHOW CATALOGS", clean.context())).isInstanceOf(Allowed.class);
    }

    @Test
    void identifierMatchingIsCaseInsensitiveAndUnquotesBackticks() {
        for (String sql : List.of("SELECT `SSN` FROM customers", "SELECT Ssn FROM `SALES`.`CORE`.`CUSTOMERS`",
                "SELECT c.`ssn` FROM customers c")) {
            Refused r = refused(sql);
            assertThat(r.kind()).isEqualTo(RefusalKind.SCI_COLUMN);
            assertThat(r.offendingToken()).isEqualTo("ssn");
        }
    }

    @Test
    void sparkLexicalCheckCatchesWhatTheTwoLexersCouldDisagreeOn() {
        SparkLexicalCheck.requireSingleStatementWithoutComments("SELECT 'a;b', `c;d`, \"e--f\" FROM t");
        for (String text : List.of("SELECT 1; SELECT 2", "SELECT 1 -- x", "SELECT /* x */ 1", "SELECT 'open",
                "SELECT 'a\\\\'; x")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkLexicalCheck.requireSingleStatementWithoutComments(text))
                    .as(text).isInstanceOf(GuardRefusal.class);
        }
    }
}
