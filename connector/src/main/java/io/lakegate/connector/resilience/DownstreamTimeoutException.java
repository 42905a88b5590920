package io.lakegate.connector.resilience;

import java.time.Duration;

/** Databricks or the identity provider did not answer in time. */
public final class DownstreamTimeoutException extends ResilienceException {

    public DownstreamTimeoutException(String what, Duration timeout) {
        super(
                "UPSTREAM_ERROR",
                "%s did not answer within %d s; retry after %d s"
                        .formatted(what, Math.max(1, timeout.toSeconds()), Math.max(1, timeout.toSeconds())),
                timeout);
    }
}
