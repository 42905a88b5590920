package io.lakegate.connector.oauth;

import static io.lakegate.connector.oauth.ProxyTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.identity.UserAssertionSource;
import io.lakegate.connector.oauth.store.DynamoDbTokenStore;
import io.lakegate.connector.oauth.store.TokenStore;
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
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import tools.jackson.databind.JsonNode;

/**
 * Two connector replicas sharing one DynamoDB token store (DynamoDB Local) and one signing key. Both have the
 * public base URL of replica B, as behind a load balancer: the client registers and starts the sign-in on A, the
 * user approves the consent page on B, the upstream IdP sends the browser back to B, and the code is redeemed on A
 * again.
 */
class OAuthProxyTwoReplicasTest {

    static DynamoDbLocal dynamo;
    static DatabricksEmulator emulator;
    static MockUpstreamIdp idp;
    static ConnectorHarness replicaA;
    static ConnectorHarness replicaB;
    static String issuer;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.start();
        // DynamoDB Local accepts any credentials; the connector's client reads them from the default chain
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");

        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        idp = new MockUpstreamIdp();
        int portB = MockUpstreamIdp.freePort();
        issuer = "http://127.0.0.1:" + portB;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> shared = new LinkedHashMap<>(idp.proxyProperties(issuer, MockUpstreamIdp.newSigningKey()));
        shared.put("lakegate.token-store.type", "dynamodb");
        shared.put("lakegate.token-store.endpoint", dynamo.endpoint());
        shared.put("lakegate.token-store.table", "lakegate-oauth");
        shared.put("lakegate.token-store.create-table", "true");
        shared.put("lakegate.token-store.encryption-key", Base64.getEncoder().encodeToString(key));

        replicaA = ConnectorHarness.start(emulator, shared);
        Map<String, Object> b = new LinkedHashMap<>(shared);
        b.put("server.port", portB);
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

    @Test
    void signInStartedOnOneReplicaCompletesOnTheOther() {
        assertThat(replicaA.bean(TokenStore.class)).isInstanceOf(DynamoDbTokenStore.class);
        ProxyTestClient onA = new ProxyTestClient("http://127.0.0.1:" + replicaA.port);
        ProxyTestClient onB = new ProxyTestClient(issuer);
        String clientId = onA.register();
        ProxyTestClient.Pkce pkce = ProxyTestClient.Pkce.create();
        idp.nextSignInAs("oid-bob", "bob@lakegate.dev");

        // the authorize hop is answered by A (consent page), the approval by B (the pending sign-in and its CSRF
        // binding are in DynamoDB); the upstream redirect_uri is the issuer's callback, i.e. B
        ProxyTestClient.ConsentForm form = onA.consentPage(onA.authorizeUrl(
                clientId,
                Map.of(
                        "code_challenge",
                        pkce.challenge(),
                        "code_challenge_method",
                        "S256",
                        "resource",
                        issuer + "/mcp")));
        assertThat(form.action()).startsWith("http://127.0.0.1:" + replicaA.port + "/");
        HttpResponse<String> approved = onA.answer(issuer + OAuthPaths.CONSENT, form, "approve");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
        String upstream = approved.headers().firstValue("Location").orElseThrow();
        assertThat(ProxyTestClient.query(upstream))
                .containsEntry("redirect_uri", issuer + "/oauth/callback")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("client_id", "lakegate-upstream-client");
        assertThat(replicaA.port).isNotEqualTo(replicaB.port);
        // a replay of the approval on A finds nothing: B took the pending sign-in
        assertThat(onA.answer(form.action(), form, "approve").statusCode()).isEqualTo(400);
        Map<String, String> back = onA.signIn(upstream);
        assertThat(back).containsKey("code").containsEntry("iss", issuer);
        // the consent B remembered in the browser is honoured by A: same client, straight upstream
        HttpResponse<String> again = onA.get(onA.authorizeUrl(
                clientId,
                Map.of("code_challenge", ProxyTestClient.Pkce.create().challenge(), "code_challenge_method", "S256")));
        assertThat(again.statusCode()).isEqualTo(302);

        HttpResponse<String> token = onA.redeem(clientId, back.get("code"), pkce.verifier());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode tokens = json(token);

        // B's JWKS verifies A's token: the replicas share the signing key
        NimbusReactiveJwtDecoder decoder =
                NimbusReactiveJwtDecoder.withJwkSetUri(issuer + "/oauth/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        Jwt jwt = decoder.decode(tokens.get("access_token").asString()).block(Duration.ofSeconds(10));
        assertThat(jwt.getSubject()).isEqualTo("oid-bob");
        assertThat(jwt.getAudience()).containsExactly(issuer + "/mcp");

        // refresh on B with A's refresh token (rotation works across replicas)
        HttpResponse<String> refreshed =
                onB.refresh(clientId, tokens.get("refresh_token").asString());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);

        // the upstream token behind A's token is available on B (decrypted with the shared key)
        UserAssertionSource onReplicaB = replicaB.bean(UserAssertionSource.class);
        String assertion = onReplicaB
                .assertion(new CallerIdentity(
                        "oid-bob",
                        "bob",
                        clientId,
                        Set.of("mcp:tools"),
                        tokens.get("access_token").asString()))
                .block(Duration.ofSeconds(10));
        assertThat(assertion)
                .isNotBlank()
                .isNotEqualTo(tokens.get("access_token").asString());

        // the code was redeemed on A: a replay on B is refused and revokes the grant for both replicas
        HttpResponse<String> replay = onB.redeem(clientId, back.get("code"), pkce.verifier());
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(json(replay).get("error").asString()).isEqualTo("invalid_grant");
        HttpResponse<String> afterRevocation =
                onA.refresh(clientId, json(refreshed).get("refresh_token").asString());
        assertThat(afterRevocation.statusCode()).isEqualTo(400);
        assertThat(json(afterRevocation).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void concurrentRedemptionOfOneCodeOnBothReplicasHasOneWinner() throws Exception {
        ProxyTestClient onA = new ProxyTestClient("http://127.0.0.1:" + replicaA.port);
        ProxyTestClient onB = new ProxyTestClient(issuer);
        String clientId = onA.register();
        ProxyTestClient.Pkce pkce = ProxyTestClient.Pkce.create();
        idp.nextSignInAs("oid-carol", "carol@lakegate.dev");
        String code = onA.signIn(onA.authorizeUrl(
                        clientId, Map.of("code_challenge", pkce.challenge(), "code_challenge_method", "S256")))
                .get("code");

        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var barrier = new java.util.concurrent.CyclicBarrier(2);
            var a = pool.submit(() -> {
                barrier.await(5, java.util.concurrent.TimeUnit.SECONDS);
                return onA.redeem(clientId, code, pkce.verifier()).statusCode();
            });
            var b = pool.submit(() -> {
                barrier.await(5, java.util.concurrent.TimeUnit.SECONDS);
                return onB.redeem(clientId, code, pkce.verifier()).statusCode();
            });
            assertThat(java.util.List.of(
                            a.get(20, java.util.concurrent.TimeUnit.SECONDS),
                            b.get(20, java.util.concurrent.TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(200, 400);
        } finally {
            pool.shutdownNow();
        }
    }
}
