package io.lakegate.connector.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One tool call, as the audit trail records it. Never the raw arguments (only their digest), never a token.
 *
 * @param outcome {@code success}, {@code tool_error}, {@code rate_limited}, {@code unavailable}, {@code error},
 *                {@code cancelled} (client went away)
 */
public record AuditEvent(
        String eventId,
        Instant timestamp,
        String user,
        String clientId,
        String workspace,
        String tool,
        String argumentsSha256,
        String outcome,
        String errorCode,
        long latencyMillis,
        String traceId,
        String sessionId) {

    public static AuditEvent of(
            Instant timestamp,
            String user,
            String clientId,
            String workspace,
            String tool,
            String argumentsSha256,
            String outcome,
            String errorCode,
            long latencyMillis,
            String traceId,
            String sessionId) {
        return new AuditEvent(
                UUID.randomUUID().toString(),
                timestamp,
                user,
                clientId,
                workspace,
                tool,
                argumentsSha256,
                outcome,
                errorCode,
                latencyMillis,
                traceId,
                sessionId);
    }
}
