package io.lakegate.connector.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * A call refused or abandoned on purpose to protect the connector or Databricks. Its message is written for the MCP
 * client (it names the limit or the failing workspace and when to come back) and never carries a token or arguments.
 */
public abstract class ResilienceException extends RuntimeException {

    private final String code;
    private final Duration retryAfter;

    protected ResilienceException(String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /**
     * Stable machine-readable reason from the tools' error vocabulary ({@code ToolErrorCode}): {@code RATE_LIMITED}
     * (a Lakegate limit or Databricks throttling) or {@code UPSTREAM_ERROR} (workspace failing, timed out).
     */
    public String code() {
        return code;
    }

    /** When the client may try again, if known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whole seconds to wait, rounded up, at least 1: the value of a Retry-After header. */
    public long retryAfterSeconds() {
        return retryAfter == null ? 1 : wholeSeconds(retryAfter);
    }

    /** {@code d} in whole seconds, rounded up, at least 1: what messages and the Retry-After header say. */
    protected static long wholeSeconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
