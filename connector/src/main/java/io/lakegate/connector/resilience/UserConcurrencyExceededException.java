package io.lakegate.connector.resilience;

import java.time.Duration;

/** The user already has the maximum number of tool calls in flight on this replica, or his share of a busy one. */
public final class UserConcurrencyExceededException extends ResilienceException {

    public UserConcurrencyExceededException(int maxConcurrent) {
        super(
                "RATE_LIMITED",
                "Too many concurrent tool calls for this user (at most %d at a time); retry after 1 s"
                        .formatted(maxConcurrent),
                Duration.ofSeconds(1));
    }

    private UserConcurrencyExceededException(String message) {
        super("RATE_LIMITED", message, Duration.ofSeconds(1));
    }

    /** The replica is busy and the user already holds his fair share of it. */
    static UserConcurrencyExceededException overShare(int inFlight) {
        return new UserConcurrencyExceededException(("The connector is busy and this user already has his share of it"
                        + " (%d tool calls in flight); retry after 1 s")
                .formatted(inFlight));
    }
}
