package io.lakegate.connector.oauth;

import org.springframework.http.HttpStatus;

/** An RFC 6749 error: {@code error} code, a description safe to show the client, and the HTTP status. */
public class OAuthError extends RuntimeException {

    private final String error;
    private final HttpStatus status;

    public OAuthError(String error, String description, HttpStatus status) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, HttpStatus.BAD_REQUEST);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError("invalid_grant", description, HttpStatus.BAD_REQUEST);
    }

    public static OAuthError invalidClient(String description) {
        return new OAuthError("invalid_client", description, HttpStatus.UNAUTHORIZED);
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public HttpStatus status() {
        return status;
    }
}
