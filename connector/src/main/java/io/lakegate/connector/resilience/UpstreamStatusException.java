package io.lakegate.connector.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * An idempotent read answered with a retryable status (429, 502, 503, 504). Internal to the retry loop: once the
 * attempts are used up it is replaced by a {@link ResilienceException} the client understands.
 */
sealed class UpstreamStatusException extends RuntimeException {

    final int status;
    final Duration retryAfter;

    UpstreamStatusException(int status, Duration retryAfter) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    static UpstreamStatusException of(int status, Duration retryAfter) {
        return status == 429 ? new Throttled(retryAfter) : new UpstreamStatusException(status, retryAfter);
    }

    /** 429: Databricks is throttling, not failing. */
    static final class Throttled extends UpstreamStatusException {
        Throttled(Duration retryAfter) {
            super(429, retryAfter);
        }
    }
}
