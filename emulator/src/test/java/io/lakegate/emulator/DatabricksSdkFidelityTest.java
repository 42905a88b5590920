package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.utils.SerDeUtils;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.ListSchemasRequest;
import com.databricks.sdk.service.catalog.ListSummariesRequest;
import com.databricks.sdk.service.catalog.ListTablesRequest;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.TableSummary;
import com.databricks.sdk.service.dashboards.GenieListSpacesRequest;
import com.databricks.sdk.service.dashboards.GenieListSpacesResponse;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.GenieSpace;
import com.databricks.sdk.service.dashboards.GenieStartConversationMessageRequest;
import com.databricks.sdk.service.dashboards.GenieStartConversationResponse;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Databricks SDK for Java against the emulator: its paginating iterators walk our pages (server page size
 * 3 forces paging and the empty page), and every field the emulator emits survives the SDK's model classes: the raw
 * JSON of each object must equal, field by field, the SDK object serialised back with the SDK's own mapper.
 */
class DatabricksSdkFidelityTest {

    static final ObjectMapper SDK_JSON = SerDeUtils.createMapper();
    static DatabricksEmulator emu;
    static WorkspaceClient sdk;
    static Http http;
    static String token;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults().withServerPageSize(3));
        token = emu.issueToken("carol@lakegate.dev");
        http = new Http(emu.baseUrl());
        sdk = new WorkspaceClient(
                new DatabricksConfig().setHost(emu.baseUrl()).setToken(token).setAuthType("pat"));
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    /** Every field of {@code raw} is present with the same value in {@code sdkObject} re-serialised. */
    static void assertSurvives(JsonNode raw, Object sdkObject) {
        try {
            JsonNode back = SDK_JSON.readTree(SDK_JSON.writeValueAsString(sdkObject));
            JsonNode rawTree = SDK_JSON.readTree(raw.toString());
            assertSubset(rawTree, back, "$");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertSubset(JsonNode raw, JsonNode back, String path) {
        if (raw.isObject()) {
            assertThat(back.isObject())
                    .as(path + " is an object in the SDK model")
                    .isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                assertThat(back.has(f.getKey()))
                        .as(path + "." + f.getKey() + " survives the SDK model")
                        .isTrue();
                assertSubset(f.getValue(), back.get(f.getKey()), path + "." + f.getKey());
            }
        } else if (raw.isArray()) {
            assertThat(back.size()).as(path + " length").isEqualTo(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                assertSubset(raw.get(i), back.get(i), path + "[" + i + "]");
            }
        } else if (raw.isNumber()) {
            assertThat(back.asText()).as(path).isEqualTo(raw.asText());
        } else {
            assertThat(back).as(path).isEqualTo(raw);
        }
    }

    static List<JsonNode> rawAll(String path, String field) {
        Http.Response r = http.get(path, token);
        assertThat(r.status()).as(path).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        try {
            SDK_JSON.readTree(r.raw()).get(field).forEach(out::add);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    static <T> Map<String, T> byKey(Iterable<T> items, Function<T, String> key) {
        return StreamSupport.stream(items.spliterator(), false).collect(Collectors.toMap(key, x -> x));
    }

    @Test
    void catalogsSchemasAndTablesPageThroughTheSdk() {
        List<JsonNode> rawCatalogs = rawAll("/api/2.1/unity-catalog/catalogs", "catalogs");
        Map<String, CatalogInfo> catalogs = byKey(sdk.catalogs().list(new ListCatalogsRequest()), CatalogInfo::getName);
        assertThat(catalogs).hasSize(rawCatalogs.size()).hasSizeGreaterThan(3);
        rawCatalogs.forEach(
                raw -> assertSurvives(raw, catalogs.get(raw.get("name").asText())));

        int tables = 0;
        int schemaCount = 0;
        int sdkPages = 0;
        long tableListCallsBefore = tableListCalls();
        for (String catalog : catalogs.keySet()) {
            List<JsonNode> rawSchemas = rawAll("/api/2.1/unity-catalog/schemas?catalog_name=" + catalog, "schemas");
            Map<String, SchemaInfo> schemas =
                    byKey(sdk.schemas().list(new ListSchemasRequest().setCatalogName(catalog)), SchemaInfo::getName);
            assertThat(schemas).hasSize(rawSchemas.size());
            rawSchemas.forEach(
                    raw -> assertSurvives(raw, schemas.get(raw.get("name").asText())));
            schemaCount += schemas.size();
            for (String schema : schemas.keySet()) {
                List<JsonNode> rawTables = rawAll(
                        "/api/2.1/unity-catalog/tables?catalog_name=" + catalog + "&schema_name=" + schema, "tables");
                Map<String, TableInfo> sdkTables = byKey(
                        sdk.tables()
                                .list(new ListTablesRequest()
                                        .setCatalogName(catalog)
                                        .setSchemaName(schema)),
                        TableInfo::getName);
                assertThat(sdkTables).as(catalog + "." + schema).hasSize(rawTables.size());
                rawTables.forEach(
                        raw -> assertSurvives(raw, sdkTables.get(raw.get("name").asText())));
                tables += sdkTables.size();
                sdkPages += Math.max(1, (sdkTables.size() + 2) / 3);
            }
        }
        assertThat(tables).isGreaterThanOrEqualTo(200);
        // one raw call per schema plus at least ceil(n/3) SDK pages per schema: the SDK followed next_page_token
        assertThat(tableListCalls() - tableListCallsBefore).isGreaterThanOrEqualTo((long) schemaCount + sdkPages);
        TableInfo one = sdk.tables().get("sales.customers.customer_pii");
        assertSurvives(
                toJackson2(http.get("/api/2.1/unity-catalog/tables/sales.customers.customer_pii", token)
                        .raw()),
                one);
    }

    @Test
    void tableSummariesPageThroughTheSdk() {
        List<TableSummary> summaries = new ArrayList<>();
        sdk.tables()
                .listSummaries(
                        new ListSummariesRequest().setCatalogName("marketing").setTableNamePattern("clicks_%"))
                .forEach(summaries::add);
        assertThat(summaries).hasSize(24).allMatch(s -> s.getFullName().startsWith("marketing.web_analytics.clicks_"));
    }

    @Test
    void warehousesAndGenieSpacesParseWithoutLoss() {
        List<JsonNode> raw = rawAll("/api/2.0/sql/warehouses", "warehouses");
        Map<String, EndpointInfo> warehouses =
                byKey(sdk.warehouses().list(new ListWarehousesRequest()), EndpointInfo::getId);
        assertThat(warehouses).hasSize(2);
        raw.forEach(r -> assertSurvives(r, warehouses.get(r.get("id").asText())));

        List<GenieSpace> spaces = new ArrayList<>();
        String pageToken = null;
        for (int i = 0; i < 10; i++) {
            GenieListSpacesResponse page = sdk.genie()
                    .listSpaces(new GenieListSpacesRequest().setPageSize(2L).setPageToken(pageToken));
            spaces.addAll(page.getSpaces());
            pageToken = page.getNextPageToken();
            if (pageToken == null || pageToken.isEmpty()) {
                break;
            }
        }
        assertThat(spaces).hasSize(3);
        Map<String, GenieSpace> byId = byKey(spaces, GenieSpace::getSpaceId);
        rawAll("/api/2.0/genie/spaces", "spaces")
                .forEach(r -> assertSurvives(r, byId.get(r.get("space_id").asText())));
    }

    @Test
    void currentUserAndStatementsParseWithoutLoss() {
        User me = sdk.currentUser().me(new com.databricks.sdk.service.iam.MeRequest());
        assertThat(me.getUserName()).isEqualTo("carol@lakegate.dev");
        assertSurvives(toJackson2(http.get("/api/2.0/preview/scim/v2/Me", token).raw()), me);

        StatementResponse st = sdk.statementExecution()
                .executeStatement(
                        new ExecuteStatementRequest()
                                .setWarehouseId("a1b2c3d4e5f60718")
                                .setStatement(
                                        "SELECT region, SUM(amount) AS revenue FROM sales.orders.orders GROUP BY region ORDER BY region"));
        assertThat(st.getResult().getDataArray()).hasSize(3);
        Http.Response raw = http.get("/api/2.0/sql/statements/" + st.getStatementId(), token);
        assertSurvives(toJackson2(raw.raw()), sdk.statementExecution().getStatement(st.getStatementId()));

        StatementResponse failed = sdk.statementExecution()
                .executeStatement(new ExecuteStatementRequest()
                        .setWarehouseId("a1b2c3d4e5f60718")
                        .setStatement("SELECT * FROM sales.orders.nope"));
        assertThat(failed.getStatus().getState().toString()).isEqualTo("FAILED");
        assertSurvives(
                toJackson2(http.get("/api/2.0/sql/statements/" + failed.getStatementId(), token)
                        .raw()),
                sdk.statementExecution().getStatement(failed.getStatementId()));
    }

    static long tableListCalls() {
        return emu.requests().stream()
                .filter(r -> r.path().equals("/api/2.1/unity-catalog/tables"))
                .count();
    }

    @Test
    void genieMessagesParseWithoutLoss() {
        GenieStartConversationResponse started = sdk.genie()
                .startConversation(new GenieStartConversationMessageRequest()
                        .setSpaceId("01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4")
                        .setContent("What is the revenue by region?"))
                .getResponse();
        GenieMessage m = null;
        for (int i = 0; i < 100; i++) {
            m = sdk.genie()
                    .getMessage(
                            "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4", started.getConversationId(), started.getMessageId());
            if (m.getStatus().toString().equals("COMPLETED")) {
                break;
            }
            WorkspaceApiTest.pause();
        }
        assertThat(m.getStatus().toString()).isEqualTo("COMPLETED");
        assertThat(m.getAttachments()).hasSize(3);
        String path = "/api/2.0/genie/spaces/01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4/conversations/"
                + started.getConversationId() + "/messages/" + started.getMessageId();
        assertSurvives(toJackson2(http.get(path, token).raw()), m);
    }

    static JsonNode toJackson2(String raw) {
        try {
            return SDK_JSON.readTree(raw);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void switchedWorkspaceStatesParseThroughTheSdk() {
        try {
            emu.switches().warehousesStopped(true).entityTagApiDisabled(true);
            com.databricks.sdk.service.sql.GetWarehouseResponse w = sdk.warehouses()
                    .get(new com.databricks.sdk.service.sql.GetWarehouseRequest().setId("a1b2c3d4e5f60718"));
            assertThat(w.getState()).isEqualTo(com.databricks.sdk.service.sql.State.STOPPED);
            assertSurvives(
                    toJackson2(http.get("/api/2.0/sql/warehouses/a1b2c3d4e5f60718", token)
                            .raw()),
                    w);

            // the SDK maps 404 ENDPOINT_NOT_FOUND to NotFound, as for any API a workspace does not serve
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sdk.entityTagAssignments()
                            .list("tables", "sales.customers.customer_pii")
                            .iterator()
                            .hasNext())
                    .isInstanceOf(com.databricks.sdk.core.error.platform.NotFound.class)
                    .hasMessageContaining("No API found for 'GET /unity-catalog/entity-tag-assignments/");

            StatementResponse shown = sdk.statementExecution()
                    .executeStatement(new ExecuteStatementRequest()
                            .setWarehouseId("a1b2c3d4e5f60718")
                            .setStatement("SHOW TABLES IN sales.customers"));
            assertThat(shown.getManifest().getSchema().getColumns())
                    .extracting(c -> c.getName() + ":" + c.getTypeName())
                    .containsExactly("namespace:STRING", "tableName:STRING", "isTemporary:BOOLEAN");
            assertSurvives(
                    toJackson2(http.get("/api/2.0/sql/statements/" + shown.getStatementId(), token)
                            .raw()),
                    sdk.statementExecution().getStatement(shown.getStatementId()));
        } finally {
            emu.switches().reset();
        }
    }
}
