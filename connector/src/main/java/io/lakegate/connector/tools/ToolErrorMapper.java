package io.lakegate.connector.tools;

import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last step of the pipeline: any failure becomes a tool result with {@code isError: true}, a stable code and a
 * message a model can act on. Unexpected exceptions are logged with a reference and answered with that reference
 * only, never with their message or stack trace.
 */
@Component
public class ToolErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ToolErrorMapper.class);

    public CallToolResult toResult(String toolName, Throwable failure) {
        if (failure instanceof ToolException e) {
            CallToolResult result = result(e.code(), e.getMessage(), null);
            if (e.details().isEmpty()) {
                return result;
            }
            Map<String, Object> details = new LinkedHashMap<>(e.details());
            details.put("code", e.code().name());
            details.put("message", e.getMessage());
            return ToolResults.error(e.code(), e.getMessage(), details);
        }
        if (failure instanceof DatabricksApiException e) {
            return fromDatabricks(e);
        }
        if (failure instanceof DatabricksCredentialsException e) {
            return result(ToolErrorCode.UNAUTHENTICATED, e.getMessage(), null);
        }
        String reference = UUID.randomUUID().toString();
        log.error("Tool {} failed unexpectedly [ref {}]", toolName, reference, failure);
        return result(ToolErrorCode.INTERNAL, "the connector failed unexpectedly (reference " + reference + ")", null);
    }

    private static CallToolResult fromDatabricks(DatabricksApiException e) {
        String upstream = "HTTP " + e.status() + " " + e.errorCode() + ": " + e.getMessage();
        if (e.status() == 429) {
            String when = e.retryAfter().map(d -> "Retry after " + seconds(d) + " s.")
                    .orElse("Databricks gave no Retry-After; wait a few seconds before retrying.");
            return result(ToolErrorCode.RATE_LIMITED, "Databricks is throttling requests (" + upstream + "). " + when,
                    e.retryAfter().orElse(null));
        }
        if (e.isStaleToken()) {
            // still refused after the one re-exchange: the caller's sign-in is the problem, not a permission
            return result(ToolErrorCode.UNAUTHENTICATED,
                    "Databricks rejected the caller's credentials (" + upstream + "). Sign in again.", null);
        }
        return switch (e.status()) {
            case 403 -> result(ToolErrorCode.PERMISSION_DENIED, "Databricks denied access (" + upstream + ").", null);
            case 404 -> result(ToolErrorCode.NOT_FOUND, "Databricks found nothing (" + upstream + ").", null);
            case 400 -> result(ToolErrorCode.INVALID_ARGUMENT, "Databricks rejected the request (" + upstream + ").", null);
            default -> result(ToolErrorCode.UPSTREAM_ERROR, "Databricks failed (" + upstream + "). "
                    + e.retryAfter().map(d -> "Retry after " + seconds(d) + " s.").orElse("Retry later."),
                    e.retryAfter().orElse(null));
        };
    }

    private static CallToolResult result(ToolErrorCode code, String message, Duration retryAfter) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", code.name());
        details.put("message", message);
        if (retryAfter != null) {
            details.put("retry_after_seconds", seconds(retryAfter));
        }
        return ToolResults.error(code, message, details);
    }

    private static long seconds(Duration d) {
        return Math.max(0, (d.toMillis() + 999) / 1000);
    }
}
