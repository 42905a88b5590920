package io.lakegate.connector.databricks;

import java.time.Duration;
import java.util.Optional;

/**
 * A Databricks REST or managed-MCP call failed. {@code errorCode} is the string from the error body (a numeric code is
 * kept as its decimal text); the message is the upstream message, trimmed, never a request or a token.
 */
public class DatabricksApiException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final Duration retryAfter;

    public DatabricksApiException(int status, String errorCode, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isNotFound() {
        return status == 404 || errorCode != null && (errorCode.endsWith("DOES_NOT_EXIST") || "NOT_FOUND".equals(errorCode)
                || "ENDPOINT_NOT_FOUND".equals(errorCode));
    }
}
