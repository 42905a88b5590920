package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** Databricks OAuth token federation: the caller's IdP token is exchanged (RFC 8693) for a Databricks token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TokenFederationIdentity {
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Databricks service principal client id named in a service-principal federation policy. "
            + "Calls are then made as that service principal, not as the signed-in user: omit it for per-user access "
            + "through an account-wide federation policy.")
    private String clientId;

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Audience the exchanged token must carry; defaults to the Databricks account id policy.")
    private String audience;

    @JsonPropertyDescription("Optional Secret key with a client secret used to authenticate the exchange.")
    private SecretKeyRef clientSecretRef;

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public SecretKeyRef getClientSecretRef() {
        return clientSecretRef;
    }

    public void setClientSecretRef(SecretKeyRef clientSecretRef) {
        this.clientSecretRef = clientSecretRef;
    }
}
