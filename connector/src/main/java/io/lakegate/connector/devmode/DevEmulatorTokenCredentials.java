package io.lakegate.connector.devmode;

import io.lakegate.connector.databricks.DatabricksCredentials;
import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.workspace.Workspace;
import reactor.core.publisher.Mono;

/**
 * Local development only: the caller's bearer IS a Databricks (emulator) token and is used as is. This is the one place
 * an inbound token is passed through, and only to workspaces whose registry entry says {@code identity.mode=dev-token},
 * so a misconfigured deployment cannot forward client tokens to a real workspace.
 */
public class DevEmulatorTokenCredentials implements DatabricksCredentials {

    public static final String WORKSPACE_MODE = "dev-token";

    @Override
    public Mono<String> token(CallerIdentity caller, Workspace workspace) {
        if (!WORKSPACE_MODE.equals(workspace.identityMode())) {
            return Mono.error(new DatabricksCredentialsException(
                    "workspace '" + workspace.name() + "' uses identity mode '" + workspace.identityMode()
                            + "', which the connector's local development mode cannot serve"));
        }
        if (caller.inboundToken() == null || caller.inboundToken().isBlank()) {
            return Mono.error(new DatabricksCredentialsException("the request carries no bearer token"));
        }
        return Mono.just(caller.inboundToken());
    }

    @Override
    public void invalidate(CallerIdentity caller, Workspace workspace) {
        // nothing cached: the client's own token is used on every call
    }
}
