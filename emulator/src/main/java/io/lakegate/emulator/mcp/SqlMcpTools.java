package io.lakegate.emulator.mcp;

import static io.lakegate.emulator.http.Json.obj;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.genie.GenieJson;
import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.sql.SqlEngine;
import io.lakegate.emulator.sql.StatementRecord;
import io.lakegate.emulator.sql.StatementService;
import io.lakegate.emulator.warehouse.WarehouseRoutes;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The Databricks SQL server's tools: {@code execute_sql} (reads and writes; writes really run and are recorded),
 * {@code execute_sql_read_only} (refuses writes) and {@code poll_sql_result}. The warehouse comes from
 * {@code _meta.warehouse_id}, else the first one the caller may use.
 */
final class SqlMcpTools {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StatementService statements;
    private final WarehouseRoutes warehouses;
    private final AccessPolicy access;
    private final String defaultCatalog;
    private final String defaultSchema;

    SqlMcpTools(
            StatementService statements,
            WarehouseRoutes warehouses,
            AccessPolicy access,
            String defaultCatalog,
            String defaultSchema) {
        this.statements = statements;
        this.warehouses = warehouses;
        this.access = access;
        this.defaultCatalog = defaultCatalog;
        this.defaultSchema = defaultSchema;
    }

    List<McpServerFeatures.AsyncToolSpecification> tools() {
        Map<String, Object> querySchema = McpEndpoints.schema(
                Map.of("query", McpEndpoints.string("The SQL statement to run on a Databricks SQL warehouse.")),
                List.of("query"));
        McpSchema.Tool execute = McpSchema.Tool.builder()
                .name("execute_sql")
                .description(
                        "Execute a SQL statement (queries and data changes) on a Databricks SQL warehouse and return the "
                                + "result, or a statement_id to poll with poll_sql_result.")
                .inputSchema(querySchema)
                .annotations(McpSchema.ToolAnnotations.builder()
                        .readOnlyHint(false)
                        .destructiveHint(true)
                        .build())
                .build();
        McpSchema.Tool readOnly = McpSchema.Tool.builder()
                .name("execute_sql_read_only")
                .description(
                        "Execute a read-only SQL query (SELECT) on a Databricks SQL warehouse; statements that modify data "
                                + "are refused.")
                .inputSchema(querySchema)
                .annotations(
                        McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
                .build();
        McpSchema.Tool poll = McpSchema.Tool.builder()
                .name("poll_sql_result")
                .description(
                        "Get the status and result of a statement started by execute_sql or execute_sql_read_only.")
                .inputSchema(McpEndpoints.schema(
                        Map.of("statement_id", McpEndpoints.string("statement_id returned by execute_sql.")),
                        List.of("statement_id")))
                .annotations(
                        McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
                .build();
        return List.of(
                McpServerFeatures.AsyncToolSpecification.builder()
                        .tool(execute)
                        .callHandler((ex, req) -> run(McpEndpoints.user(ex), req, true))
                        .build(),
                McpServerFeatures.AsyncToolSpecification.builder()
                        .tool(readOnly)
                        .callHandler((ex, req) -> run(McpEndpoints.user(ex), req, false))
                        .build(),
                McpServerFeatures.AsyncToolSpecification.builder()
                        .tool(poll)
                        .callHandler((ex, req) -> Mono.fromCallable(() -> {
                            ToolArgs.onlyKnown(req, "statement_id");
                            String id = ToolArgs.required(req, "statement_id");
                            StatementRecord rec = statements
                                    .find(id, McpEndpoints.user(ex))
                                    .orElseThrow(() -> ToolArgs.badRequest("Statement " + id + " not found."));
                            return toResult(rec);
                        }))
                        .build());
    }

    private Mono<McpSchema.CallToolResult> run(String user, McpSchema.CallToolRequest req, boolean allowWrites) {
        return Mono.defer(() -> {
            ToolArgs.onlyKnown(req, "query");
            String sql = ToolArgs.required(req, "query");
            String warehouseId = warehouse(user, req);
            if (warehouseId == null) {
                return Mono.just(McpEndpoints.result(
                        obj(
                                "status",
                                obj(
                                        "state",
                                        "FAILED",
                                        "error",
                                        obj(
                                                "message",
                                                "PERMISSION_DENIED: You do not have CAN USE on any SQL warehouse."))),
                        true));
            }
            SqlEngine.Request request = new SqlEngine.Request(
                    user,
                    sql,
                    defaultCatalog,
                    defaultSchema,
                    List.of(),
                    null,
                    allowWrites,
                    allowWrites ? "mcp:execute_sql" : "mcp:execute_sql_read_only");
            return statements.submit(request, WAIT, false).map(this::toResult);
        });
    }

    private String warehouse(String user, McpSchema.CallToolRequest req) {
        Object id = req.meta() == null ? null : req.meta().get("warehouse_id");
        if (id instanceof String s && !s.isBlank()) {
            if (warehouses.find(s).isEmpty()) {
                throw ToolArgs.badRequest("Warehouse " + s + " not found.");
            }
            if (!access.canUseWarehouse(user, s)) {
                throw ToolArgs.badRequest("PERMISSION_DENIED: User does not have CAN USE on warehouse " + s + ".");
            }
            return s;
        }
        return warehouses.firstUsable(user).map(Seed.Warehouse::id).orElse(null);
    }

    private McpSchema.CallToolResult toResult(StatementRecord rec) {
        String state = rec.state();
        Map<String, Object> status = obj("state", state);
        if (state.equals("FAILED")) {
            status.put(
                    "error",
                    obj(
                            "error_code",
                            rec.failure().errorCode(),
                            "message",
                            rec.failure().getMessage()));
        }
        Map<String, Object> out = obj("statement_id", rec.id(), "status", status);
        if (state.equals("SUCCEEDED")) {
            out.put(
                    "manifest",
                    obj(
                            "schema",
                            obj(
                                    "columns",
                                    rec.result().columns().stream()
                                            .map(c -> obj("name", c.name(), "type_name", c.typeName()))
                                            .toList()),
                            "total_row_count",
                            rec.result().rows().size(),
                            "truncated",
                            rec.result().truncated()));
            out.put("result", obj("data_array", GenieJson.protoRows(rec.result().rows())));
        }
        return McpEndpoints.result(out, state.equals("FAILED") || state.equals("CANCELED"));
    }
}
