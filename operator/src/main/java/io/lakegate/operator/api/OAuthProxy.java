package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The connector as the OAuth authorization server MCP clients see, for identity providers without dynamic client
 * registration (Entra ID): clients register with the connector, users sign in at the upstream provider, and clients
 * receive the connector's own short-lived tokens bound to the stored upstream tokens.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OAuthProxy {
    @Required
    @Size(max = 512)
    @Pattern("^https?://[^/\\s]+(/\\S*[^/\\s])?$")
    @JsonPropertyDescription("Public base URL of the connector, without a trailing slash: the issuer of the tokens it "
            + "hands to clients; the MCP resource is <publicUrl>/mcp.")
    private String publicUrl;

    @Required
    @Size(max = 512)
    @Pattern("^https?://\\S+$")
    @JsonPropertyDescription(
            "Upstream authorize endpoint, e.g. https://login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize.")
    private String authorizationEndpoint;

    @Required
    @Size(max = 512)
    @Pattern("^https?://\\S+$")
    @JsonPropertyDescription(
            "Upstream token endpoint, e.g. https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token.")
    private String tokenEndpoint;

    @Required
    @Size(min = 1, max = 256)
    @JsonPropertyDescription("Client id of the connector's registration at the upstream provider.")
    private String clientId;

    @Required
    @JsonPropertyDescription("Client secret of that registration.")
    private SecretKeyRef clientSecretRef;

    @Size(max = 16)
    @JsonPropertyDescription("Scopes requested upstream; include the API scope whose token starts the on-behalf-of "
            + "exchange. Default: openid, profile, offline_access.")
    private List<String> scopes;

    @JsonPropertyDescription("RSA private key (PKCS#8 PEM) the connector signs client tokens with. Required with more "
            + "than one replica, so that every replica accepts every replica's tokens.")
    private SecretKeyRef signingKeySecretRef;

    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public String getAuthorizationEndpoint() {
        return authorizationEndpoint;
    }

    public void setAuthorizationEndpoint(String v) {
        this.authorizationEndpoint = v;
    }

    public String getTokenEndpoint() {
        return tokenEndpoint;
    }

    public void setTokenEndpoint(String tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
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

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    public SecretKeyRef getSigningKeySecretRef() {
        return signingKeySecretRef;
    }

    public void setSigningKeySecretRef(SecretKeyRef signingKeySecretRef) {
        this.signingKeySecretRef = signingKeySecretRef;
    }
}
