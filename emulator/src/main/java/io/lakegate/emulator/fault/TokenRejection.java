package io.lakegate.emulator.fault;

import io.lakegate.emulator.http.ApiException;
import java.time.Duration;
import java.time.Instant;

/**
 * How a workspace refuses a token that is invalid or has expired. Real Databricks has answered this in several
 * shapes over time, not only 401 (databrickslabs/splunk-integration#55 saw 403, then 400 ExpiredJwtException, then
 * 401 "Token is expired"), so a client that re-authenticates only on 401 keeps failing with a stale token.
 */
public enum TokenRejection {
    /** 401 {@code {"error_code":"UNAUTHENTICATED","message":"Token is expired."}}: the emulator's default. */
    UNAUTHENTICATED_401,
    /**
     * 403 {@code {"error_code":403,"message":"Invalid access token."}} with a numeric error_code
     * (databricks/databricks-sdk-go#873 and #917, header {@code X-Databricks-Reason-Phrase: Invalid access token.}).
     */
    INVALID_ACCESS_TOKEN_403,
    /** 403 {@code {"error_code":403,"message":"JWT has expired"}}, the short form seen for expired Entra tokens. */
    JWT_EXPIRED_403,
    /**
     * 400 with the JJWT exception text of an expired JWT (databricks/terraform-provider-databricks#2522:
     * "Error while parsing token: io.jsonwebtoken.ExpiredJwtException: JWT expired at ..."); the error_code of that
     * answer is not public, the numeric status is used like the other legacy authentication answers.
     */
    EXPIRED_JWT_400;

    /** The refusal, as the request pipeline renders it. */
    public ApiException error(Instant now) {
        return switch (this) {
            case UNAUTHENTICATED_401 -> new ApiException(401, "UNAUTHENTICATED", "Token is expired.");
            case INVALID_ACCESS_TOKEN_403 -> new ApiException(403, 403, "Invalid access token.");
            case JWT_EXPIRED_403 -> new ApiException(403, 403, "JWT has expired");
            case EXPIRED_JWT_400 -> {
                Instant expiredAt = now.minus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                yield new ApiException(
                        400,
                        400,
                        "Error while parsing token: io.jsonwebtoken.ExpiredJwtException: JWT expired"
                                + " at " + expiredAt + ". Current time: "
                                + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                + ", a difference of "
                                + Duration.between(expiredAt, now).toMillis() + " milliseconds.  Allowed clock"
                                + " skew: 0 milliseconds.");
            }
        };
    }
}
