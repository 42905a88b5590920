package io.lakegate.emulator.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * Reads tool arguments the way Databricks' managed MCP servers validate them: a missing or mistyped argument is a
 * JSON-RPC error (invalid params) whose message starts with {@code BAD_REQUEST:}.
 */
final class ToolArgs {

    private ToolArgs() {}

    static String required(McpSchema.CallToolRequest req, String name) {
        Object v = args(req).get(name);
        if (v == null) {
            throw badRequest("Missing parameter value for '" + name + "'.");
        }
        if (!(v instanceof String s)) {
            throw badRequest("Parameter '" + name + "' is malformed: expected a string.");
        }
        if (s.isBlank()) {
            throw badRequest("Missing parameter value for '" + name + "'.");
        }
        return s;
    }

    static String optional(McpSchema.CallToolRequest req, String name) {
        Object v = args(req).get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw badRequest("Parameter '" + name + "' is malformed: expected a string.");
        }
        return s.isBlank() ? null : s;
    }

    static void onlyKnown(McpSchema.CallToolRequest req, String... known) {
        for (String key : args(req).keySet()) {
            if (!java.util.Arrays.asList(known).contains(key)) {
                throw badRequest("Unknown parameter '" + key + "' for tool " + req.name() + ".");
            }
        }
    }

    private static Map<String, Object> args(McpSchema.CallToolRequest req) {
        return req.arguments() == null ? Map.of() : req.arguments();
    }

    static McpError badRequest(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                .message("BAD_REQUEST: " + message)
                .build();
    }
}
