package io.lakegate.emulator.http;

import java.time.Duration;

/**
 * A Databricks REST error: HTTP status plus the {@code error_code}/{@code message} body. {@code errorCode} is an Object
 * because legacy endpoints send the status as a number there.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Object errorCode;
    private final Duration retryAfter;

    public ApiException(int status, Object errorCode, String message) {
        this(status, errorCode, message, null);
    }

    public ApiException(int status, Object errorCode, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Object errorCode() {
        return errorCode;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public static ApiException invalidParameter(String message) {
        return new ApiException(400, "INVALID_PARAMETER_VALUE", message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException permissionDenied(String message) {
        return new ApiException(403, "PERMISSION_DENIED", message);
    }
}
