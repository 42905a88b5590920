package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Optional;

/** Discriminated union: {@code mode} names the one arm that must be present. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.onBehalfOf) != has(self.tokenFederation)",
        message = "identity must set exactly one of onBehalfOf or tokenFederation: the connector uses a single way to "
                + "obtain user tokens per workspace")
@ValidationRule(
        value = "self.mode == 'OnBehalfOf' ? has(self.onBehalfOf) : !has(self.onBehalfOf)",
        message = "identity.onBehalfOf must be set when, and only when, identity.mode is OnBehalfOf")
@ValidationRule(
        value = "self.mode == 'TokenFederation' ? has(self.tokenFederation) : !has(self.tokenFederation)",
        message = "identity.tokenFederation must be set when, and only when, identity.mode is TokenFederation")
public class WorkspaceIdentity {
    @Required
    @JsonPropertyDescription(
            "OnBehalfOf (Entra ID, Azure only) or TokenFederation (Databricks OAuth token federation).")
    private IdentityMode mode;

    private OnBehalfOfIdentity onBehalfOf;
    private TokenFederationIdentity tokenFederation;

    public IdentityMode getMode() {
        return mode;
    }

    public void setMode(IdentityMode mode) {
        this.mode = mode;
    }

    public OnBehalfOfIdentity getOnBehalfOf() {
        return onBehalfOf;
    }

    public void setOnBehalfOf(OnBehalfOfIdentity onBehalfOf) {
        this.onBehalfOf = onBehalfOf;
    }

    public TokenFederationIdentity getTokenFederation() {
        return tokenFederation;
    }

    public void setTokenFederation(TokenFederationIdentity tokenFederation) {
        this.tokenFederation = tokenFederation;
    }

    /** The client secret the connector needs for this identity, if any. */
    public Optional<SecretKeyRef> clientSecretRef() {
        if (onBehalfOf != null) {
            return Optional.ofNullable(onBehalfOf.getClientSecretRef());
        }
        return tokenFederation == null ? Optional.empty() : Optional.ofNullable(tokenFederation.getClientSecretRef());
    }
}
