package io.lakegate.connector.oauth;

import static io.lakegate.connector.oauth.ProxyTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.connector.testsupport.DynamoDbLocal;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DynamoDB stops and comes back (issue 15): while it is down, sign-in steps answer 503 {@code temporarily_unavailable}
 * (not a 500, not an invalid grant), signed-in users with a cached Databricks token keep working for a while; once it
 * is back, sign-ins and refreshes work again without restarting the connector, and nothing stored before is lost.
 * DynamoDB Local keeps its tables on disk across the stop, like the real service.
 */
class TokenStoreOutageTest {

    static final String SCOPES = "lakegate.mcp lakegate.discovery lakegate.genie lakegate.sql";

    @TempDir
    static Path dbDir;

    static DynamoDbLocal dynamo;
    static DatabricksEmulator emulator;
    static MockUpstreamIdp idp;
    static ConnectorHarness connector;
    static String base;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.startOnDisk(dbDir);
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        idp = new MockUpstreamIdp();
        emulator.trustIssuer(
                idp.server.issuerUrl(MockUpstreamIdp.ISSUER_ID).toString(),
                idp.server.jwksUrl(MockUpstreamIdp.ISSUER_ID).toString(),
                "api://lakegate");
        int port = MockUpstreamIdp.freePort();
        base = "http://127.0.0.1:" + port;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> props = new LinkedHashMap<>(idp.proxyProperties(base, MockUpstreamIdp.newSigningKey()));
        props.put("server.port", port);
        props.put("lakegate.token-store.type", "dynamodb");
        props.put("lakegate.token-store.endpoint", dynamo.endpoint());
        props.put("lakegate.token-store.table", "lakegate-oauth");
        props.put("lakegate.token-store.create-table", "true");
        props.put("lakegate.token-store.encryption-key", Base64.getEncoder().encodeToString(key));
        props.put("lakegate.auth.mode", "oauth");
        props.put("lakegate.auth.issuer", base);
        props.put("lakegate.auth.resource", base + "/mcp");
        props.put("lakegate.auth.jwk-set-uri", base + "/oauth/jwks");
        props.put("lakegate.dedup.enabled", "false");
        props.put("lakegate.workspaces.json", """
                {"workspaces":[{"name":"fed","host":"%s","cloud":"aws","identity":{"mode":"federation"}}]}""".formatted(emulator.baseUrl()));
        connector = ConnectorHarness.start(emulator, props);
    }

    @AfterAll
    static void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        idp.close();
        emulator.close();
        dynamo.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static String[] signIn(ProxyTestClient oauth, String clientId, String oid, String user) {
        ProxyTestClient.Pkce pkce = ProxyTestClient.Pkce.create();
        idp.nextSignInAs(oid, user);
        Map<String, String> back = oauth.signIn(oauth.authorizeUrl(
                clientId,
                Map.of(
                        "code_challenge",
                        pkce.challenge(),
                        "code_challenge_method",
                        "S256",
                        "resource",
                        base + "/mcp",
                        "scope",
                        SCOPES)));
        HttpResponse<String> tokens = oauth.redeem(clientId, back.get("code"), pkce.verifier());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return new String[] {
            json(tokens).get("access_token").asString(),
            json(tokens).get("refresh_token").asString()
        };
    }

    static int toolCall(String bearer) {
        HttpResponse<String> init = connector.post(bearer, Map.of(), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"outage-test","version":"1"}}}""".getBytes());
        if (init.statusCode() != 200) {
            return init.statusCode();
        }
        Map<String, String> headers = Map.of(
                "Mcp-Session-Id",
                init.headers().firstValue("Mcp-Session-Id").orElseThrow(),
                "MCP-Protocol-Version",
                "2025-11-25");
        connector.post(bearer, headers, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes());
        HttpResponse<String> call = connector.post(bearer, headers, """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_catalogs","arguments":{}}}""".getBytes());
        assertThat(call.body()).doesNotContain("\"isError\":true");
        return call.statusCode();
    }

    @Test
    void signInsFailClearlyWhileTheStoreIsDownAndRecoverWithoutARestart() throws Exception {
        ProxyTestClient oauth = new ProxyTestClient(base);
        String clientId = oauth.register();
        String[] alice = signIn(oauth, clientId, "oid-alice", "alice@lakegate.dev");
        assertThat(toolCall(alice[0])).isEqualTo(200);
        String[] carol = signIn(oauth, clientId, "oid-carol", "carol@lakegate.dev"); // not used before the outage

        dynamo.stop();
        HttpResponse<String> register = oauth.postJson(OAuthPaths.REGISTER, """
                {"client_name":"outage","redirect_uris":["http://127.0.0.1:9/cb"],"token_endpoint_auth_method":"none"}""");
        assertThat(register.statusCode()).as(register.body()).isEqualTo(503);
        assertThat(json(register).get("error").asString()).isEqualTo("temporarily_unavailable");
        HttpResponse<String> refresh = oauth.refresh(clientId, alice[1]);
        assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(503);
        assertThat(json(refresh).get("error").asString()).isEqualTo("temporarily_unavailable");
        HttpResponse<String> authorize = oauth.get(oauth.authorizeUrl(
                clientId,
                Map.of("code_challenge", ProxyTestClient.Pkce.create().challenge(), "code_challenge_method", "S256")));
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(503);
        // alice's grant was read moments ago and her Databricks token is cached: she keeps working for now
        assertThat(toolCall(alice[0])).isEqualTo(200);
        // carol's grant cannot be checked now: "retry", not "sign in again" (a 401 would start a sign-in that fails)
        HttpResponse<String> unchecked =
                connector.post(carol[0], Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes());
        assertThat(unchecked.statusCode()).as(unchecked.body()).isEqualTo(503);
        assertThat(unchecked.body()).doesNotContain("Exception").doesNotContain("\tat ");

        dynamo.restart();
        long back = System.nanoTime();
        long deadline = back + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> again = null;
        while (System.nanoTime() < deadline) {
            again = oauth.refresh(clientId, alice[1]);
            if (again.statusCode() != 503) {
                break;
            }
            Thread.sleep(200);
        }
        long recoveredMillis = (System.nanoTime() - back) / 1_000_000;
        // the refresh token stored before the outage still works: nothing was lost
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        String[] bob = signIn(oauth, oauth.register(), "oid-bob", "bob@lakegate.dev");
        assertThat(toolCall(bob[0])).isEqualTo(200);
        assertThat(toolCall(json(again).get("access_token").asString())).isEqualTo(200);
        assertThat(toolCall(carol[0])).isEqualTo(200);
        System.out.printf(
                "token store outage: register/authorize/refresh answered 503 temporarily_unavailable while"
                        + " DynamoDB was down; first successful refresh %d ms after DynamoDB came back%n",
                recoveredMillis);
    }
}
