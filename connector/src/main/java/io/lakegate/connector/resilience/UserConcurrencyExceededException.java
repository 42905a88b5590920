package io.lakegate.connector.resilience;

import java.time.Duration;

/** The user already has the maximum number of tool calls in flight on this replica. */
public final class UserConcurrencyExceededException extends ResilienceException {

    public UserConcurrencyExceededException(int maxConcurrent) {
        super("RATE_LIMITED", "Too many concurrent tool calls for this user (at most %d at a time); retry after 1 s"
                .formatted(maxConcurrent), Duration.ofSeconds(1));
    }
}
