package io.lakegate.connector.databricks;

import static io.lakegate.connector.databricks.DatabricksClient.segment;

import io.lakegate.connector.databricks.model.CatalogInfo;
import io.lakegate.connector.databricks.model.SchemaInfo;
import io.lakegate.connector.databricks.model.TableDefinition;
import io.lakegate.connector.databricks.model.TableDetail;
import io.lakegate.connector.databricks.model.TableInfo;
import io.lakegate.connector.databricks.model.TableSummary;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Unity Catalog REST ({@code /api/2.1/unity-catalog}); one page per call, the caller follows tokens. */
@Component
public class UnityCatalogApi {

    private static final String BASE = "/api/2.1/unity-catalog";

    private final DatabricksClient client;

    public UnityCatalogApi(DatabricksClient client) {
        this.client = client;
    }

    public Mono<Page<CatalogInfo>> listCatalogs(CallerIdentity caller, Workspace ws, String pageToken, int maxResults) {
        return client.get(caller, ws, BASE + "/catalogs", paging(pageToken, maxResults))
                .map(body ->
                        new Page<>(Json.list(body, "catalogs", CatalogInfo::from), Json.text(body, "next_page_token")));
    }

    public Mono<Page<SchemaInfo>> listSchemas(
            CallerIdentity caller, Workspace ws, String catalog, String pageToken, int maxResults) {
        Map<String, Object> query = paging(pageToken, maxResults);
        query.put("catalog_name", catalog);
        return client.get(caller, ws, BASE + "/schemas", query)
                .map(body ->
                        new Page<>(Json.list(body, "schemas", SchemaInfo::from), Json.text(body, "next_page_token")));
    }

    public Mono<Page<TableInfo>> listTables(
            CallerIdentity caller, Workspace ws, String catalog, String schema, String pageToken, int maxResults) {
        Map<String, Object> query = paging(pageToken, maxResults);
        query.put("catalog_name", catalog);
        query.put("schema_name", schema);
        query.put("omit_columns", true);
        query.put("omit_properties", true);
        return client.get(caller, ws, BASE + "/tables", query)
                .map(body ->
                        new Page<>(Json.list(body, "tables", TableInfo::from), Json.text(body, "next_page_token")));
    }

    public Mono<TableDetail> getTable(CallerIdentity caller, Workspace ws, String fullName) {
        return client.get(caller, ws, BASE + "/tables/" + segment(fullName), Map.of())
                .map(TableDetail::from);
    }

    /** The table with its view definition, for the SQL guard only (see {@link TableDefinition}). */
    public Mono<TableDefinition> getTableDefinition(CallerIdentity caller, Workspace ws, String fullName) {
        return client.get(caller, ws, BASE + "/tables/" + segment(fullName), Map.of())
                .map(TableDefinition::from);
    }

    /** Completes empty when the catalog exists for the caller; errors as Databricks answered otherwise. */
    public Mono<Void> getCatalog(CallerIdentity caller, Workspace ws, String name) {
        return client.get(caller, ws, BASE + "/catalogs/" + segment(name), Map.of())
                .then();
    }

    /** Completes empty when the schema exists for the caller; errors as Databricks answered otherwise. */
    public Mono<Void> getSchema(CallerIdentity caller, Workspace ws, String fullName) {
        return client.get(caller, ws, BASE + "/schemas/" + segment(fullName), Map.of())
                .then();
    }

    /** UC's only server-side name search: one catalog, LIKE patterns on schema and table names. */
    public Mono<Page<TableSummary>> tableSummaries(
            CallerIdentity caller,
            Workspace ws,
            String catalog,
            String schemaPattern,
            String tablePattern,
            String pageToken,
            int maxResults) {
        Map<String, Object> query = paging(pageToken, maxResults);
        query.put("catalog_name", catalog);
        query.put("schema_name_pattern", schemaPattern);
        query.put("table_name_pattern", tablePattern);
        return client.get(caller, ws, BASE + "/table-summaries", query)
                .map(body ->
                        new Page<>(Json.list(body, "tables", TableSummary::from), Json.text(body, "next_page_token")));
    }

    private static Map<String, Object> paging(String pageToken, int maxResults) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("max_results", maxResults);
        query.put("page_token", pageToken);
        return query;
    }
}
