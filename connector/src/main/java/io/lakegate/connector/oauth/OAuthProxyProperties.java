package io.lakegate.connector.oauth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lakegate.oauth-proxy.*}: Lakegate as the authorization server MCP clients see, in front of an upstream IdP. */
@ConfigurationProperties("lakegate.oauth-proxy")
public class OAuthProxyProperties {

    private boolean enabled = false;
    /** The connector's public base URL (no trailing slash): {@code iss} of issued tokens, base of every endpoint. */
    private String issuer;
    /** The protected resource ({@code aud}); default {@code <issuer>/mcp}. Clients must send it as RFC 8707 resource. */
    private String resource;
    /**
     * Scopes clients may request; the default when a client requests none. Unset: the resource server's scopes in
     * identity mode {@code oauth} (so proxy-issued tokens carry what the tools need), else {@code mcp:tools}.
     */
    private List<String> scopes = new ArrayList<>();

    private Duration accessTokenTtl = Duration.ofMinutes(10);
    /**
     * How long a replica trusts what it read about a grant: a revoked grant's access tokens stop working on every
     * replica at most this long after the revocation.
     */
    private Duration grantCheckTtl = Duration.ofSeconds(2);
    /** Lifetime of refresh tokens and of the grant (with the upstream tokens) behind them. */
    private Duration refreshTokenTtl = Duration.ofDays(14);

    private Duration codeTtl = Duration.ofSeconds(60);
    /** How long a user may take to sign in upstream. */
    private Duration pendingTtl = Duration.ofMinutes(10);
    /**
     * How long a browser remembers that its user approved a client (client_id and redirect URI) on the consent
     * page, so the page is not shown again for it; 0 = ask every time.
     */
    private Duration consentRememberFor = Duration.ofDays(30);
    /** RS256 signing key, PKCS#8 PEM (or its bare base64). Unset = generated at start (one replica only). */
    private String signingKey;

    private String signingKeyId;
    /** Client ID metadata documents: a client_id that is an https URL is fetched as the client's metadata. */
    private boolean clientMetadataDocuments = true;
    /**
     * Also fetch metadata documents from http://127.0.0.1 / localhost URLs (tests only; such URLs resolve to loopback,
     * so they also need client-metadata-allow-private-addresses).
     */
    private boolean clientMetadataAllowLoopbackHttp = false;
    /**
     * Also fetch metadata documents from hosts that resolve to loopback, private, link-local or other non-public
     * addresses. Tests and air-gapped development only: the URL is chosen by an unauthenticated caller, so this lets
     * anyone make the connector send requests into its own network.
     */
    private boolean clientMetadataAllowPrivateAddresses = false;

    private Duration clientMetadataCacheTtl = Duration.ofHours(1);
    /**
     * A dynamic registration that obtains no token for this long is forgotten: registration is open to anyone, so
     * without an end the store would only grow. Each token issued pushes the end back. Keep it above
     * refresh-token-ttl, or a client whose user only refreshes rarely is forgotten while its refresh token is valid.
     */
    private Duration clientIdleTtl = Duration.ofDays(30);

    private final Upstream upstream = new Upstream();
    private final RateLimits rateLimits = new RateLimits();

    /**
     * Requests per client address and {@code period} on the open endpoints, each replica counting on its own; over
     * it, 429 with Retry-After. {@code <= 0} = unlimited. The address is the TCP peer, so behind an ingress set
     * {@code server.forward-headers-strategy} or all clients share the ingress's count.
     */
    public static class RateLimits {
        private boolean enabled = true;
        private Duration period = Duration.ofMinutes(1);
        /** POST /oauth/register: each stores a registration. */
        private int register = 10;
        /** GET /oauth/authorize and POST /oauth/consent together: each stores a pending sign-in. */
        private int authorize = 60;
        /** POST /oauth/token. */
        private int token = 120;
        /** Addresses remembered per limit; past it the least recently seen are forgotten (their count restarts). */
        private long maxAddresses = 100_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean v) {
            this.enabled = v;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration v) {
            this.period = v;
        }

        public int getRegister() {
            return register;
        }

        public void setRegister(int v) {
            this.register = v;
        }

        public int getAuthorize() {
            return authorize;
        }

        public void setAuthorize(int v) {
            this.authorize = v;
        }

        public int getToken() {
            return token;
        }

        public void setToken(int v) {
            this.token = v;
        }

        public long getMaxAddresses() {
            return maxAddresses;
        }

        public void setMaxAddresses(long v) {
            this.maxAddresses = v;
        }
    }

    /** The identity provider users sign in at (e.g. Entra ID); Lakegate is its confidential client. */
    public static class Upstream {
        private String authorizationEndpoint;
        private String tokenEndpoint;
        private String clientId;
        private String clientSecret;
        /** Scopes requested upstream; include the API scope whose token the on-behalf-of exchange starts from. */
        private List<String> scopes = new ArrayList<>(List.of("openid", "profile", "offline_access"));
        /** Claims tried in order for the user's stable key (id token first, then the access token if a JWT). */
        private List<String> subjectClaims = new ArrayList<>(List.of("oid", "sub"));
        /** Upstream access tokens this close to expiry are refreshed before use. */
        private Duration refreshSkew = Duration.ofMinutes(2);

        public String getAuthorizationEndpoint() {
            return authorizationEndpoint;
        }

        public void setAuthorizationEndpoint(String v) {
            this.authorizationEndpoint = v;
        }

        public String getTokenEndpoint() {
            return tokenEndpoint;
        }

        public void setTokenEndpoint(String v) {
            this.tokenEndpoint = v;
        }

        public String getClientId() {
            return clientId;
        }

        public void setClientId(String v) {
            this.clientId = v;
        }

        public String getClientSecret() {
            return clientSecret;
        }

        public void setClientSecret(String v) {
            this.clientSecret = v;
        }

        public List<String> getScopes() {
            return scopes;
        }

        public void setScopes(List<String> v) {
            this.scopes = v;
        }

        public List<String> getSubjectClaims() {
            return subjectClaims;
        }

        public void setSubjectClaims(List<String> v) {
            this.subjectClaims = v;
        }

        public Duration getRefreshSkew() {
            return refreshSkew;
        }

        public void setRefreshSkew(Duration v) {
            this.refreshSkew = v;
        }
    }

    public String issuer() {
        return trimSlash(issuer);
    }

    public String resourceUri(String mcpEndpoint) {
        return resource != null && !resource.isBlank() ? resource : issuer() + mcpEndpoint;
    }

    private static String trimSlash(String s) {
        return s != null && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean v) {
        this.enabled = v;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String v) {
        this.issuer = v;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String v) {
        this.resource = v;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> v) {
        this.scopes = v;
    }

    public Duration getGrantCheckTtl() {
        return grantCheckTtl;
    }

    public void setGrantCheckTtl(Duration v) {
        this.grantCheckTtl = v;
    }

    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public void setAccessTokenTtl(Duration v) {
        this.accessTokenTtl = v;
    }

    public Duration getRefreshTokenTtl() {
        return refreshTokenTtl;
    }

    public void setRefreshTokenTtl(Duration v) {
        this.refreshTokenTtl = v;
    }

    public Duration getCodeTtl() {
        return codeTtl;
    }

    public void setCodeTtl(Duration v) {
        this.codeTtl = v;
    }

    public Duration getPendingTtl() {
        return pendingTtl;
    }

    public void setPendingTtl(Duration v) {
        this.pendingTtl = v;
    }

    public Duration getConsentRememberFor() {
        return consentRememberFor;
    }

    public void setConsentRememberFor(Duration v) {
        this.consentRememberFor = v;
    }

    public String getSigningKey() {
        return signingKey;
    }

    public void setSigningKey(String v) {
        this.signingKey = v;
    }

    public String getSigningKeyId() {
        return signingKeyId;
    }

    public void setSigningKeyId(String v) {
        this.signingKeyId = v;
    }

    public boolean isClientMetadataDocuments() {
        return clientMetadataDocuments;
    }

    public void setClientMetadataDocuments(boolean v) {
        this.clientMetadataDocuments = v;
    }

    public boolean isClientMetadataAllowLoopbackHttp() {
        return clientMetadataAllowLoopbackHttp;
    }

    public void setClientMetadataAllowLoopbackHttp(boolean v) {
        this.clientMetadataAllowLoopbackHttp = v;
    }

    public boolean isClientMetadataAllowPrivateAddresses() {
        return clientMetadataAllowPrivateAddresses;
    }

    public void setClientMetadataAllowPrivateAddresses(boolean v) {
        this.clientMetadataAllowPrivateAddresses = v;
    }

    public Duration getClientMetadataCacheTtl() {
        return clientMetadataCacheTtl;
    }

    public void setClientMetadataCacheTtl(Duration v) {
        this.clientMetadataCacheTtl = v;
    }

    public Duration getClientIdleTtl() {
        return clientIdleTtl;
    }

    public void setClientIdleTtl(Duration v) {
        this.clientIdleTtl = v;
    }

    public Upstream getUpstream() {
        return upstream;
    }

    public RateLimits getRateLimits() {
        return rateLimits;
    }
}
