package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StatementExecutionApiTest {

    static final String SHARED = "a1b2c3d4e5f60718";
    static final String FINANCE = "f0e1d2c3b4a59687";
    static DatabricksEmulator emu;
    static Http http;
    static String alice;
    static String bob;
    static String carol;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
        http = new Http(emu.baseUrl());
        alice = emu.issueToken("alice@lakegate.dev");
        bob = emu.issueToken("bob@lakegate.dev");
        carol = emu.issueToken("carol@lakegate.dev");
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static Http.Response run(String token, Map<String, Object> body) {
        return http.post("/api/2.0/sql/statements", token, body);
    }

    static Http.Response run(String token, String sql) {
        return run(token, Map.of("statement", sql, "warehouse_id", SHARED));
    }

    static List<List<String>> rows(Http.Response r) {
        List<List<String>> out = new ArrayList<>();
        JsonNode data = r.body().path("result").path("data_array");
        for (JsonNode row : data) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.isNull() ? null : c.asString()));
            out.add(cells);
        }
        return out;
    }

    @Test
    void readReturnsInlineJsonArrayWithManifest() {
        Http.Response r =
                run(alice, "SELECT region, COUNT(*) AS n FROM sales.orders.orders GROUP BY region ORDER BY region");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/status/state").asString()).isEqualTo("SUCCEEDED");
        assertThat(r.body().at("/manifest/format").asString()).isEqualTo("JSON_ARRAY");
        assertThat(r.body().at("/manifest/schema/column_count").asInt()).isEqualTo(2);
        assertThat(r.body().at("/manifest/schema/columns/1/type_name").asString())
                .isEqualTo("LONG");
        assertThat(r.body().at("/manifest/total_row_count").asInt()).isEqualTo(3);
        assertThat(rows(r)).containsExactly(List.of("AMER", "20"), List.of("APAC", "20"), List.of("EMEA", "20"));
    }

    @Test
    void rowLimitTruncatesAndUnqualifiedNamesUseTheRequestCatalogAndSchema() {
        Http.Response r = run(
                alice,
                Map.of(
                        "statement",
                        "SELECT order_id FROM orders ORDER BY order_id",
                        "warehouse_id",
                        SHARED,
                        "catalog",
                        "sales",
                        "schema",
                        "orders",
                        "row_limit",
                        7));
        assertThat(rows(r)).hasSize(7);
        assertThat(r.body().at("/manifest/truncated").asBoolean()).isTrue();
        Http.Response two = run(
                alice,
                Map.of(
                        "statement",
                        "SELECT COUNT(*) FROM reference.products",
                        "warehouse_id",
                        SHARED,
                        "catalog",
                        "sales"));
        assertThat(rows(two)).containsExactly(List.of("8"));
    }

    @Test
    void namedParametersBindAndNullCellsStayNull() {
        Http.Response r = run(
                alice,
                Map.of(
                        "statement",
                        "SELECT name, NULL AS nothing FROM sales.reference.products WHERE category = :cat AND list_price > :p ORDER BY name",
                        "warehouse_id",
                        SHARED,
                        "parameters",
                        List.of(
                                Map.of("name", "cat", "value", "service"),
                                Map.of("name", "p", "value", "1000", "type", "DECIMAL(10,2)"))));
        assertThat(rows(r))
                .containsExactly(
                        java.util.Arrays.asList("Serverless Workshop", null),
                        java.util.Arrays.asList("Unity Catalog Audit", null));
    }

    @Test
    void failuresAreHttp200WithFailedState() {
        Http.Response denied = run(bob, "SELECT * FROM sales.customers.customer_pii");
        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.body().at("/status/state").asString()).isEqualTo("FAILED");
        assertThat(denied.body().at("/status/error/message").asString()).startsWith("PERMISSION_DENIED:");
        assertThat(denied.body().at("/status/sql_state").asString()).isEqualTo("42501");
        Http.Response catalog = run(bob, "SELECT * FROM finance.ledger.accounts");
        assertThat(catalog.body().at("/status/error/message").asString()).contains("USE CATALOG");
        Http.Response missing = run(alice, "SELECT * FROM sales.orders.nope");
        assertThat(missing.body().at("/status/error/message").asString()).startsWith("[TABLE_OR_VIEW_NOT_FOUND]");
        assertThat(missing.body().at("/status/sql_state").asString()).isEqualTo("42P01");
        Http.Response syntax = run(alice, "SELEC 1");
        assertThat(syntax.body().at("/status/error/message").asString()).startsWith("[PARSE_SYNTAX_ERROR]");
        Http.Response join = run(
                bob,
                "SELECT c.name FROM sales.customers.customers c JOIN sales.customers.customer_pii p "
                        + "ON p.customer_id = c.customer_id");
        assertThat(join.body().at("/status/state").asString()).isEqualTo("FAILED");
    }

    @Test
    void writesExecuteAreRecordedAndVisibleInLaterReads() {
        int before = emu.executedWrites().size();
        Http.Response ins = run(
                alice, "INSERT INTO sales.staging.load_audit VALUES (100, 'rest', 3, TIMESTAMP '2025-09-01 00:00:00')");
        assertThat(ins.body().at("/status/state").asString()).isEqualTo("SUCCEEDED");
        assertThat(rows(ins)).containsExactly(List.of("1", "1"));
        assertThat(rows(run(alice, "SELECT source FROM sales.staging.load_audit WHERE load_id = 100")))
                .containsExactly(List.of("rest"));
        assertThat(emu.executedWrites()).hasSize(before + 1);
        assertThat(emu.executedWrites().get(before).statement()).startsWith("INSERT INTO sales.staging.load_audit");
        assertThat(emu.executedWrites().get(before).via()).isEqualTo("statement-execution");

        Http.Response bobWrite = run(bob, "DELETE FROM sales.orders.orders");
        assertThat(bobWrite.body().at("/status/error/message").asString()).contains("MODIFY");
        assertThat(emu.executedWrites()).hasSize(before + 1);
    }

    @Test
    void ddlChangesUnityCatalog() {
        assertThat(run(alice, "CREATE TABLE sales.staging.scratch (id BIGINT, note STRING)")
                        .body()
                        .at("/status/state")
                        .asString())
                .isEqualTo("SUCCEEDED");
        Http.Response t = http.get("/api/2.1/unity-catalog/tables/sales.staging.scratch", alice);
        assertThat(t.status()).isEqualTo(200);
        assertThat(t.body().at("/columns/1/type_name").asString()).isEqualTo("STRING");
        assertThat(t.body().get("owner").asString()).isEqualTo("alice@lakegate.dev");
        assertThat(run(alice, "DROP TABLE sales.staging.scratch")
                        .body()
                        .at("/status/state")
                        .asString())
                .isEqualTo("SUCCEEDED");
        assertThat(http.get("/api/2.1/unity-catalog/tables/sales.staging.scratch", alice)
                        .status())
                .isEqualTo(404);
        assertThat(run(alice, "CREATE TABLE sales.orders.not_allowed (id INT)")
                        .body()
                        .at("/status/error/message")
                        .asString())
                .contains("CREATE TABLE");
    }

    @Test
    void informationSchemaTagsShowOnlyWhatTheCallerCanSee() {
        String sql = "SELECT catalog_name, schema_name, table_name FROM system.information_schema.table_tags "
                + "WHERE tag_name = :k AND tag_value = :v";
        Map<String, Object> body = Map.of(
                "statement",
                sql,
                "warehouse_id",
                SHARED,
                "parameters",
                List.of(Map.of("name", "k", "value", "classification"), Map.of("name", "v", "value", "SCI")));
        assertThat(rows(run(alice, body))).containsExactly(List.of("sales", "customers", "customer_pii"));
        assertThat(rows(run(bob, body))).isEmpty();
        assertThat(rows(run(carol, "SELECT catalog_name FROM system.information_schema.catalog_tags")))
                .containsExactly(List.of("hr"));
        assertThat(rows(run(alice, "SELECT catalog_name FROM system.information_schema.catalog_tags")))
                .isEmpty();
        assertThat(rows(run(alice, "SELECT schema_name FROM system.information_schema.schema_tags")))
                .containsExactly(List.of("payroll"));
        assertThat(rows(run(
                        bob,
                        "SELECT table_name, column_name FROM sales.information_schema.column_tags "
                                + "WHERE tag_name = 'classification'")))
                .containsExactly(List.of("customers", "email"));
        // automatic-classification tags too only for what bob sees: not customer_pii's iban and phone
        assertThat(rows(run(
                        bob,
                        "SELECT table_name, column_name, tag_name FROM sales.information_schema.column_tags "
                                + "WHERE tag_name LIKE 'class.%' ORDER BY column_name")))
                .containsExactly(
                        List.of("customers", "email", "class.email_address"),
                        List.of("customers", "name", "class.name"));
        assertThat(run(bob, "SELECT * FROM finance.information_schema.table_tags")
                        .body()
                        .at("/status/error/message")
                        .asString())
                .contains("USE CATALOG");
    }

    @Test
    void asyncStatementsArePolledAndChunksFetched() {
        Http.Response r = run(
                alice,
                Map.of(
                        "statement",
                        "SELECT COUNT(*) FROM sales.orders.orders",
                        "warehouse_id",
                        SHARED,
                        "wait_timeout",
                        "0s"));
        String id = r.body().get("statement_id").asString();
        assertThat(r.body().at("/status/state").asString()).isIn("PENDING", "RUNNING", "SUCCEEDED");
        JsonNode last = null;
        for (int i = 0; i < 50; i++) {
            last = http.get("/api/2.0/sql/statements/" + id, alice).body();
            if (last.at("/status/state").asString().equals("SUCCEEDED")) {
                break;
            }
            sleep(100);
        }
        assertThat(last.at("/status/state").asString()).isEqualTo("SUCCEEDED");
        Http.Response chunk = http.get("/api/2.0/sql/statements/" + id + "/result/chunks/0", alice);
        assertThat(chunk.body().at("/data_array/0/0").asString()).isEqualTo("60");
        assertThat(http.get("/api/2.0/sql/statements/" + id, bob).status()).isEqualTo(404);
    }

    @Test
    void requestValidationAndWarehouseGrants() {
        Http.Response noWh = run(alice, Map.of("statement", "SELECT 1"));
        assertThat(noWh.status()).isEqualTo(400);
        assertThat(noWh.body().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
        Http.Response badWait =
                run(alice, Map.of("statement", "SELECT 1", "warehouse_id", SHARED, "wait_timeout", "3s"));
        assertThat(badWait.status()).isEqualTo(400);
        Http.Response noUse = run(bob, Map.of("statement", "SELECT 1", "warehouse_id", FINANCE));
        assertThat(noUse.status()).isEqualTo(403);
        assertThat(noUse.body().get("error_code").asString()).isEqualTo("PERMISSION_DENIED");
        Http.Response unknown = run(bob, Map.of("statement", "SELECT 1", "warehouse_id", "0000"));
        assertThat(unknown.status()).isEqualTo(404);
        Http.Response malformed = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(emu.baseUrl() + "/api/2.0/sql/statements"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{not json")),
                alice);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("error_code").asString()).isEqualTo("MALFORMED_REQUEST");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
