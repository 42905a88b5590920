package io.lakegate.connector.tools.proxy;

import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.guard.MetadataListing;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolErrorCode;
import io.lakegate.connector.tools.ToolException;
import io.lakegate.connector.tools.ToolGroup;
import io.lakegate.connector.upstream.GuardedProxyResults;
import io.lakegate.connector.upstream.ManagedMcpClient;
import io.lakegate.connector.upstream.ManagedMcpServer;
import io.lakegate.connector.upstream.SqlQueryGate;
import io.lakegate.connector.upstream.SqlToolPolicy;
import io.lakegate.connector.upstream.StatementHandles;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
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

    private final UpstreamTools upstream;
    private final ManagedMcpClient client;
    private final ObjectProvider<SqlQueryGate> gates;
    private final GuardedProxyResults results;
    private final StatementHandles handles;

    public ProxyToSqlTool(
            UpstreamTools upstream,
            ManagedMcpClient client,
            ObjectProvider<SqlQueryGate> gates,
            GuardedProxyResults results,
            StatementHandles handles) {
        this.upstream = upstream;
        this.client = client;
        this.gates = gates;
        this.results = results;
        this.handles = handles;
    }

    @Override
    public String name() {
        return "proxy_to_sql";
    }

    @Override
    public String description() {
        return "Run read-only SQL as the signed-in user through the Databricks SQL MCP server. tool_name is "
                + "'execute_sql_read_only' with tool_args={\"query\":\"SELECT ...\"} or 'poll_sql_result' with "
                + "tool_args={\"statement_id\":\"...\"} (the statement_id a previous call of this tool returned) for a "
                + "statement still PENDING/RUNNING. Optional warehouse_id picks "
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
    public ToolGroup group() {
        return ToolGroup.SQL;
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
            throw new ToolException(
                    ToolErrorCode.TOOL_NOT_ALLOWED,
                    "proxy_to_sql forwards only the read-only tools "
                            + String.join(", ", SqlToolPolicy.ALLOWED) + "; '" + toolName + "' is refused"
                            + ("execute_sql".equals(toolName)
                                    ? " because it can modify data; use execute_sql_read_only"
                                    : ""));
        }
        Map<String, Object> toolArgs = call.arguments().optionalObject("tool_args");
        Optional<String> warehouse = call.arguments().optionalString("warehouse_id");
        Map<String, Object> meta =
                warehouse.map(id -> Map.<String, Object>of("warehouse_id", id)).orElse(null);
        ManagedMcpServer server = ManagedMcpServer.sql();
        return upstream.validated(call, server, toolName, toolArgs).flatMap(tool -> {
            if (SqlToolPolicy.POLL.equals(toolName)) {
                return poll(call, server, toolArgs, meta);
            }
            return guard(call, toolName, toolArgs)
                    .flatMap(gated -> client.callTool(
                                    call.caller(), call.workspace(), server, toolName, gated.args(), meta)
                            .flatMap(result -> results.guardSql(
                                    call,
                                    result,
                                    gated.listing(),
                                    id -> handles.seal(call.caller(), call.workspace(), id, gated.listing()))));
        });
    }

    /**
     * {@code poll_sql_result} only for a handle this connector gave this caller: Databricks would answer any
     * statement the user can see, including SQL the guard never checked. A foreign, forged or another user's handle,
     * and a statement Databricks no longer knows, all get the same answer. The rows pass the same checks as a direct
     * result, including the SHOW/DESCRIBE filter the handle carries.
     */
    private Mono<CallToolResult> poll(
            ToolCall call, ManagedMcpServer server, Map<String, Object> toolArgs, Map<String, Object> meta) {
        Object given = toolArgs.get("statement_id");
        Optional<StatementHandles.Opened> opened = given instanceof String handle
                ? handles.open(call.caller(), call.workspace(), handle)
                : Optional.empty();
        if (opened.isEmpty()) {
            return Mono.error(unknownStatement(given));
        }
        Map<String, Object> upstreamArgs = new LinkedHashMap<>(toolArgs);
        upstreamArgs.put("statement_id", opened.get().statementId());
        return client.callTool(call.caller(), call.workspace(), server, SqlToolPolicy.POLL, upstreamArgs, meta)
                .onErrorMap(ProxyToSqlTool::statementGone, e -> unknownStatement(given))
                .flatMap(result -> results.guardSql(
                        call,
                        result,
                        opened.get().listing(),
                        id -> handles.seal(
                                call.caller(),
                                call.workspace(),
                                id,
                                opened.get().listing())));
    }

    static ToolException unknownStatement(Object given) {
        return ToolException.notFound("statement '" + given + "' does not exist, has expired, or was not started by "
                + "you through proxy_to_sql execute_sql_read_only");
    }

    /** Databricks no longer knows the statement (results are kept about an hour). */
    private static boolean statementGone(Throwable e) {
        if (e instanceof DatabricksApiException d) {
            return d.isNotFound();
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return e instanceof ToolException t
                && t.code() == ToolErrorCode.UPSTREAM_ERROR
                && (message.contains("not found") || message.contains("does not exist"));
    }

    private record GatedArgs(Map<String, Object> args, Optional<MetadataListing> listing) {}

    /**
     * The SQL guard hook: every {@link SqlQueryGate} sees the query of execute_sql_read_only before it leaves, and the
     * query forwarded is the last gate's output (the guard's regenerated statement), never the caller's text.
     */
    private Mono<GatedArgs> guard(ToolCall call, String toolName, Map<String, Object> toolArgs) {
        if (!SqlToolPolicy.EXECUTE_READ_ONLY.equals(toolName) || !(toolArgs.get("query") instanceof String sql)) {
            return Mono.error(new ToolException(
                    ToolErrorCode.INVALID_ARGUMENT, "argument 'tool_args.query' must be the SQL text"));
        }
        return Flux.fromStream(gates.orderedStream())
                .reduce(
                        Mono.just(new SqlQueryGate.Gated(sql, Optional.empty())),
                        (gated, gate) -> gated.flatMap(g -> gate.gate(call, g.sql())
                                .map(next -> next.listing().isPresent()
                                        ? next
                                        : new SqlQueryGate.Gated(next.sql(), g.listing()))))
                .flatMap(gated -> gated)
                .map(gated -> {
                    Map<String, Object> guarded = new LinkedHashMap<>(toolArgs);
                    guarded.put("query", gated.sql());
                    return new GatedArgs(guarded, gated.listing());
                });
    }
}
