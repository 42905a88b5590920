package io.lakegate.connector.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class DatabricksErrorsTest {

    /** The bodies real workspaces send for an invalid or expired token (sources in DatabricksApiException). */
    @Test
    void staleTokenFamilyIsRecognisedWhateverTheStatus() {
        assertThat(DatabricksErrors.fromResponse(
                                403, null, "{\"error_code\":403,\"message\":\"Invalid access token.\"}")
                        .isStaleToken())
                .isTrue();
        assertThat(DatabricksErrors.fromResponse(403, null, "{\"error_code\":403,\"message\":\"JWT has expired\"}")
                        .isStaleToken())
                .isTrue();
        assertThat(DatabricksErrors.fromResponse(
                                403,
                                null,
                                "{\"error_code\":403,\"message\":\"Token is expiring within 30 seconds. (token expired)\"}")
                        .isStaleToken())
                .isTrue();
        assertThat(DatabricksErrors.fromResponse(
                                400,
                                null,
                                "{\"error_code\":400,\"message\":\"Error while parsing token: "
                                        + "io.jsonwebtoken.ExpiredJwtException: JWT expired at 2023-03-02T21:43:10Z. Current time: "
                                        + "2023-07-27T15:45:29Z, a difference of 12679339053 milliseconds.  Allowed clock skew: 0 milliseconds\"}")
                        .isStaleToken())
                .isTrue();
        assertThat(DatabricksErrors.fromResponse(
                                401, null, "{\"error_code\":401,\"message\":\"Credential was not sent\"}")
                        .isStaleToken())
                .isTrue();
        // permissions and bad requests are not about the token
        assertThat(DatabricksErrors.fromResponse(
                                403,
                                null,
                                "{\"error_code\":\"PERMISSION_DENIED\",\"message\":"
                                        + "\"User does not have USE CATALOG on Catalog 'hr'.\"}")
                        .isStaleToken())
                .isFalse();
        assertThat(DatabricksErrors.fromResponse(
                                400,
                                null,
                                "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":" + "\"Invalid page token\"}")
                        .isStaleToken())
                .isFalse();
        assertThat(DatabricksErrors.fromResponse(
                                404, null, "{\"error_code\":\"NOT_FOUND\",\"message\":" + "\"Invalid access token.\"}")
                        .isStaleToken())
                .isFalse();
    }

    @Test
    void stringErrorCode() {
        DatabricksApiException e = DatabricksErrors.fromResponse(
                404, null, "{\"error_code\":\"TABLE_DOES_NOT_EXIST\",\"message\":\"Table 'a.b.c' does not exist.\"}");
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo("TABLE_DOES_NOT_EXIST");
        assertThat(e.getMessage()).isEqualTo("Table 'a.b.c' does not exist.");
        assertThat(e.isNotFound()).isTrue();
    }

    @Test
    void integerErrorCodeIsKeptAsText() {
        DatabricksApiException e = DatabricksErrors.fromResponse(
                401,
                null,
                "{\"error_code\":401,\"message\":\"Credential was not sent or was of an unsupported type for this API.\"}");
        assertThat(e.errorCode()).isEqualTo("401");
        assertThat(e.getMessage()).startsWith("Credential was not sent");
    }

    @Test
    void legacyScimAndHtmlBodies() {
        assertThat(DatabricksErrors.fromResponse(400, null, "{\"error\":\"bad thing\"}")
                        .getMessage())
                .isEqualTo("bad thing");
        assertThat(DatabricksErrors.fromResponse(
                                404, null, "{\"schemas\":[],\"detail\":\"User not found\",\"status\":\"404\"}")
                        .getMessage())
                .isEqualTo("User not found");
        DatabricksApiException html =
                DatabricksErrors.fromResponse(403, null, "<html><body>denied by IP ACL</body></html>");
        assertThat(html.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(html.getMessage()).isEqualTo("HTTP 403 from Databricks").doesNotContain("html");
    }

    @Test
    void retryAfterSecondsDateOrAbsent() {
        assertThat(DatabricksErrors.fromResponse(
                                429, "2", "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"slow\"}")
                        .retryAfter())
                .contains(Duration.ofSeconds(2));
        assertThat(DatabricksErrors.fromResponse(429, null, "").retryAfter()).isEmpty();
        assertThat(DatabricksErrors.fromResponse(429, null, "").errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        String in30s = ZonedDateTime.now().plusSeconds(30).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(DatabricksErrors.retryAfter(in30s).toSeconds()).isBetween(25L, 30L);
        assertThat(DatabricksErrors.retryAfter("soon")).isNull();
    }

    @Test
    void longMessagesAreCutToOneLine() {
        String longMessage = "x\n".repeat(1000);
        String message = DatabricksErrors.fromResponse(
                        500, null, "{\"message\":\"" + longMessage.replace("\n", "\\n") + "\"}")
                .getMessage();
        assertThat(message).doesNotContain("\n").hasSizeLessThanOrEqualTo(DatabricksErrors.MAX_MESSAGE + 1);
    }
}
