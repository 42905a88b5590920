package io.lakegate.connector.mcp;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the auth-mode refusal as a short explanation instead of a stack trace. */
public class UnsupportedAuthModeFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedAuthModeException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedAuthModeException cause) {
        return new FailureAnalysis(
                "The connector cannot obtain per-user Databricks tokens: " + cause.getMessage() + ".",
                "Set lakegate.auth.mode (environment LAKEGATE_AUTH_MODE) to an implemented identity mode. Implemented "
                        + "now: 'oauth' (OAuth resource server; per-user Databricks tokens by Entra on-behalf-of or "
                        + "Databricks token federation, see lakegate.auth.*) and 'dev-emulator-token' (local development only: the client's bearer must be a token issued "
                        + "by the Databricks emulator and is used as the Databricks token).",
                cause);
    }
}
