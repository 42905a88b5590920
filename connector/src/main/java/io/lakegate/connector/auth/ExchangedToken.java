package io.lakegate.connector.auth;

import java.time.Duration;

/** A Databricks token obtained for one user; {@link #toString()} never shows the token. */
public record ExchangedToken(String accessToken, Duration expiresIn) {

    @Override
    public String toString() {
        return "ExchangedToken[expiresIn=" + expiresIn + "]";
    }
}
