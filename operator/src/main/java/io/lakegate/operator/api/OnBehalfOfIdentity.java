package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Entra ID confidential client that performs the on-behalf-of exchange for Azure Databricks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OnBehalfOfIdentity {
    @Required
    @Size(min = 1, max = 128)
    @Pattern("^[A-Za-z0-9][A-Za-z0-9.-]*$")
    @JsonPropertyDescription("Entra ID tenant id (GUID) or verified domain.")
    private String tenantId;

    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Application (client) id of the connector's Entra app registration.")
    private String clientId;

    @Required
    @JsonPropertyDescription("Secret key holding the app registration's client secret.")
    private SecretKeyRef clientSecretRef;

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public SecretKeyRef getClientSecretRef() {
        return clientSecretRef;
    }

    public void setClientSecretRef(SecretKeyRef clientSecretRef) {
        this.clientSecretRef = clientSecretRef;
    }
}
