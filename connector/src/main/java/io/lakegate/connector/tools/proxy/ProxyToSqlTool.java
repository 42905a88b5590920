package io.lakegate.connector.tools.proxy;

import io.lakegate.connector.guard.GuardedProxyResults;
import io.lakegate.connector.proxy.ManagedMcpClient;
import io.lakegate.connector.proxy.ManagedMcpServer;
import io.lakegate.connector.proxy.SqlQueryGate;
import io.lakegate.connector.proxy.SqlToolPolicy;
import io.lakegate.connector.proxy.UpstreamToolCatalog;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolErrorCode;
import io.lakegate.connector.tools.ToolException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code proxy_to_sql}: forwards a read-only tool call to the Databricks SQL managed MCP server. Order of checks:
 * allow-list (nothing else is ever sent), upstream tool exists, arguments match its input schema, every
 * {@link SqlQueryGate} accepts the query, then the call goes out as the caller.
 */
@Component
public class ProxyToSqlTool implements LakegateTool {

    private final UpstreamToolCatalog catalog;
    private final UpstreamTools upstream;
    private final ManagedMcpClient client;
    private final ObjectProvider<SqlQueryGate> gates;
    private final GuardedProxyResults results;

    public ProxyToSqlTool(UpstreamToolCatalog catalog, UpstreamTools upstream, ManagedMcpClient client,
            ObjectProvider<SqlQueryGate> gates, GuardedProxyResults results) {
        this.catalog = catalog;
        this.upstream = upstream;
        this.client = client;
        this.gates = gates;
        this.results = results;
    }

    @Override
    public String name() {
        return "proxy_to_sql";
    }

    @Override
    public String description() {
        return "Run read-only SQL as the signed-in user through the Databricks SQL MCP server. tool_name is "
                + "'execute_sql_read_only' with tool_args={\"query\":\"SELECT ...\"} or 'poll_sql_result' with "
                + "tool_args={\"statement_id\":\"...\"} for a statement still PENDING/RUNNING. Optional warehouse_id picks "
                + "the SQL warehouse (see list_sql_warehouses). Only these read-only tools are forwarded: execute_sql and "
                + "any statement that writes are refused. Use fully qualified table names (catalog.schema.table). "
                + "The query is checked first (one read-only statement, fully qualified names, no Strictly Confidential "
                + "table or column; a refusal is INVALID_QUERY naming the offending token); SELECT * omits SCI columns; "
                + "rows and bytes are capped.";
    }

    @Override
    public String inputSchemaJson() {
        return """
                {"type": "object", "additionalProperties": false, "required": ["tool_name", "tool_args"], "properties": {
                "tool_name": {"type": "string", "minLength": 1, "description": "execute_sql_read_only or poll_sql_result."},
                "tool_args": {"type": "object", "description": "Arguments for that tool, matching its input_schema from list_sql_tools."},
                "warehouse_id": {"type": "string", "minLength": 1, "description": "SQL warehouse id to run on; else Databricks picks one the user may use."}}}""";
    }

    @Override
    public ToolAnnotations annotations() {
        return LakegateTool.readOnly("Run read-only SQL", true);
    }

    /** Conversations and statements progress between polls. */
    @Override
    public boolean readsProgressingState() {
        return true;
    }

    @Override
    public Mono<CallToolResult> call(ToolCall call) {
        String toolName = call.arguments().requiredString("tool_name");
        if (!SqlToolPolicy.allowed(toolName)) {
            throw new ToolException(ToolErrorCode.TOOL_NOT_ALLOWED, "proxy_to_sql forwards only the read-only tools "
                    + String.join(", ", SqlToolPolicy.ALLOWED) + "; '" + toolName + "' is refused"
                    + ("execute_sql".equals(toolName) ? " because it can modify data; use execute_sql_read_only" : ""));
        }
        Map<String, Object> toolArgs = call.arguments().optionalObject("tool_args");
        Optional<String> warehouse = call.arguments().optionalString("warehouse_id");
        ManagedMcpServer server = ManagedMcpServer.sql();
        return catalog.tool(call.caller(), call.workspace(), server, toolName)
                .flatMap(tool -> {
                    upstream.validate(tool, toolArgs);
                    return guard(call, toolName, toolArgs);
                })
                .flatMap(guardedArgs -> client.callTool(call.caller(), call.workspace(), server, toolName, guardedArgs,
                        warehouse.map(id -> Map.<String, Object>of("warehouse_id", id)).orElse(null)))
                .map(results::capSql);
    }

    /**
     * The SQL guard hook: every {@link SqlQueryGate} sees the query of execute_sql_read_only before it leaves, and the
     * query forwarded is the last gate's output (the guard's regenerated statement), never the caller's text.
     */
    private Mono<Map<String, Object>> guard(ToolCall call, String toolName, Map<String, Object> toolArgs) {
        if (!SqlToolPolicy.EXECUTE_READ_ONLY.equals(toolName) || !(toolArgs.get("query") instanceof String sql)) {
            return Mono.just(toolArgs);
        }
        return Flux.fromStream(gates.orderedStream())
                .reduce(Mono.just(sql), (query, gate) -> query.flatMap(q -> gate.check(call, q)))
                .flatMap(query -> query)
                .map(query -> {
                    Map<String, Object> guarded = new java.util.LinkedHashMap<>(toolArgs);
                    guarded.put("query", query);
                    return guarded;
                });
    }
}
