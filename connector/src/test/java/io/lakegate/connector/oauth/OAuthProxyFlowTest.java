package io.lakegate.connector.oauth;

import static io.lakegate.connector.oauth.ProxyTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.identity.UserAssertionSource;
import io.lakegate.connector.oauth.store.TokenStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import tools.jackson.databind.JsonNode;

/**
 * The whole proxy flow over real HTTP against the running connector (in-memory store) with mock-oauth2-server as
 * the upstream IdP: registration, authorize with PKCE, upstream sign-in, callback, code, token, JWT verified against
 * /oauth/jwks the way a resource server does; refresh rotation; the user assertion behind the token; and the
 * protocol errors.
 */
class OAuthProxyFlowTest {

    static ProxyTestClient client;
    static com.sun.net.httpserver.HttpServer metadataDocuments;

    static ProxyConnector proxy;

    @BeforeAll
    static void start() {
        proxy = ProxyConnector.start(Map.of(
                // every test registers its own client from 127.0.0.1 within seconds, far above the 10 a minute allowed
                "lakegate.oauth-proxy.rate-limits.register", "1000",
                // upstream tokens always count as about to expire: every assertion refreshes them upstream
                "lakegate.oauth-proxy.upstream.refresh-skew", "2h",
                // client ID metadata documents are served by a loopback http server in this test
                "lakegate.oauth-proxy.client-metadata-allow-loopback-http", "true",
                "lakegate.oauth-proxy.client-metadata-allow-private-addresses", "true"));
        client = new ProxyTestClient(proxy.issuer);
    }

    @AfterAll
    static void stop() {
        if (metadataDocuments != null) {
            metadataDocuments.stop(0);
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    static Jwt verify(String token) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(proxy.issuer + "/oauth/jwks")
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(proxy.issuer),
                jwt -> jwt.getAudience().contains(proxy.issuer + "/mcp")
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new org.springframework.security.oauth2.core.OAuth2Error(
                                "invalid_token", "aud", null))));
        return decoder.decode(token).block(Duration.ofSeconds(10));
    }

    /** Register, sign in as alice; returns client id, code and verifier. */
    static String[] signedInCode() {
        String clientId = client.register();
        ProxyTestClient.Pkce pkce = ProxyTestClient.Pkce.create();
        proxy.idp.nextSignInAs("oid-alice", "alice@lakegate.dev");
        Map<String, String> back = client.signIn(client.authorizeUrl(
                clientId,
                Map.of(
                        "code_challenge",
                        pkce.challenge(),
                        "code_challenge_method",
                        "S256",
                        "resource",
                        proxy.issuer + "/mcp")));
        assertThat(back)
                .containsEntry("state", "st+ate/1=")
                .containsEntry("iss", proxy.issuer)
                .containsKey("code");
        return new String[] {clientId, back.get("code"), pkce.verifier()};
    }

    @Test
    void metadataAdvertisesTheEndpointsAndS256() {
        HttpResponse<String> r = client.get(proxy.issuer + "/.well-known/oauth-authorization-server");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode m = json(r);
        assertThat(m.get("issuer").asString()).isEqualTo(proxy.issuer);
        assertThat(m.get("authorization_endpoint").asString()).isEqualTo(proxy.issuer + "/oauth/authorize");
        assertThat(m.get("token_endpoint").asString()).isEqualTo(proxy.issuer + "/oauth/token");
        assertThat(m.get("registration_endpoint").asString()).isEqualTo(proxy.issuer + "/oauth/register");
        assertThat(m.get("jwks_uri").asString()).isEqualTo(proxy.issuer + "/oauth/jwks");
        assertThat(m.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(m.get("grant_types_supported").toString()).contains("authorization_code", "refresh_token");
        assertThat(m.get("token_endpoint_auth_methods_supported").toString()).isEqualTo("[\"none\"]");
        assertThat(m.get("client_id_metadata_document_supported").asBoolean()).isTrue();
    }

    @Test
    void fullFlowIssuesAJwtTheResourceServerAccepts() {
        String[] c = signedInCode();
        HttpResponse<String> r = client.redeem(c[0], c[1], c[2]);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode tokens = json(r);
        assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("scope").asString()).isEqualTo("mcp:tools");
        assertThat(tokens.get("expires_in").asLong()).isBetween(1L, 600L);

        Jwt jwt = verify(tokens.get("access_token").asString());
        assertThat(jwt.getIssuer().toString()).isEqualTo(proxy.issuer);
        assertThat(jwt.getAudience()).containsExactly(proxy.issuer + "/mcp");
        assertThat(jwt.getSubject()).isEqualTo("oid-alice");
        assertThat(jwt.getClaimAsString("oid")).isEqualTo("oid-alice");
        assertThat(jwt.getClaimAsString("azp")).isEqualTo(c[0]);
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("mcp:tools");
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getHeaders()).containsEntry("kid", "test-key");
    }

    @Test
    void refreshTokenRotatesAndAReusedOneIsRefused() {
        String[] c = signedInCode();
        JsonNode first = json(client.redeem(c[0], c[1], c[2]));
        HttpResponse<String> second =
                client.refresh(c[0], first.get("refresh_token").asString());
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode rotated = json(second);
        assertThat(rotated.get("refresh_token").asString())
                .isNotEqualTo(first.get("refresh_token").asString());
        assertThat(verify(rotated.get("access_token").asString()).getSubject()).isEqualTo("oid-alice");

        HttpResponse<String> reuse =
                client.refresh(c[0], first.get("refresh_token").asString());
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(json(reuse).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void userAssertionIsTheUpstreamTokenBehindTheProxyToken() throws Exception {
        String[] c = signedInCode();
        String accessToken =
                json(client.redeem(c[0], c[1], c[2])).get("access_token").asString();
        Jwt jwt = verify(accessToken);
        TokenStore store = proxy.app.bean(TokenStore.class);
        String grantId = store.findAccessToken(jwt.getId()).orElseThrow().grantId();
        String before = store.findGrant(grantId).orElseThrow().upstream().accessToken();

        UserAssertionSource source = proxy.app.bean(UserAssertionSource.class);
        assertThat(source).isInstanceOf(ProxyUserAssertionSource.class);
        String assertion = source.assertion(
                        new CallerIdentity("oid-alice", "alice", c[0], Set.of("mcp:tools"), accessToken))
                .block(Duration.ofSeconds(10));

        // refresh-skew=2h: the stored upstream token was refreshed upstream and the fresh one stored and returned
        String after = store.findGrant(grantId).orElseThrow().upstream().accessToken();
        assertThat(assertion).isEqualTo(after).isNotEqualTo(before).isNotEqualTo(accessToken);
        assertThat(com.nimbusds.jwt.JWTParser.parse(assertion).getJWTClaimsSet().getIssuer())
                .isEqualTo(proxy.idp.server.issuerUrl(MockUpstreamIdp.ISSUER_ID).toString());
    }

    /**
     * Tool calls that arrive together at the upstream token's expiry refresh it once: each refresh spends the refresh
     * token, and IdPs with reuse detection revoke the grant when a spent one comes back. (refresh-skew=2h here, so
     * every assertion needs a refresh; each refresh answers a token of its own.)
     */
    @Test
    void concurrentAssertionsAtExpiryRefreshUpstreamOnce() {
        String[] c = signedInCode();
        String accessToken =
                json(client.redeem(c[0], c[1], c[2])).get("access_token").asString();
        UserAssertionSource source = proxy.app.bean(UserAssertionSource.class);
        CallerIdentity caller = new CallerIdentity("oid-alice", "alice", c[0], Set.of("mcp:tools"), accessToken);

        List<String> assertions = reactor.core.publisher.Flux.range(0, 6)
                .flatMap(i -> source.assertion(caller))
                .collectList()
                .block(Duration.ofSeconds(20));

        assertThat(assertions).hasSize(6);
        assertThat(new java.util.HashSet<>(assertions))
                .as("one upstream refresh shared by six calls")
                .hasSize(1);
        String stored = proxy.app
                .bean(TokenStore.class)
                .findGrant(proxy.app
                        .bean(TokenStore.class)
                        .findAccessToken(verify(accessToken).getId())
                        .orElseThrow()
                        .grantId())
                .orElseThrow()
                .upstream()
                .accessToken();
        assertThat(assertions.get(0)).isEqualTo(stored);
    }

    @Test
    void replayedCodeIsInvalidGrantAndRevokesTheGrant() {
        String[] c = signedInCode();
        HttpResponse<String> first = client.redeem(c[0], c[1], c[2]);
        assertThat(first.statusCode()).isEqualTo(200);
        HttpResponse<String> replay = client.redeem(c[0], c[1], c[2]);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(json(replay).get("error").asString()).isEqualTo("invalid_grant");

        // the tokens issued from the replayed code are dead: no refresh, no upstream assertion
        HttpResponse<String> refresh =
                client.refresh(c[0], json(first).get("refresh_token").asString());
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(json(refresh).get("error").asString()).isEqualTo("invalid_grant");
        String accessToken = json(first).get("access_token").asString();
        assertThatThrownBy(() -> proxy.app
                        .bean(UserAssertionSource.class)
                        .assertion(new CallerIdentity("oid-alice", "alice", c[0], Set.of("mcp:tools"), accessToken))
                        .block(Duration.ofSeconds(10)))
                .isInstanceOf(io.lakegate.connector.databricks.DatabricksCredentialsException.class);
    }

    @Test
    void reusedRefreshTokenRevokesTheGrant() {
        String[] c = signedInCode();
        JsonNode first = json(client.redeem(c[0], c[1], c[2]));
        JsonNode second = json(client.refresh(c[0], first.get("refresh_token").asString()));
        assertThat(client.refresh(c[0], first.get("refresh_token").asString()).statusCode())
                .isEqualTo(400);
        // the legitimate holder of the rotated token is cut off too: the grant is gone
        HttpResponse<String> rotated =
                client.refresh(c[0], second.get("refresh_token").asString());
        assertThat(rotated.statusCode()).isEqualTo(400);
        assertThat(json(rotated).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void wrongPkceVerifierIsInvalidGrant() {
        String[] c = signedInCode();
        HttpResponse<String> r =
                client.redeem(c[0], c[1], ProxyTestClient.Pkce.create().verifier());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void codeOfAnotherClientIsInvalidGrant() {
        String[] c = signedInCode();
        String other = client.register();
        HttpResponse<String> r = client.redeem(other, c[1], c[2]);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void plainPkceIsRefusedWithARedirectError() {
        String clientId = client.register();
        HttpResponse<String> r = client.get(client.authorizeUrl(
                clientId,
                Map.of("code_challenge", ProxyTestClient.Pkce.create().challenge(), "code_challenge_method", "plain")));
        assertThat(r.statusCode()).isEqualTo(302);
        Map<String, String> q =
                ProxyTestClient.query(r.headers().firstValue("Location").orElseThrow());
        assertThat(q).containsEntry("error", "invalid_request").containsEntry("state", "st+ate/1=");
    }

    @Test
    void missingPkceIsRefused() {
        String clientId = client.register();
        HttpResponse<String> r = client.get(client.authorizeUrl(clientId, Map.of()));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(ProxyTestClient.query(r.headers().firstValue("Location").orElseThrow()))
                .containsEntry("error", "invalid_request");
    }

    @Test
    void wrongResourceIsInvalidTarget() {
        String clientId = client.register();
        HttpResponse<String> r = client.get(client.authorizeUrl(
                clientId,
                Map.of(
                        "code_challenge",
                        ProxyTestClient.Pkce.create().challenge(),
                        "code_challenge_method",
                        "S256",
                        "resource",
                        "https://evil.example/mcp")));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(ProxyTestClient.query(r.headers().firstValue("Location").orElseThrow()))
                .containsEntry("error", "invalid_target");
    }

    @Test
    void unregisteredRedirectUriIsA400WithoutRedirect() {
        String clientId = client.register();
        HttpResponse<String> r = client.get(client.authorizeUrl(
                clientId,
                Map.of(
                        "code_challenge",
                        ProxyTestClient.Pkce.create().challenge(),
                        "code_challenge_method",
                        "S256",
                        "redirect_uri",
                        "http://127.0.0.1:9/elsewhere")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(json(r).get("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void unknownClientIsRefusedAtAuthorizeAndToken() {
        HttpResponse<String> authorize = client.get(client.authorizeUrl(
                "no-such-client",
                Map.of("code_challenge", ProxyTestClient.Pkce.create().challenge(), "code_challenge_method", "S256")));
        assertThat(authorize.statusCode()).isEqualTo(400);
        assertThat(json(authorize).get("error").asString()).isEqualTo("invalid_client");

        HttpResponse<String> token = client.redeem(
                "no-such-client", "some-code", ProxyTestClient.Pkce.create().verifier());
        assertThat(token.statusCode()).isEqualTo(401);
        assertThat(json(token).get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void registrationRefusesNonLoopbackHttpRedirects() {
        for (String uri : List.of("http://example.com/cb", "https://example.com/cb#frag", "not a uri")) {
            HttpResponse<String> r = client.postJson(OAuthPaths.REGISTER, "{\"redirect_uris\":[\"" + uri + "\"]}");
            assertThat(r.statusCode()).as(uri).isEqualTo(400);
            assertThat(json(r).get("error").asString()).isEqualTo("invalid_redirect_uri");
        }
        HttpResponse<String> ok = client.postJson(
                OAuthPaths.REGISTER,
                "{\"redirect_uris\":[\"https://claude.ai/api/mcp/auth_callback\",\"http://localhost:33418/cb\"]}");
        assertThat(ok.statusCode()).isEqualTo(201);
    }

    @Test
    void unknownCallbackStateIsA400() {
        HttpResponse<String> r = client.get(proxy.issuer + "/oauth/callback?code=x&state=forged");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asString()).isEqualTo("invalid_request");
    }

    /** Serves client ID metadata documents: {@code /good.json} names itself, {@code /impostor.json} does not. */
    static synchronized String metadataDocumentBase() throws java.io.IOException {
        if (metadataDocuments == null) {
            metadataDocuments = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0), 0);
            String base = "http://127.0.0.1:" + metadataDocuments.getAddress().getPort();
            metadataDocuments.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String clientId = path.equals("/impostor.json") ? base + "/good.json" : base + path;
                byte[] body = """
                        {"client_id":"%s","client_name":"cimd-client","redirect_uris":["%s"],
                         "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
                         "token_endpoint_auth_method":"none"}""".formatted(clientId, ProxyTestClient.REDIRECT_URI)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            metadataDocuments.start();
        }
        return "http://127.0.0.1:" + metadataDocuments.getAddress().getPort();
    }

    @Test
    void clientIdMetadataDocumentClientSignsInWithoutRegistration() throws Exception {
        String clientId = metadataDocumentBase() + "/good.json";
        ProxyTestClient.Pkce pkce = ProxyTestClient.Pkce.create();
        proxy.idp.nextSignInAs("oid-alice", "alice@lakegate.dev");
        Map<String, String> back = client.signIn(client.authorizeUrl(
                clientId, Map.of("code_challenge", pkce.challenge(), "code_challenge_method", "S256")));
        HttpResponse<String> r = client.redeem(clientId, back.get("code"), pkce.verifier());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(verify(json(r).get("access_token").asString()).getClaimAsString("azp"))
                .isEqualTo(clientId);
    }

    @Test
    void metadataDocumentNamingAnotherClientIsRefused() throws Exception {
        String clientId = metadataDocumentBase() + "/impostor.json";
        HttpResponse<String> r = client.get(client.authorizeUrl(
                clientId,
                Map.of("code_challenge", ProxyTestClient.Pkce.create().challenge(), "code_challenge_method", "S256")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asString()).isEqualTo("invalid_client");
    }
}
