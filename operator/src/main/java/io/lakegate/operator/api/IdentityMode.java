package io.lakegate.operator.api;

/** How the connector obtains a Databricks token for the signed-in user. */
public enum IdentityMode {
    /** Entra ID on-behalf-of flow (Azure Databricks only). */
    OnBehalfOf("obo"),
    /** Databricks OAuth token federation (RFC 8693 exchange of the caller's IdP token). */
    TokenFederation("federation");

    private final String registryName;

    IdentityMode(String registryName) {
        this.registryName = registryName;
    }

    /** The {@code identity.mode} value of the connector's workspace registry (docs/architecture.md). */
    public String registryName() {
        return registryName;
    }
}
