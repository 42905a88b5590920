package io.lakegate.connector.tools;

import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.lakegate.connector.resilience.ResilienceException;
import io.lakegate.connector.sci.SciKnowledgeUnavailableException;
import io.lakegate.connector.workspace.NoAccessibleWorkspaceException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place where a failure becomes a tool result with {@code isError: true}, a stable code and a message a model
 * can act on: the tools' own {@link ToolException}s, and the exceptions of the packages below the pipeline
 * (databricks, resilience, sci, workspace), which know nothing of tools. Unexpected exceptions are logged with a
 * reference and answered with that reference only, never with their message or stack trace.
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
        if (failure instanceof ResilienceException e) {
            return refusal(e);
        }
        if (failure instanceof DatabricksApiException e) {
            return fromDatabricks(e);
        }
        if (failure instanceof SciKnowledgeUnavailableException e) {
            return result(ToolErrorCode.UPSTREAM_ERROR, e.getMessage(), null);
        }
        if (failure instanceof NoAccessibleWorkspaceException e) {
            return result(ToolErrorCode.INVALID_ARGUMENT, e.getMessage(), null);
        }
        if (failure instanceof DatabricksCredentialsException e) {
            return result(ToolErrorCode.UNAUTHENTICATED, e.getMessage(), null);
        }
        String reference = UUID.randomUUID().toString();
        log.error("Tool {} failed unexpectedly [ref {}]", toolName, reference, failure);
        return result(ToolErrorCode.INTERNAL, "the connector failed unexpectedly (reference " + reference + ")", null);
    }

    /**
     * A call refused or abandoned to protect the connector or Databricks (rate limit, open circuit, timeout,
     * throttling): the reason and, always, {@code retry_after_seconds} when the refusal knows when to come back.
     */
    private static CallToolResult refusal(ResilienceException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", e.code());
        details.put("message", e.getMessage());
        e.retryAfter().ifPresent(d -> details.put("retry_after_seconds", e.retryAfterSeconds()));
        return CallToolResult.builder()
                .content(List.of(new TextContent(e.code() + ": " + e.getMessage())))
                .isError(true)
                .structuredContent(Map.of("error", details))
                .build();
    }

    private static CallToolResult fromDatabricks(DatabricksApiException e) {
        String upstream = "HTTP " + e.status() + " " + e.errorCode() + ": " + e.getMessage();
        if (e.status() == 429) {
            String when = e.retryAfter()
                    .map(d -> "Retry after " + seconds(d) + " s.")
                    .orElse("Databricks gave no Retry-After; wait a few seconds before retrying.");
            return result(
                    ToolErrorCode.RATE_LIMITED,
                    "Databricks is throttling requests (" + upstream + "). " + when,
                    e.retryAfter().orElse(null));
        }
        if (e.isStaleToken()) {
            // still refused after the one re-exchange: the caller's sign-in is the problem, not a permission
            return result(
                    ToolErrorCode.UNAUTHENTICATED,
                    "Databricks rejected the caller's credentials (" + upstream + "). Sign in again.",
                    null);
        }
        return switch (e.status()) {
            case 403 -> result(ToolErrorCode.PERMISSION_DENIED, "Databricks denied access (" + upstream + ").", null);
            case 404 -> result(ToolErrorCode.NOT_FOUND, "Databricks found nothing (" + upstream + ").", null);
            case 400 ->
                result(ToolErrorCode.INVALID_ARGUMENT, "Databricks rejected the request (" + upstream + ").", null);
            default ->
                result(
                        ToolErrorCode.UPSTREAM_ERROR,
                        "Databricks failed (" + upstream + "). "
                                + e.retryAfter()
                                        .map(d -> "Retry after " + seconds(d) + " s.")
                                        .orElse("Retry later."),
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
