package io.lakegate.connector.resilience;

import java.util.Map;

/**
 * What the protection pipeline needs to know about one tool call. No token: identity is the subject key ({@code oid}
 * claim, else {@code sub}) and the OAuth client id.
 *
 * @param workspace the target workspace name, or {@code null} for tools that span workspaces
 * @param sharing   how the dedup stage may share this call with identical ones
 */
public record ToolCall(String user, String clientId, String workspace, String tool, Map<String, Object> arguments,
        Sharing sharing, String sessionId) {

    /** How identical calls by the same user may share one upstream call. */
    public enum Sharing {
        /** Never: the call may change something. */
        NONE,
        /** Only while it runs: a read of upstream state that moves on its own (a Genie message, a statement). */
        IN_FLIGHT,
        /** While it runs and for the dedup TTL after: a read of slowly changing metadata. */
        RESULT
    }

    public ToolCall {
        arguments = arguments == null ? Map.of() : arguments;
    }
}
