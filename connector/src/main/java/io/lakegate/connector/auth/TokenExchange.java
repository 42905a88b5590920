package io.lakegate.connector.auth;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import reactor.core.publisher.Mono;

/**
 * One way of turning a user assertion into a Databricks token for a workspace (on-behalf-of, token federation).
 * Failures are {@link io.lakegate.connector.databricks.DatabricksCredentialsException}s whose message names the
 * identity provider's {@code error} code and never contains a token or a raw response body.
 */
public interface TokenExchange {

    /** The registry's {@code identity.mode} this exchange serves. */
    String workspaceMode();

    Mono<ExchangedToken> exchange(CallerIdentity caller, Workspace workspace, String assertion);
}
