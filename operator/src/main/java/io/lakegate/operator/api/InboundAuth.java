package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** How MCP clients authenticate to the connector (OAuth 2.1 bearer tokens, RFC 9728 metadata). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InboundAuth {
    @Required
    @Size(max = 512)
    @Pattern("^https?://\\S+$")
    @JsonPropertyDescription("OIDC issuer whose tokens the connector accepts.")
    private String issuer;

    @Required
    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Audience (resource) the tokens must carry.")
    private String audience;

    @Size(max = 16)
    @JsonPropertyDescription("Scopes a token must hold to call tools.")
    private List<String> scopes;

    @JsonPropertyDescription("Serve as the OAuth authorization server clients see, in front of the issuer (which then "
            + "names the upstream identity provider; clients' tokens come from publicUrl).")
    private OAuthProxy oauthProxy;

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    public OAuthProxy getOauthProxy() {
        return oauthProxy;
    }

    public void setOauthProxy(OAuthProxy oauthProxy) {
        this.oauthProxy = oauthProxy;
    }
}
