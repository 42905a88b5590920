package io.lakegate.connector.resilience;

import java.time.Duration;

/** A workspace is failing (circuit open, or still failing after the retries); the client should come back later. */
public final class WorkspaceUnavailableException extends ResilienceException {

    public WorkspaceUnavailableException(String workspace, String reason, Duration retryAfter) {
        super(
                "UPSTREAM_ERROR",
                "Workspace '%s' is failing (%s); retry after %d s"
                        .formatted(workspace, reason, Math.max(1, (retryAfter.toMillis() + 999) / 1000)),
                retryAfter);
    }
}
