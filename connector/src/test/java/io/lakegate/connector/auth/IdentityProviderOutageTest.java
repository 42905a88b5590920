package io.lakegate.connector.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The identity provider goes down (issue 15): users whose Databricks token is cached keep working until it expires;
 * a user who needs a new exchange gets a clear tool error, not a hang or a stack trace. Real parts: mock-oauth2-server
 * playing Entra ID (stopped mid-test), the emulator trusting its on-behalf-of tokens, the whole connector.
 */
class IdentityProviderOutageTest {

    static final String RESOURCE = "https://lakegate.example/mcp";
    static final String SCOPES = "lakegate.mcp lakegate.discovery lakegate.genie lakegate.sql";
    static MockOAuth2Server idp;
    static DatabricksEmulator emulator;
    static TlsTerminatingMsalHttpClient idpTransport;
    static ConnectorHarness connector;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server(new OAuth2Config(
                false,
                null,
                null,
                false,
                new no.nav.security.mock.oauth2.token.OAuth2TokenProvider(),
                java.util.Set.of(new DefaultOAuth2TokenCallback(
                        OAuthIdentityModeTest.OBO_ISSUER_ID,
                        "unused",
                        "JWT",
                        List.of(OAuthIdentityModeTest.AZURE_DATABRICKS),
                        Map.of(),
                        3600))));
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        int idpPort = idp.baseUrl().port();
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        emulator.trustIssuer(
                "https://127.0.0.1:" + idpPort + "/" + OAuthIdentityModeTest.OBO_ISSUER_ID,
                "http://127.0.0.1:" + idpPort + "/" + OAuthIdentityModeTest.OBO_ISSUER_ID + "/jwks",
                OAuthIdentityModeTest.AZURE_DATABRICKS);
        idpTransport = new TlsTerminatingMsalHttpClient();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("lakegate.auth.mode", "oauth");
        props.put("lakegate.auth.issuer-uri", idp.issuerUrl("aad").toString());
        props.put("lakegate.auth.jwk-set-uri", "http://127.0.0.1:" + idpPort + "/aad/jwks");
        props.put("lakegate.auth.resource", RESOURCE);
        props.put("lakegate.auth.obo.authority", "https://127.0.0.1:" + idpPort + "/{tenantId}/");
        props.put("lakegate.auth.obo.oidc-authority", "true");
        props.put("lakegate.auth.exchange.timeout", "5s");
        props.put("LAKEGATE_WORKSPACE_0_CLIENT_SECRET", "test-client-secret");
        props.put("lakegate.dedup.enabled", "false");
        props.put("lakegate.workspaces.json", """
                {"workspaces":[{"name":"azure","host":"%s","identity":{"mode":"obo","tenantId":"aad",
                  "clientId":"lakegate-app","clientSecretEnv":"LAKEGATE_WORKSPACE_0_CLIENT_SECRET"}}]}""".formatted(emulator.baseUrl()));
        connector = ConnectorHarness.start(emulator, props, Map.of("testMsalHttpClient", idpTransport));
    }

    @AfterAll
    static void stop() {
        if (connector != null) {
            connector.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (idp != null) {
            idp.shutdown();
        }
    }

    static String token(String upn) {
        String oid = UUID.randomUUID().toString();
        return idp.issueToken(
                        "aad",
                        "mcp-client",
                        new DefaultOAuth2TokenCallback(
                                "aad",
                                oid,
                                "JWT",
                                List.of(RESOURCE),
                                Map.of("upn", upn, "oid", oid, "scp", SCOPES),
                                3600))
                .serialize();
    }

    static McpSyncClient client(String bearer) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(
                                "http://127.0.0.1:" + connector.port)
                        .endpoint("/mcp")
                        .httpRequestCustomizer((b, m, u, body, ctx) -> b.header("Authorization", "Bearer " + bearer))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }

    static CallToolResult listCatalogs(McpSyncClient client) {
        return client.callTool(CallToolRequest.builder("list_catalogs")
                .arguments(Map.of("workspace", "azure"))
                .build());
    }

    @Test
    void cachedDatabricksTokensKeepWorkingAndNewExchangesFailClearly() {
        McpSyncClient alice = client(token(ConnectorHarness.ALICE));
        assertThat(listCatalogs(alice).isError()).isNotEqualTo(Boolean.TRUE);
        String bobToken = token(ConnectorHarness.BOB); // signed while the IdP is up; its keys are cached
        int exchanges = idpTransport.tokenRequests.get();

        idp.shutdown();
        idp = null;

        for (int i = 0; i < 3; i++) {
            CallToolResult cached = listCatalogs(alice);
            assertThat(cached.isError()).as(ConnectorHarness.text(cached)).isNotEqualTo(Boolean.TRUE);
        }
        McpSyncClient bob = client(bobToken);
        long start = System.nanoTime();
        CallToolResult refused = listCatalogs(bob);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String text = ConnectorHarness.text(refused);
        assertThat(refused.isError()).isTrue();
        assertThat(text)
                .startsWith("UNAUTHENTICATED")
                .contains("identity provider could not be reached")
                .contains("identity_provider_unreachable")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        // alice's three calls needed no exchange; bob's attempt is the only one, and it failed
        assertThat(idpTransport.tokenRequests.get() - exchanges).isBetween(0, 1);
        System.out.printf(
                "IdP down: alice (cached token) served 3 of 3; bob's first call refused in %d ms: %s%n", millis, text);
        bob.closeGracefully();
        alice.closeGracefully();
    }
}
