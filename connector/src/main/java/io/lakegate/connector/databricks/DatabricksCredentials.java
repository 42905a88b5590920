package io.lakegate.connector.databricks;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import reactor.core.publisher.Mono;

/**
 * The Databricks token to use for one caller on one workspace. Every downstream call (REST and managed MCP) gets its
 * token here and nowhere else, so the identity mode is a single bean choice.
 */
public interface DatabricksCredentials {

    /** A token for the caller on the workspace; fails with {@link DatabricksCredentialsException} when none can be had. */
    Mono<String> token(CallerIdentity caller, Workspace workspace);

    /** Databricks rejected the token (401): forget any cached copy so the next call obtains a fresh one. */
    void invalidate(CallerIdentity caller, Workspace workspace);

    /**
     * Whether {@link #invalidate} can make the next {@link #token} differ (a fresh exchange), so that a call refused
     * with 401 is worth one retry. False when the token is fixed (the development mode passes the caller's own).
     */
    default boolean refreshable() {
        return false;
    }
}
