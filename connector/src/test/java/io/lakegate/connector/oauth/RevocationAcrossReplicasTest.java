package io.lakegate.connector.oauth;

import static io.lakegate.connector.oauth.ProxyTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.connector.testsupport.DynamoDbLocal;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A revoked grant stops its access tokens on the next request on every replica (issue 15): two connector replicas
 * (identity mode {@code oauth} behind the OAuth proxy, as the operator renders {@code auth.oauthProxy}) share DynamoDB
 * Local and the signing key; a client signs in and calls tools on both, then a refresh-token reuse or an
 * authorization-code replay on replica B revokes the grant. B refuses the old access token at once; A within the grant
 * check period (2 s). The time from the revoking answer to A's refusal is printed.
 */
class RevocationAcrossReplicasTest {

    static final String SCOPES = "lakegate.mcp lakegate.discovery lakegate.genie lakegate.sql";
    static final Duration GRANT_CHECK_TTL = Duration.ofSeconds(2);
    static DynamoDbLocal dynamo;
    static DatabricksEmulator emulator;
    static MockUpstreamIdp idp;
    static ConnectorHarness replicaA;
    static ConnectorHarness replicaB;
    static String issuer;
    static String baseA;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.start();
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        idp = new MockUpstreamIdp();
        emulator.trustIssuer(
                idp.server.issuerUrl(MockUpstreamIdp.ISSUER_ID).toString(),
                idp.server.jwksUrl(MockUpstreamIdp.ISSUER_ID).toString(),
                "api://lakegate");
        int portA = MockUpstreamIdp.freePort();
        int portB = MockUpstreamIdp.freePort();
        issuer = "http://127.0.0.1:" + portB; // the public URL: the load balancer, here replica B
        baseA = "http://127.0.0.1:" + portA;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> shared = new LinkedHashMap<>(idp.proxyProperties(issuer, MockUpstreamIdp.newSigningKey()));
        shared.put("lakegate.token-store.type", "dynamodb");
        shared.put("lakegate.token-store.endpoint", dynamo.endpoint());
        shared.put("lakegate.token-store.table", "lakegate-oauth");
        shared.put("lakegate.token-store.create-table", "true");
        shared.put("lakegate.token-store.encryption-key", Base64.getEncoder().encodeToString(key));
        shared.put("lakegate.oauth-proxy.grant-check-ttl", GRANT_CHECK_TTL.toMillis() + "ms");
        shared.put("lakegate.auth.mode", "oauth");
        shared.put("lakegate.auth.issuer", issuer);
        shared.put("lakegate.auth.resource", issuer + "/mcp");
        shared.put("lakegate.dedup.enabled", "false");
        shared.put("lakegate.workspaces.json", """
                {"workspaces":[{"name":"fed","host":"%s","cloud":"aws","identity":{"mode":"federation"}}]}""".formatted(emulator.baseUrl()));

        Map<String, Object> a = new LinkedHashMap<>(shared);
        a.put("server.port", portA);
        a.put("lakegate.auth.jwk-set-uri", baseA + "/oauth/jwks"); // each pod reads its own JWKS
        Map<String, Object> b = new LinkedHashMap<>(shared);
        b.put("server.port", portB);
        b.put("lakegate.auth.jwk-set-uri", issuer + "/oauth/jwks");
        replicaA = ConnectorHarness.start(emulator, a);
        replicaB = ConnectorHarness.start(emulator, b);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ConnectorHarness app : new ConnectorHarness[] {replicaA, replicaB}) {
            if (app != null) {
                app.close();
            }
        }
        idp.close();
        emulator.close();
        dynamo.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    record SignIn(String clientId, String code, String verifier, JsonTokens tokens) {}

    record JsonTokens(String access, String refresh) {}

    static SignIn signIn(String oid, String user) {
        ProxyTestClient onB = new ProxyTestClient(issuer);
        String clientId = onB.register();
        ProxyTestClient.Pkce pkce = ProxyTestClient.Pkce.create();
        idp.nextSignInAs(oid, user);
        Map<String, String> back = onB.signIn(onB.authorizeUrl(
                clientId,
                Map.of(
                        "code_challenge",
                        pkce.challenge(),
                        "code_challenge_method",
                        "S256",
                        "resource",
                        issuer + "/mcp",
                        "scope",
                        SCOPES)));
        HttpResponse<String> tokens = onB.redeem(clientId, back.get("code"), pkce.verifier());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return new SignIn(
                clientId,
                back.get("code"),
                pkce.verifier(),
                new JsonTokens(
                        json(tokens).get("access_token").asString(),
                        json(tokens).get("refresh_token").asString()));
    }

    /** A tool call on {@code replica} with {@code bearer} over raw HTTP: initialize, then list_catalogs. */
    static int toolCallStatus(ConnectorHarness replica, String bearer) {
        HttpResponse<String> init = replica.post(bearer, Map.of(), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"revocation-test","version":"1"}}}""".getBytes());
        if (init.statusCode() != 200) {
            return init.statusCode();
        }
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        Map<String, String> headers = Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        replica.post(bearer, headers, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes());
        HttpResponse<String> call = replica.post(bearer, headers, """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_catalogs","arguments":{}}}""".getBytes());
        if (call.statusCode() == 200) {
            assertThat(call.body()).contains("sales").doesNotContain("\"isError\":true");
        }
        return call.statusCode();
    }

    /** Polls replica A every 50 ms (at most 10 s) until it refuses {@code bearer}; the milliseconds since {@code from}. */
    static long millisUntilRefusedOnA(String bearer, long from) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = replicaA.post(bearer, Map.of(), """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                     "capabilities":{},"clientInfo":{"name":"revocation-test","version":"1"}}}""".getBytes());
            if (r.statusCode() == 401) {
                assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                        .contains("error=\"invalid_token\"")
                        .contains("revoked");
                return (System.nanoTime() - from) / 1_000_000;
            }
            assertThat(r.statusCode()).isEqualTo(200);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("replica A still accepts the revoked token after 10 s");
    }

    @Test
    void refreshTokenReuseStopsTheGrantsAccessTokensOnBothReplicas() {
        SignIn s = signIn("oid-alice", "alice@lakegate.dev");
        assertThat(toolCallStatus(replicaA, s.tokens().access())).isEqualTo(200);
        assertThat(toolCallStatus(replicaB, s.tokens().access())).isEqualTo(200);
        ProxyTestClient onB = new ProxyTestClient(issuer);
        HttpResponse<String> rotated = onB.refresh(s.clientId(), s.tokens().refresh());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String secondAccess = json(rotated).get("access_token").asString();
        assertThat(toolCallStatus(replicaA, secondAccess)).isEqualTo(200); // A has read the grant: live, cached

        HttpResponse<String> reuse = onB.refresh(s.clientId(), s.tokens().refresh());
        long revokedAt = System.nanoTime();
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(json(reuse).get("error").asString()).isEqualTo("invalid_grant");

        // the revoking replica knows at once, for every token of the grant
        assertThat(toolCallStatus(replicaB, s.tokens().access())).isEqualTo(401);
        assertThat(toolCallStatus(replicaB, secondAccess)).isEqualTo(401);
        long onA = millisUntilRefusedOnA(secondAccess, revokedAt);
        assertThat(toolCallStatus(replicaA, s.tokens().access())).isEqualTo(401);
        assertThat(Duration.ofMillis(onA)).isLessThanOrEqualTo(GRANT_CHECK_TTL.plusSeconds(2));
        System.out.printf(
                "revocation (refresh token reuse on B): B refuses at once; A refuses %d ms after the"
                        + " revoking answer (grant-check-ttl %d ms)%n",
                onA, GRANT_CHECK_TTL.toMillis());
    }

    @Test
    void authorizationCodeReplayStopsTheGrantsAccessTokensOnBothReplicas() {
        SignIn s = signIn("oid-bob", "bob@lakegate.dev");
        assertThat(toolCallStatus(replicaA, s.tokens().access())).isEqualTo(200);

        HttpResponse<String> replay = new ProxyTestClient(issuer).redeem(s.clientId(), s.code(), s.verifier());
        long revokedAt = System.nanoTime();
        assertThat(replay.statusCode()).isEqualTo(400);

        assertThat(toolCallStatus(replicaB, s.tokens().access())).isEqualTo(401);
        long onA = millisUntilRefusedOnA(s.tokens().access(), revokedAt);
        assertThat(Duration.ofMillis(onA)).isLessThanOrEqualTo(GRANT_CHECK_TTL.plusSeconds(2));
        // the refresh token of the revoked grant is dead too
        assertThat(new ProxyTestClient(baseA)
                        .refresh(s.clientId(), s.tokens().refresh())
                        .statusCode())
                .isEqualTo(400);
        System.out.printf(
                "revocation (authorization code replay on B): B refuses at once; A refuses %d ms after the"
                        + " revoking answer (grant-check-ttl %d ms)%n",
                onA, GRANT_CHECK_TTL.toMillis());
    }
}
