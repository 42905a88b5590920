package io.lakegate.connector.databricks;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a failed Databricks response into a {@link DatabricksApiException}. Accepts every error shape Databricks is
 * known to send: {@code {"error_code","message"}} with a string or integer code, API 1.2 {@code {"error"}}, SCIM
 * {@code {"detail","status"}} and non-JSON bodies (HTML behind private link), which are never echoed.
 */
public final class DatabricksErrors {

    static final int MAX_MESSAGE = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DatabricksErrors() {}

    public static DatabricksApiException fromResponse(int status, String retryAfterHeader, String body) {
        String code = null;
        String message = null;
        JsonNode root = parse(body);
        if (root != null && root.isObject()) {
            JsonNode codeNode = root.get("error_code");
            if (codeNode != null && (codeNode.isString() || codeNode.isNumber())) {
                code = codeNode.isString() ? codeNode.stringValue() : codeNode.asString();
            }
            message = firstText(root, "message", "error", "detail");
        }
        if (code == null || code.isBlank()) {
            code = defaultCode(status);
        }
        if (message == null || message.isBlank()) {
            message = "HTTP " + status + " from Databricks";
        }
        return new DatabricksApiException(status, code, trim(message), retryAfter(retryAfterHeader));
    }

    /** Retry-After is either delta-seconds or an HTTP-date; Databricks sometimes sends none. */
    public static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait.withNanos(0);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "INVALID_PARAMETER_VALUE";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "RESOURCE_CONFLICT";
            case 429 -> "REQUEST_LIMIT_EXCEEDED";
            case 501 -> "NOT_IMPLEMENTED";
            case 503 -> "TEMPORARILY_UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + status;
        };
    }

    /** One line, at most {@value #MAX_MESSAGE} characters; null becomes an empty string. */
    public static String trimmed(String message) {
        return message == null ? "" : trim(message);
    }

    static String trim(String message) {
        String oneLine = message.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static String firstText(JsonNode root, String... fields) {
        for (String field : fields) {
            JsonNode value = root.get(field);
            if (value != null && value.isString() && !value.stringValue().isBlank()) {
                return value.stringValue();
            }
        }
        return null;
    }
}
