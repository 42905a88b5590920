package io.lakegate.connector.databricks;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /**
     * Messages of Databricks' refusals of a token that is invalid or expired, whatever status carries them: 401, and
     * also 403 {@code {"error_code":403,"message":"Invalid access token."}} (databricks/databricks-sdk-go#873,
     * #917), 403 "Token is expiring within 30 seconds. (token expired)" (databricks/databricks-vscode#583), 403
     * "JWT has expired", and 400 "Error while parsing token: io.jsonwebtoken.ExpiredJwtException: JWT expired at ..."
     * (databricks/terraform-provider-databricks#2522; databrickslabs/splunk-integration#55 saw 403, then 400, then
     * 401 over time). A 403 about permissions ("User does not have ...") does not match.
     */
    private static final Pattern STALE_TOKEN = Pattern.compile(
            "invalid access token|jwt (has )?expired|expiredjwtexception|token (is )?expired|token is expiring",
            Pattern.CASE_INSENSITIVE);

    /**
     * The token was refused as invalid or expired (not the caller's permissions): a fresh token may work, so the
     * cached one is dropped and the call retried once, exactly as for a 401.
     */
    public boolean isStaleToken() {
        if (status == 401) {
            return true;
        }
        return (status == 403 || status == 400)
                && getMessage() != null
                && STALE_TOKEN.matcher(getMessage()).find();
    }

    public boolean isNotFound() {
        return status == 404
                || errorCode != null
                        && (errorCode.endsWith("DOES_NOT_EXIST")
                                || "NOT_FOUND".equals(errorCode)
                                || "ENDPOINT_NOT_FOUND".equals(errorCode));
    }

    /**
     * Missing, or refused for the caller (403): both mean "not there" to a caller. A 403 about a stale token is not
     * about the object (it survived the one re-exchange and must surface as such, not as a missing object).
     */
    public boolean isMissingForCaller() {
        return isNotFound() || status == 403 && !isStaleToken();
    }
}
