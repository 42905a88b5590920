package io.lakegate.connector.tools;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import java.util.Map;

/**
 * One tool invocation as it flows through the {@link ToolInvoker} pipeline, from the stages to the tool. Never a
 * token apart from the one inside {@code caller}, which only credential implementations read.
 *
 * @param toolName the MCP tool name
 * @param caller who calls (from the MCP transport context of this very request)
 * @param workspace the resolved target workspace
 * @param arguments the call's arguments, already validated against the tool's input schema
 * @param sessionId MCP session id, for correlation only
 */
public record ToolCall(
        String toolName, CallerIdentity caller, Workspace workspace, ToolArguments arguments, String sessionId) {

    public Map<String, Object> rawArguments() {
        return arguments.asMap();
    }

    /** The per-user key (the caller's subject); null only for a call refused as unauthenticated. */
    public String user() {
        return caller == null ? null : caller.subject();
    }

    public String clientId() {
        return caller == null ? null : caller.clientId();
    }

    /** The target workspace's name, null when it was not resolved (or the tool spans workspaces). */
    public String workspaceName() {
        return workspace == null ? null : workspace.name();
    }
}
