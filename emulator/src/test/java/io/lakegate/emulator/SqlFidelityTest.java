package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The emulator's SQL is neither easier nor harder than Databricks': statements are lexed as Spark lexes them, H2-only
 * and host-file functions do not exist, and SHOW / DESCRIBE answer through execute_sql_read_only as documented.
 */
class SqlFidelityTest {

    static final String SHARED = "a1b2c3d4e5f60718";
    static DatabricksEmulator emu;
    static Http http;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
        http = new Http(emu.baseUrl());
        alice = emu.issueToken("alice@lakegate.dev");
        bob = emu.issueToken("bob@lakegate.dev");
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static Http.Response run(String token, String sql) {
        return http.post("/api/2.0/sql/statements", token, Map.of("statement", sql, "warehouse_id", SHARED));
    }

    static List<List<String>> rows(Http.Response r) {
        assertThat(r.body().at("/status/state").asString())
                .as(r.body().toString())
                .isEqualTo("SUCCEEDED");
        List<List<String>> out = new ArrayList<>();
        for (JsonNode row : r.body().path("result").path("data_array")) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.isNull() ? null : c.asString()));
            out.add(cells);
        }
        return out;
    }

    static List<String> columns(Http.Response r) {
        List<String> out = new ArrayList<>();
        r.body()
                .at("/manifest/schema/columns")
                .forEach(c -> out.add(
                        c.path("name").asString() + ":" + c.path("type_name").asString()));
        return out;
    }

    static String failure(Http.Response r) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/status/state").asString())
                .as(r.body().toString())
                .isEqualTo("FAILED");
        assertThat(r.body().at("/status/error/error_code").asString()).isEqualTo("BAD_REQUEST");
        return r.body().at("/status/error/message").asString();
    }

    // ---------------------------------------------------------------- 1. lexing

    @Test
    void backslashEscapedQuoteDoesNotEndTheLiteral() {
        Http.Response r = run(bob, "SELECT 'a\\' , email FROM sales.customers.customers --' AS s");
        assertThat(rows(r)).containsExactly(List.of("a' , email FROM sales.customers.customers --"));
    }

    @Test
    void rawLiteralEndsAtItsSecondQuote() {
        Http.Response r = run(bob, "SELECT r'\\' AS s, 7 AS n --'");
        assertThat(columns(r)).containsExactly("s:STRING", "n:INT");
        assertThat(rows(r)).containsExactly(List.of("\\", "7"));
    }

    @Test
    void doubleQuotesAreAStringNestedCommentsAndBackticksAsSparkReadsThem() {
        Http.Response r =
                run(bob, "SELECT \"region\" AS `Odd``Name`, 1 /* a /* nested */ FROM x */ AS one, 5L AS five");
        assertThat(columns(r)).containsExactly("odd`name:STRING", "one:INT", "five:LONG");
        assertThat(rows(r)).containsExactly(List.of("region", "1", "5"));
    }

    @Test
    void backslashesBeforeQuotesAndHintsReadAsSparkReadsThem() {
        assertThat(rows(run(bob, "SELECT 'a\\\\' AS s, 'b' AS t"))).containsExactly(List.of("a\\", "b"));
        assertThat(rows(run(bob, "SELECT '\\\\\\'' AS s, 2 AS n"))).containsExactly(List.of("\\'", "2"));
        assertThat(rows(run(bob, "SELECT /*+ REPARTITION('*/ , 1 AS leaked --') */ 1 AS n")))
                .containsExactly(List.of("1"));
        // Spark keeps the backslash of \_ so LIKE sees an escaped underscore, as on Databricks
        assertThat(rows(run(bob, "SELECT COUNT(*) AS n FROM sales.orders.orders WHERE status LIKE 'OPE\\_'")))
                .containsExactly(List.of("0"));
        assertThat(rows(run(bob, "SELECT COUNT(*) AS n FROM sales.orders.orders WHERE status LIKE 'OPE_'")))
                .containsExactly(List.of("15"));
    }

    @Test
    void tableQueryTermsAndIdentifierClausesResolveWithTheirNamespaceAndGrants() {
        assertThat(rows(run(bob, "TABLE sales.reference.regions"))).hasSize(3);
        assertThat(rows(run(
                        bob,
                        "SELECT * FROM (TABLE sales.reference.regions) UNION ALL TABLE `sales`.reference.regions")))
                .hasSize(6);
        assertThat(rows(run(bob, "SELECT manager FROM IDENTIFIER('sales.reference.`regions`') WHERE region = 'EMEA'")))
                .hasSize(1);
        assertThat(failure(run(bob, "TABLE sales.customers.customer_pii"))).startsWith("PERMISSION_DENIED");
        assertThat(failure(run(bob, "SELECT * FROM IDENTIFIER('sales.customers.customer_pii')")))
                .startsWith("PERMISSION_DENIED");
        assertThat(failure(run(bob, "SELECT * FROM IDENTIFIER('sales.reference.regions; DROP')")))
                .startsWith("[PARSE_SYNTAX_ERROR]");
    }

    @Test
    void textTheGuardRendersAsSparkTokensRuns() {
        Http.Response r = run(
                bob,
                "SELECT `customer_id` , `name` FROM ( SELECT `customer_id` , `name` FROM `sales` . "
                        + "`customers` . `customers` ) AS `c` WHERE `customer_id` > 3 LIMIT 10000");
        assertThat(columns(r)).containsExactly("customer_id:LONG", "name:STRING");
        assertThat(rows(r)).hasSize(21);
    }

    @Test
    void aSecondStatementIsRefusedEvenWhenHiddenFromOtherLexers() {
        assertThat(failure(run(bob, "SELECT 1; SELECT email FROM sales.customers.customers")))
                .startsWith("[PARSE_SYNTAX_ERROR]")
                .contains("'SELECT'");
        assertThat(failure(run(bob, "SELECT r'\\'; SELECT email FROM sales.customers.customers --'")))
                .startsWith("[PARSE_SYNTAX_ERROR]");
        assertThat(rows(run(bob, "SELECT ';' AS s;"))).containsExactly(List.of(";"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void executeSqlReadOnlyRefusesASecondStatementLikeDatabricks() {
        try (McpSyncClient c = McpEndpointsTestClients.client(emu, "/api/2.0/mcp/sql", bob)) {
            var r = c.callTool(new McpSchema.CallToolRequest(
                    "execute_sql_read_only",
                    Map.of(
                            "query",
                            "SELECT region FROM sales.reference.regions; DELETE FROM sales.staging.load_audit")));
            assertThat(r.isError()).isTrue();
            Map<String, Object> status =
                    (Map<String, Object>) ((Map<String, Object>) r.structuredContent()).get("status");
            assertThat(status.get("state")).isEqualTo("FAILED");
            assertThat(((Map<String, Object>) status.get("error"))
                            .get("message")
                            .toString())
                    .startsWith("[PARSE_SYNTAX_ERROR]");
        }
    }

    // ---------------------------------------------------------------- 2. functions

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT FILE_READ('/etc/hostname') AS f",
                "SELECT file_read('/etc/hostname', NULL) AS f",
                "SELECT `FILE_READ`('/etc/hostname') AS f",
                "SELECT * FROM CSVREAD('/etc/passwd')",
                "SELECT CSVWRITE('/tmp/lakegate-leak.csv', 'SELECT 1') AS w",
                "SELECT LINK_SCHEMA('x', '', 'jdbc:h2:mem:y', '', '', 'PUBLIC') AS l",
                "SELECT DATABASE() AS d",
                "SELECT region FROM sales.reference.regions WHERE LENGTH(FILE_READ('/etc/hostname')) > 0",
                "SELECT public.upper('a') AS u"
            })
    void h2OnlyFunctionsAreUnknownRoutines(String sql) {
        assertThat(failure(run(bob, sql)))
                .startsWith("[UNRESOLVED_ROUTINE] Cannot resolve routine `")
                .endsWith("SQLSTATE: 42883");
    }

    @Test
    void fileWriteTouchesNoFile(@TempDir Path dir) {
        Path target = dir.resolve("written.txt");
        String sql = "SELECT FILE_WRITE('secret', '" + target.toString().replace("'", "''") + "') AS w";
        assertThat(failure(run(bob, sql))).contains("`file_write`");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void routinesHiddenInDdlColumnOptionsAreUnknownToo(@TempDir Path dir) {
        Path target = dir.resolve("default.csv");
        // alice may create tables in sales.staging: the write path must not reach H2's host-file routines either
        assertThat(failure(run(
                        alice, "CREATE TABLE sales.staging.ddl_probe (a STRING DEFAULT FILE_READ('/etc/hostname'))")))
                .startsWith("[UNRESOLVED_ROUTINE]")
                .contains("`file_read`");
        assertThat(failure(run(
                        alice,
                        "CREATE TABLE sales.staging.ddl_probe (a INT DEFAULT `CSVWRITE`('"
                                + target.toString().replace("'", "''") + "', 'SELECT 1'))")))
                .startsWith("[UNRESOLVED_ROUTINE]");
        assertThat(run(alice, "CREATE TABLE sales.staging.ddl_probe (a STRING, b DECIMAL(10,2) DEFAULT 1)")
                        .body()
                        .at("/status/state")
                        .asString())
                .isEqualTo("SUCCEEDED");
        assertThat(failure(run(
                        alice,
                        "ALTER TABLE sales.staging.ddl_probe ALTER COLUMN b SET DEFAULT CSVWRITE('"
                                + target.toString().replace("'", "''") + "', 'SELECT 1')")))
                .startsWith("[UNRESOLVED_ROUTINE]");
        assertThat(run(alice, "INSERT INTO sales.staging.ddl_probe (a) VALUES ('x')")
                        .body()
                        .at("/status/state")
                        .asString())
                .isEqualTo("SUCCEEDED");
        assertThat(Files.exists(target)).isFalse();
        assertThat(rows(run(alice, "SELECT CAST(a AS STRING) AS a, CAST(b AS LONG) AS b FROM sales.staging.ddl_probe")))
                .containsExactly(List.of("x", "1"));
    }

    @Test
    void databricksBuiltinsThatH2CanRunStillWork() {
        Http.Response r = run(
                bob,
                "SELECT UPPER(region) AS r, COUNT(*) AS n, ROUND(SUM(amount), 1) AS s, "
                        + "ROW_NUMBER() OVER (ORDER BY region) AS rn, COALESCE(NULL, 'x') AS c FROM sales.orders.orders "
                        + "GROUP BY region ORDER BY region");
        assertThat(rows(r)).hasSize(3);
        assertThat(rows(r).get(0)).startsWith("AMER", "20");
    }

    // ---------------------------------------------------------------- 3. SHOW / DESCRIBE

    @Test
    void showCatalogsListsWhatTheCallerMayUse() {
        Http.Response r = run(bob, "SHOW CATALOGS");
        assertThat(columns(r)).containsExactly("catalog:STRING");
        assertThat(rows(r)).containsExactly(List.of("sales"));
        assertThat(rows(run(alice, "SHOW CATALOGS LIKE 'f*|m*'")))
                .containsExactly(List.of("finance"), List.of("marketing"));
    }

    @Test
    void showSchemasAndTablesAnswerInDatabricksShape() {
        Http.Response schemas = run(bob, "SHOW SCHEMAS IN sales");
        assertThat(columns(schemas)).containsExactly("databaseName:STRING");
        assertThat(rows(schemas)).containsExactly(List.of("customers"), List.of("orders"), List.of("reference"));

        Http.Response tables = run(bob, "SHOW TABLES IN `sales`.customers");
        assertThat(columns(tables)).containsExactly("namespace:STRING", "tableName:STRING", "isTemporary:BOOLEAN");
        assertThat(rows(tables)).containsExactly(List.of("customers", "customers", "false"));

        Http.Response views = run(bob, "SHOW VIEWS FROM sales.orders");
        assertThat(columns(views)).containsExactly("namespace:STRING", "viewName:STRING", "isTemporary:BOOLEAN");
        assertThat(rows(views)).containsExactly(List.of("orders", "daily_revenue", "false"));

        assertThat(rows(run(bob, "SHOW TABLES")))
                .extracting(row -> row.get(1))
                .containsExactly("daily_revenue", "orders", "returns");
    }

    @Test
    void showColumnsAndDescribeNameColumnsTypesAndComments() {
        Http.Response cols = run(bob, "SHOW COLUMNS IN customers IN sales.customers");
        assertThat(columns(cols)).containsExactly("col_name:STRING");
        assertThat(rows(cols))
                .extracting(row -> row.get(0))
                .containsExactly("customer_id", "name", "email", "country", "region", "signup_date");

        Http.Response d = run(bob, "DESCRIBE TABLE sales.customers.customers");
        assertThat(columns(d)).containsExactly("col_name:STRING", "data_type:STRING", "comment:STRING");
        assertThat(rows(d).get(2)).containsExactly("email", "string", "Contact e-mail address");
        assertThat(rows(run(bob, "DESC sales.customers.customers"))).hasSize(6);
    }

    @Test
    void showAndDescribeApplyTheCallersGrants() {
        assertThat(failure(run(bob, "DESCRIBE sales.customers.customer_pii"))).startsWith("PERMISSION_DENIED");
        assertThat(failure(run(bob, "SHOW TABLES IN finance.payroll"))).startsWith("PERMISSION_DENIED");
        assertThat(failure(run(bob, "SHOW SCHEMAS IN nowhere"))).startsWith("[NO_SUCH_CATALOG_EXCEPTION]");
        assertThat(failure(run(bob, "DESCRIBE sales.orders.nope"))).startsWith("[TABLE_OR_VIEW_NOT_FOUND]");
        assertThat(failure(run(bob, "SHOW GRANTS ON TABLE sales.orders.orders")))
                .startsWith("[UNSUPPORTED_FEATURE]");
        assertThat(rows(run(emu.issueToken("carol@lakegate.dev"), "SHOW TABLES IN hr.people LIKE 'emp*'")))
                .containsExactly(List.of("people", "employees", "false"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void showRunsThroughExecuteSqlReadOnly() {
        try (McpSyncClient c = McpEndpointsTestClients.client(emu, "/api/2.0/mcp/sql", bob)) {
            var r = c.callTool(
                    new McpSchema.CallToolRequest("execute_sql_read_only", Map.of("query", "SHOW CATALOGS")));
            assertThat(r.isError()).as(r.toString()).isFalse();
            Map<String, Object> s = (Map<String, Object>) r.structuredContent();
            assertThat(s.get("manifest").toString()).contains("name=catalog");
            assertThat(s.get("result"))
                    .isEqualTo(Map.of(
                            "data_array", List.of(Map.of("values", List.of(Map.of("string_value", "sales"))))));
        }
    }
}
