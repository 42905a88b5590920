package io.lakegate.bench.workload;

import io.lakegate.bench.load.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one MCP server names the benchmark's discovery calls. The workload is written in Lakegate's tool names and
 * arguments ({@link Workload}); a dialect maps each to the server's own tool that makes the same Unity Catalog request
 * (same catalog, schema or table), or to nothing when the server has no such tool. Phases keep the logical name, so the
 * report lines up the same call across servers.
 *
 * @param tools logical tool name to the server's tool name; argument names are kept (all three servers use Unity
 *              Catalog's own: {@code catalog_name}, {@code schema_name}, {@code full_name})
 */
public record ToolDialect(String server, Map<String, String> tools) {

    public ToolDialect {
        tools = Map.copyOf(tools);
    }

    /** Lakegate's own names; the FastMCP peer implements the same signatures. */
    public static ToolDialect lakegate(String server) {
        return new ToolDialect(
                server,
                identity(Workload.LIST_CATALOGS, Workload.LIST_TABLES, Workload.GET_TABLE, Workload.SEARCH_TABLES));
    }

    /** {@code databricks-mcp-server} 0.4.4: Unity Catalog tools without a prefix and no table description tool. */
    public static ToolDialect databricksMcpServer(String server) {
        return new ToolDialect(server, identity(Workload.LIST_CATALOGS, Workload.LIST_TABLES));
    }

    /** {@code databricks-sdk-mcp} 0.1.0: every tool prefixed {@code databricks_}. */
    public static ToolDialect databricksSdkMcp(String server) {
        return new ToolDialect(
                server,
                Map.of(
                        Workload.LIST_CATALOGS,
                        "databricks_list_catalogs",
                        Workload.LIST_TABLES,
                        "databricks_list_tables",
                        Workload.GET_TABLE,
                        "databricks_get_table"));
    }

    /** The server's call for a logical operation; {@code tools/list} is the same everywhere. */
    public Optional<Operation> translate(Operation logical) {
        if (logical.isListTools()) {
            return Optional.of(logical);
        }
        String tool = tools.get(logical.tool());
        return tool == null ? Optional.empty() : Optional.of(new Operation(logical.name(), tool, logical.arguments()));
    }

    /** For the report: which call of this server stands for the logical one. */
    public String describe(Operation logical) {
        return translate(logical)
                .map(op -> "`" + op.tool() + "("
                        + String.join(
                                ", ", op.arguments().keySet().stream().sorted().toList()) + ")`")
                .orElse("none");
    }

    private static Map<String, String> identity(String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        List.of(names).forEach(n -> m.put(n, n));
        return m;
    }
}
