package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UnityCatalogApiTest {

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

    static List<String> names(List<JsonNode> pages, String field, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : pages) {
            p.path(field).forEach(n -> out.add(n.get(key).asString()));
        }
        return out;
    }

    @Test
    void catalogsAreFilteredByGrants() {
        assertThat(names(http.pages("/api/2.1/unity-catalog/catalogs", carol), "catalogs", "name"))
                .containsExactly("finance", "hr", "marketing", "sales");
        assertThat(names(http.pages("/api/2.1/unity-catalog/catalogs", alice), "catalogs", "name"))
                .containsExactly("finance", "marketing", "sales");
        assertThat(names(http.pages("/api/2.1/unity-catalog/catalogs", bob), "catalogs", "name"))
                .containsExactly("sales");
    }

    @Test
    void catalogFieldsMatchCatalogInfo() {
        Http.Response r = http.get("/api/2.1/unity-catalog/catalogs/sales", alice);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("name").asString()).isEqualTo("sales");
        assertThat(r.body().get("full_name").asString()).isEqualTo("sales");
        assertThat(r.body().get("catalog_type").asString()).isEqualTo("MANAGED_CATALOG");
        assertThat(r.body().get("owner").asString()).isEqualTo("sales-admins");
        assertThat(r.body().get("created_at").isNumber()).isTrue();
        assertThat(r.body().has("tags")).isFalse();
    }

    @Test
    void schemasAndTablesRespectSchemaAndTableGrants() {
        assertThat(names(http.pages("/api/2.1/unity-catalog/schemas?catalog_name=sales", bob), "schemas", "name"))
                .containsExactly("customers", "orders", "reference");
        assertThat(names(http.pages("/api/2.1/unity-catalog/schemas?catalog_name=sales", alice), "schemas", "name"))
                .containsExactly("customers", "orders", "reference", "staging");
        assertThat(names(
                        http.pages("/api/2.1/unity-catalog/tables?catalog_name=sales&schema_name=customers", bob),
                        "tables",
                        "name"))
                .containsExactly("customers");
        assertThat(names(
                        http.pages("/api/2.1/unity-catalog/tables?catalog_name=sales&schema_name=customers", alice),
                        "tables",
                        "name"))
                .containsExactly("customer_pii", "customer_segments", "customers");
    }

    @Test
    void tableCarriesTypedColumns() {
        Http.Response r = http.get("/api/2.1/unity-catalog/tables/sales.orders.orders", bob);
        assertThat(r.status()).isEqualTo(200);
        JsonNode cols = r.body().get("columns");
        assertThat(cols.size()).isEqualTo(8);
        assertThat(cols.get(0).get("name").asString()).isEqualTo("order_id");
        assertThat(cols.get(0).get("type_name").asString()).isEqualTo("LONG");
        assertThat(cols.get(0).get("type_text").asString()).isEqualTo("bigint");
        assertThat(cols.get(0).get("position").asInt()).isZero();
        assertThat(cols.get(0).get("nullable").asBoolean()).isFalse();
        assertThat(cols.get(4).get("type_name").asString()).isEqualTo("DECIMAL");
        assertThat(cols.get(4).get("type_precision").asInt()).isEqualTo(18);
        Http.Response view = http.get("/api/2.1/unity-catalog/tables/sales.orders.daily_revenue", bob);
        assertThat(view.body().get("table_type").asString()).isEqualTo("VIEW");
        assertThat(view.body().get("view_definition").asString()).contains("FROM sales.orders.orders");
    }

    @Test
    void pagingServesAnEmptyPageWithATokenAndCoversEveryItem() {
        List<JsonNode> pages = http.pages(
                "/api/2.1/unity-catalog/tables?catalog_name=marketing&schema_name=web_analytics&max_results=0", alice);
        assertThat(pages.size()).isGreaterThan(2);
        assertThat(pages.get(1).get("tables").size()).isZero();
        assertThat(pages.get(1).get("next_page_token").asString()).isNotEmpty();
        List<String> names = names(pages, "tables", "name");
        assertThat(names).hasSize(72).doesNotHaveDuplicates();
        assertThat(pages.get(0).get("tables").size()).isEqualTo(5);
        Http.Response all =
                http.get("/api/2.1/unity-catalog/tables?catalog_name=marketing&schema_name=web_analytics", alice);
        assertThat(all.body().get("tables").size()).isEqualTo(72);
        assertThat(all.body().has("next_page_token")).isFalse();
    }

    @Test
    void invalidPagingParametersAre400() {
        Http.Response neg = http.get("/api/2.1/unity-catalog/catalogs?max_results=-1", alice);
        assertThat(neg.status()).isEqualTo(400);
        assertThat(neg.body().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
        Http.Response forged = http.get("/api/2.1/unity-catalog/catalogs?max_results=1&page_token=not-a-token", alice);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body().get("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void missingAndForbiddenObjects() {
        Http.Response hr = http.get("/api/2.1/unity-catalog/catalogs/hr", alice);
        assertThat(hr.status()).isEqualTo(403);
        assertThat(hr.body().get("error_code").asString()).isEqualTo("PERMISSION_DENIED");
        Http.Response nope = http.get("/api/2.1/unity-catalog/catalogs/nope", alice);
        assertThat(nope.status()).isEqualTo(404);
        assertThat(nope.body().get("error_code").asString()).isEqualTo("CATALOG_DOES_NOT_EXIST");
        assertThat(http.get("/api/2.1/unity-catalog/schemas/sales.nope", alice)
                        .body()
                        .get("error_code")
                        .asString())
                .isEqualTo("SCHEMA_DOES_NOT_EXIST");
        assertThat(http.get("/api/2.1/unity-catalog/tables/sales.orders.nope", alice)
                        .body()
                        .get("error_code")
                        .asString())
                .isEqualTo("TABLE_DOES_NOT_EXIST");
        Http.Response pii = http.get("/api/2.1/unity-catalog/tables/sales.customers.customer_pii", bob);
        assertThat(pii.status()).isEqualTo(403);
        Http.Response unknown = http.get("/api/2.0/nothing/here", alice);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error_code").asString()).isEqualTo("ENDPOINT_NOT_FOUND");
    }

    @Test
    void tableSummariesSearchByLikePatterns() {
        List<String> names = names(
                http.pages(
                        "/api/2.1/unity-catalog/table-summaries?catalog_name=sales&table_name_pattern=stg_refunds_2025_0_",
                        alice),
                "tables",
                "full_name");
        assertThat(names).hasSize(9).allMatch(n -> n.startsWith("sales.staging.stg_refunds_2025_0"));
        List<String> bobs = names(
                http.pages(
                        "/api/2.1/unity-catalog/table-summaries?catalog_name=sales&schema_name_pattern=cust%25", bob),
                "tables",
                "full_name");
        assertThat(bobs).containsExactly("sales.customers.customers");
    }

    @Test
    void unauthenticatedRequestsGet401() {
        Http.Response none = http.get("/api/2.1/unity-catalog/catalogs", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().get("error_code").asInt()).isEqualTo(401);
        Http.Response bad = http.get("/api/2.1/unity-catalog/catalogs", "dapi-garbage");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.body().get("error_code").asString()).isEqualTo("UNAUTHENTICATED");
        String expired = emu.issueToken("alice@lakegate.dev", java.time.Duration.ZERO);
        Http.Response exp = http.get("/api/2.1/unity-catalog/catalogs", expired);
        assertThat(exp.status()).isEqualTo(401);
        assertThat(exp.body().get("message").asString()).contains("expired");
    }
}
