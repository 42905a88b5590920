package io.lakegate.connector.tools;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import java.util.Map;

/**
 * One tool invocation as it flows through the {@link ToolInvoker} pipeline.
 *
 * @param toolName the MCP tool name
 * @param caller who calls (from the MCP transport context of this very request)
 * @param workspace the resolved target workspace
 * @param arguments the call's arguments, already validated against the tool's input schema
 * @param sessionId MCP session id, for correlation only
 */
public record ToolCall(String toolName, CallerIdentity caller, Workspace workspace, ToolArguments arguments,
        String sessionId) {

    public Map<String, Object> rawArguments() {
        return arguments.asMap();
    }
}
