package io.lakegate.connector.databricks;

import io.lakegate.connector.databricks.model.GenieSpace;
import io.lakegate.connector.databricks.model.Warehouse;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Genie spaces and SQL warehouses visible to the caller ({@code page_size}/{@code page_token} paging). */
@Component
public class WorkspaceApi {

    /** Genie rejects larger pages. */
    public static final int GENIE_MAX_PAGE_SIZE = 100;

    private final DatabricksClient client;

    public WorkspaceApi(DatabricksClient client) {
        this.client = client;
    }

    public Mono<Page<GenieSpace>> listGenieSpaces(CallerIdentity caller, Workspace ws, String pageToken, int pageSize) {
        return client.get(
                        caller, ws, "/api/2.0/genie/spaces", paging(pageToken, Math.min(pageSize, GENIE_MAX_PAGE_SIZE)))
                .map(body ->
                        new Page<>(Json.list(body, "spaces", GenieSpace::from), Json.text(body, "next_page_token")));
    }

    /** Older workspaces ignore paging and answer with one page holding everything. */
    public Mono<Page<Warehouse>> listWarehouses(CallerIdentity caller, Workspace ws, String pageToken, int pageSize) {
        return client.get(caller, ws, "/api/2.0/sql/warehouses", paging(pageToken, pageSize))
                .map(body ->
                        new Page<>(Json.list(body, "warehouses", Warehouse::from), Json.text(body, "next_page_token")));
    }

    private static Map<String, Object> paging(String pageToken, int pageSize) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("page_size", pageSize);
        query.put("page_token", pageToken);
        return query;
    }
}
