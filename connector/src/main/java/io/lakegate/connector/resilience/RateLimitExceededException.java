package io.lakegate.connector.resilience;

import java.time.Duration;

/** A caller went over one of its rate limits; HTTP 429 at the transport, a tool error at the tool layer. */
public final class RateLimitExceededException extends ResilienceException {

    private final RateLimitScope scope;

    public RateLimitExceededException(
            RateLimitScope scope, String key, int limitPerWindow, Duration window, Duration retryAfter) {
        super(
                "RATE_LIMITED",
                "Rate limit for %s '%s' exceeded (%d calls per %s on this replica); retry after %d s"
                        .formatted(scope.label(), key, limitPerWindow, human(window), seconds(retryAfter)),
                retryAfter);
        this.scope = scope;
    }

    public RateLimitScope scope() {
        return scope;
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() > 0 ? d.toMinutes() + " min" : d.toMillis() + " ms";
    }
}
