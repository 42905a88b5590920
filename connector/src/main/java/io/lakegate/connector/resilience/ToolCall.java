package io.lakegate.connector.resilience;

import java.util.Map;

/**
 * What the protection pipeline needs to know about one tool call. No token: identity is the subject key ({@code oid}
 * claim, else {@code sub}) and the OAuth client id.
 *
 * @param workspace the target workspace name, or {@code null} for tools that span workspaces
 * @param readOnly  only read-only calls are shared by the dedup stage
 */
public record ToolCall(String user, String clientId, String workspace, String tool, Map<String, Object> arguments,
        boolean readOnly, String sessionId) {

    public ToolCall {
        arguments = arguments == null ? Map.of() : arguments;
    }
}
