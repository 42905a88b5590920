package io.lakegate.connector.resilience;

import java.time.Duration;

/** Databricks answered 429 and asked for a wait longer than Lakegate waits on the caller's behalf. */
public final class DownstreamThrottledException extends ResilienceException {

    public DownstreamThrottledException(String workspace, Duration retryAfter) {
        super(
                "RATE_LIMITED",
                "Workspace '%s' is throttling requests (HTTP 429); retry after %d s"
                        .formatted(workspace, Math.max(1, (retryAfter.toMillis() + 999) / 1000)),
                retryAfter);
    }
}
