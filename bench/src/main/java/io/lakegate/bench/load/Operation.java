package io.lakegate.bench.load;

import java.util.Map;

/**
 * A benchmarked request: an MCP method or tool with its arguments. REST users translate it into the Databricks requests
 * the tool makes.
 *
 * @param name      label in the report (the tool name, or {@code tools/list})
 * @param tool      the tool to call; null for {@code tools/list}
 * @param arguments tool arguments
 */
public record Operation(String name, String tool, Map<String, Object> arguments) {

    public static Operation listTools() {
        return new Operation("tools/list", null, Map.of());
    }

    public static Operation tool(String tool, Map<String, Object> arguments) {
        return new Operation(tool, tool, Map.copyOf(arguments));
    }

    public boolean isListTools() {
        return tool == null;
    }
}
