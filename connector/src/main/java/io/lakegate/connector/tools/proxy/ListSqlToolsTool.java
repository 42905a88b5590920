package io.lakegate.connector.tools.proxy;

import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolGroup;
import io.lakegate.connector.tools.ToolResults;
import io.lakegate.connector.upstream.ManagedMcpServer;
import io.lakegate.connector.upstream.SqlToolPolicy;
import io.lakegate.connector.upstream.UpstreamToolCatalog;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code list_sql_tools}: the read-only tools of the Databricks SQL managed MCP server; write tools never appear. */
@Component
public class ListSqlToolsTool implements LakegateTool {

    private final UpstreamToolCatalog catalog;
    private final UpstreamTools upstream;

    public ListSqlToolsTool(UpstreamToolCatalog catalog, UpstreamTools upstream) {
        this.catalog = catalog;
        this.upstream = upstream;
    }

    @Override
    public String name() {
        return "list_sql_tools";
    }

    @Override
    public String description() {
        return "List the read-only tools of the Databricks SQL MCP server that proxy_to_sql can call: "
                + "execute_sql_read_only (run one read-only SQL statement) and poll_sql_result (fetch the result of a "
                + "statement still running). Returns {\"tools\":[{\"name\",\"description\",\"input_schema\"}],"
                + "\"read_only\":true}. Tools that can write are never offered.";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "properties": {}}""";
    }

    @Override
    public ToolGroup group() {
        return ToolGroup.SQL;
    }

    @Override
    public String outputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["tools", "read_only"], "properties": {
                "tools": {"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {
                  "name": {"type": "string"}, "description": {"type": "string"}, "input_schema": {"type": "object"}},
                  "required": ["name", "input_schema"]}},
                "read_only": {"const": true, "description": "Every tool listed only reads."}}}""";
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("List SQL tools", true);
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        return catalog.tools(call.caller(), call.workspace(), ManagedMcpServer.sql())
                .map(tools -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put(
                            "tools",
                            tools.stream()
                                    .filter(t -> SqlToolPolicy.allowed(t.name()))
                                    .map(upstream::describe)
                                    .toList());
                    result.put("read_only", true);
                    return ToolResults.json(result);
                });
    }
}
