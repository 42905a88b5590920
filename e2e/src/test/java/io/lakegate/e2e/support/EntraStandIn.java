package io.lakegate.e2e.support;

import io.lakegate.operator.connector.ConnectorJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * mock-oauth2-server playing Entra ID for one tenant. Users' tokens come from issuer id {@code <tenant>} (sign-in at
 * its authorize endpoint, or issued directly by a test); on-behalf-of answers come from {@code <tenant>/oauth2/v2.0}
 * (where msal4j posts them) and carry the Azure Databricks audience, like Entra's. msal4j refuses http authorities, so
 * on-behalf-of reaches the server through an https front; everything else uses its plain http origin.
 */
public final class EntraStandIn implements AutoCloseable {

    /** Azure Databricks' first-party application id: the audience of on-behalf-of tokens for a workspace. */
    public static final String AZURE_DATABRICKS = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";

    private final String tenant;
    private final String host;
    private final MockOAuth2Server server;
    private final TlsTerminatingProxy tls;
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();

    private EntraStandIn(String tenant, MockOAuth2Server server, TlsTerminatingProxy tls, String host) {
        this.tenant = tenant;
        this.host = host;
        this.server = server;
        this.tls = tls;
    }

    /** Starts on 127.0.0.1 with OS-chosen ports; {@code work} receives the https front's key and trust stores. */
    public static EntraStandIn start(String tenant, Path work) {
        return start(tenant, work, "127.0.0.1");
    }

    /**
     * Starts the identity provider on {@code host} (a Kubernetes node's address, so pods reach it by the same issuer
     * URL as the test); the https on-behalf-of front stays on 127.0.0.1.
     */
    public static EntraStandIn start(String tenant, Path work, String host) {
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(
                false,
                null,
                null,
                false,
                new OAuth2TokenProvider(),
                Set.of(new DefaultOAuth2TokenCallback(
                        oboIssuerId(tenant), "unused", "JWT", List.of(AZURE_DATABRICKS), Map.of(), 3600))));
        try {
            server.start(InetAddress.getByName(host), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EntraStandIn(tenant, server, TlsTerminatingProxy.start(origin(server, host), work), host);
    }

    private static String oboIssuerId(String tenant) {
        return tenant + "/oauth2/v2.0";
    }

    private static String origin(MockOAuth2Server server, String host) {
        return "http://" + host + ":" + server.baseUrl().port();
    }

    public String tenant() {
        return tenant;
    }

    /** The issuer of users' tokens (what {@code https://login.microsoftonline.com/<tenant>/v2.0} is in production). */
    public String issuer() {
        return server.issuerUrl(tenant).toString();
    }

    public String jwksUri() {
        return server.jwksUrl(tenant).toString();
    }

    public String authorizationEndpoint() {
        return server.authorizationEndpointUrl(tenant).toString();
    }

    public String tokenEndpoint() {
        return server.tokenEndpointUrl(tenant).toString();
    }

    /** The issuer of on-behalf-of tokens as msal4j reaches it (through the https front). */
    public String oboIssuer() {
        return tls.origin() + "/" + oboIssuerId(tenant);
    }

    public String oboJwksUri() {
        return origin(server, host) + "/" + oboIssuerId(tenant) + "/jwks";
    }

    /** Token requests that came through the https front: the on-behalf-of exchanges. */
    public int oboRequests() {
        return tls.tokenRequests();
    }

    /**
     * Settings the connector needs only because this is not the real Entra ID, where its defaults
     * ({@code https://login.microsoftonline.com/{tenantId}/} and the JVM's public CA trust store) are right: the
     * on-behalf-of authority is the https front, read as a generic OIDC authority, whose self-signed certificate the
     * JVM trusts.
     */
    /** The trust store {@link #connectorOverrides()} points the JVM at: a connector container needs it mounted. */
    public Path trustStore() {
        return tls.trustStore();
    }

    public Map<String, String> connectorOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("LAKEGATE_AUTH_OBO_AUTHORITY", tls.origin() + "/{tenantId}/");
        overrides.put("LAKEGATE_AUTH_OBO_OIDCAUTHORITY", "true");
        // the rendered JVM sizing stays: the pod template's JAVA_TOOL_OPTIONS is replaced, not appended to
        overrides.put("JAVA_TOOL_OPTIONS", ConnectorJvm.options() + " " + tls.trustOptions());
        return overrides;
    }

    /**
     * A user's token for {@code audience}, issued directly (as a client that signed in at Entra would hold it), with
     * a fresh {@code oid} so that per-user caches start empty.
     */
    public String signIn(String upn, String audience, String scopes) {
        String oid = UUID.randomUUID().toString();
        String token = server.issueToken(
                        tenant,
                        "mcp-client",
                        new DefaultOAuth2TokenCallback(
                                tenant, oid, "JWT", List.of(audience), userClaims(upn, oid, scopes), 3600))
                .serialize();
        issuedTokens.add(token);
        return token;
    }

    /** The user who signs in at the next interactive sign-in (the authorize endpoint approves it as them). */
    public void nextSignInIs(String upn, String audience, String scopes) {
        String oid = UUID.randomUUID().toString();
        server.enqueueCallback(new DefaultOAuth2TokenCallback(
                tenant, oid, "JWT", List.of(audience), userClaims(upn, oid, scopes), 3600));
    }

    private static Map<String, Object> userClaims(String upn, String oid, String scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("upn", upn);
        claims.put("preferred_username", upn);
        claims.put("oid", oid);
        claims.put("scp", scopes);
        return claims;
    }

    /** Every token {@link #signIn} handed out, to prove none reaches a log. */
    public List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    public String baseUrl() {
        return origin(server, host);
    }

    @Override
    public void close() {
        tls.close();
        server.shutdown();
    }
}
