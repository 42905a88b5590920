package io.lakegate.connector.oauth;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/** mock-oauth2-server as the upstream IdP ("Entra ID") on 127.0.0.1, plus the proxy properties pointing at it. */
final class MockUpstreamIdp implements AutoCloseable {

    static final String ISSUER_ID = "aad";
    final MockOAuth2Server server = new MockOAuth2Server();

    MockUpstreamIdp() {
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next upstream token request (the callback's code redemption) names this user. */
    void nextSignInAs(String oid, String username) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER_ID,
                "sub-" + oid,
                "JWT",
                List.of("api://lakegate"),
                Map.of("oid", oid, "preferred_username", username),
                3600));
    }

    /** Properties enabling the proxy with this IdP upstream, for a connector whose public base URL is {@code issuer}. */
    Map<String, Object> proxyProperties(String issuer, String signingKey) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lakegate.oauth-proxy.enabled", "true");
        p.put("lakegate.oauth-proxy.issuer", issuer);
        p.put("lakegate.oauth-proxy.signing-key", signingKey);
        p.put("lakegate.oauth-proxy.signing-key-id", "test-key");
        p.put(
                "lakegate.oauth-proxy.upstream.authorization-endpoint",
                server.authorizationEndpointUrl(ISSUER_ID).toString());
        p.put(
                "lakegate.oauth-proxy.upstream.token-endpoint",
                server.tokenEndpointUrl(ISSUER_ID).toString());
        p.put("lakegate.oauth-proxy.upstream.client-id", "lakegate-upstream-client");
        p.put("lakegate.oauth-proxy.upstream.client-secret", "upstream-secret");
        p.put(
                "lakegate.oauth-proxy.upstream.scopes",
                "openid,profile,offline_access,api://lakegate/user_impersonation");
        return p;
    }

    /** An RSA PKCS#8 key as bare base64 (what {@code lakegate.oauth-proxy.signing-key} accepts besides PEM). */
    static String newSigningKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return Base64.getEncoder()
                    .encodeToString(g.generateKeyPair().getPrivate().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
