package io.lakegate.connector.tools.discovery;

import io.lakegate.connector.databricks.WorkspaceApi;
import io.lakegate.connector.databricks.model.Warehouse;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolGroup;
import io.lakegate.connector.tools.ToolResults;
import io.lakegate.connector.tools.paging.PageCollector;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code list_sql_warehouses}: SQL warehouses the caller can see, with their state. */
@Component
public class ListSqlWarehousesTool implements LakegateTool {

    record Result(List<Warehouse> warehouses, String nextCursor) {}

    private final WorkspaceApi api;
    private final Listing listing;

    public ListSqlWarehousesTool(WorkspaceApi api, Listing listing) {
        this.api = api;
        this.listing = listing;
    }

    @Override
    public String name() {
        return "list_sql_warehouses";
    }

    @Override
    public String description() {
        return "List the Databricks SQL warehouses the signed-in user can see: {\"warehouses\":[{\"id\",\"name\",\"state\","
                + "\"cluster_size\",\"warehouse_type\",\"serverless\"}],\"next_cursor\"?}. State is RUNNING, STOPPED, "
                + "STARTING, ...; SQL through proxy_to_sql may name one by id. " + Listing.PAGING_HELP;
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "properties": {
                $PAGING}}""".replace("$PAGING", Listing.PAGING_PROPERTIES);
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.DISCOVERY;
    }

    @Override
    public String outputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["warehouses"], "properties": {
                "warehouses": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {
                  "id": {"type": "string"}, "name": {"type": "string"}, "state": {"type": "string"}, "cluster_size": {"type": "string"},
                  "warehouse_type": {"type": "string"}, "serverless": {"type": "boolean"}}}},
                $NEXT_CURSOR}}""".replace("$NEXT_CURSOR", Listing.NEXT_CURSOR_PROPERTY);
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("List SQL warehouses", false);
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String key = Listing.key(call);
        return PageCollector.<Warehouse>collect(
                        token -> api.listWarehouses(call.caller(), call.workspace(), token, listing.pageSize()),
                        page -> Mono.just(w -> true),
                        listing.cursor(call, key),
                        listing.limit(call),
                        listing.maxPages())
                .map(r -> ToolResults.json(
                        new Result(r.items(), r.next() == null ? null : r.next().encode(key))));
    }
}
