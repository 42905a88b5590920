package io.lakegate.connector.workspace;

/**
 * Identity settings the operator renders into a registry entry's {@code identity} object, next to {@code mode}. All
 * optional: the connector's {@code lakegate.auth.*} properties supply defaults. Secret values never appear here, only
 * the name of the environment variable that holds the workspace's client secret.
 *
 * @param tenantId Entra tenant of the on-behalf-of exchange ({@code obo})
 * @param clientId the connector's application (client) id at the identity provider ({@code obo}), or the service
 *        principal id sent with a federation exchange ({@code federation})
 * @param audience audience the federation policy expects ({@code federation}); informational for the connector
 * @param clientSecretEnv name of the environment variable holding the client secret ({@code obo})
 */
public record WorkspaceIdentity(String tenantId, String clientId, String audience, String clientSecretEnv) {

    public static final WorkspaceIdentity NONE = new WorkspaceIdentity(null, null, null, null);
}
