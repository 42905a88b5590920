package io.lakegate.connector.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.lakegate.emulator.http.RecordedRequest;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole identity chain in one connector, configured as the operator renders it for {@code auth.oauthProxy}:
 * identity mode {@code oauth} whose issuer is the connector itself (keys from its own {@code /oauth/jwks}), the OAuth
 * proxy in front of an upstream IdP (mock-oauth2-server playing Entra ID), and a token-federation workspace. A client
 * that knows only the MCP URL follows the 401 to the metadata, registers, signs the user in with PKCE and calls a tool;
 * Databricks (the emulator) answers as that user, from the upstream token the proxy stored, never the client's token.
 */
class ProxySignInToDatabricksTest {

    static DatabricksEmulator emulator;
    static MockUpstreamIdp idp;
    static ConnectorHarness connector;
    static String base;
    static ProxyTestClient oauth;

    @BeforeAll
    static void start() {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        idp = new MockUpstreamIdp();
        // the workspace's federation policy trusts the upstream IdP's tokens for the connector's API
        emulator.trustIssuer(
                idp.server.issuerUrl(MockUpstreamIdp.ISSUER_ID).toString(),
                idp.server.jwksUrl(MockUpstreamIdp.ISSUER_ID).toString(),
                "api://lakegate");
        int port = MockUpstreamIdp.freePort();
        base = "http://127.0.0.1:" + port;
        Map<String, Object> props = new LinkedHashMap<>(idp.proxyProperties(base, MockUpstreamIdp.newSigningKey()));
        props.put("server.port", port);
        props.put("lakegate.auth.mode", "oauth");
        props.put("lakegate.auth.issuer", base);
        props.put("lakegate.auth.resource", base + "/mcp");
        props.put("lakegate.auth.jwk-set-uri", base + "/oauth/jwks");
        props.put("lakegate.dedup.enabled", "false");
        props.put("lakegate.workspaces.json", """
                {"workspaces":[{"name":"fed","host":"%s","cloud":"aws","identity":{"mode":"federation"}}]}""".formatted(emulator.baseUrl()));
        connector = ConnectorHarness.start(emulator, props);
        oauth = new ProxyTestClient(base);
    }

    @AfterAll
    static void stop() {
        if (connector != null) {
            connector.close();
        }
        idp.close();
        emulator.close();
    }

    /** What a client does with nothing but the MCP URL: returns the access token it ends up with. */
    static String signIn(String oid, String user) {
        HttpResponse<String> challenge =
                oauth.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/mcp"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                        .build());
        assertThat(challenge.statusCode()).isEqualTo(401);
        String header = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
        String metadataUrl = header.replaceAll(".*resource_metadata=\"([^\"]+)\".*", "$1");
        JsonNode resource = ProxyTestClient.json(oauth.get(metadataUrl));
        assertThat(resource.get("resource").asString()).isEqualTo(base + "/mcp");
        String authorizationServer =
                resource.get("authorization_servers").get(0).asString();
        JsonNode server =
                ProxyTestClient.json(oauth.get(authorizationServer + "/.well-known/oauth-authorization-server"));
        assertThat(server.get("code_challenge_methods_supported").toString()).contains("S256");
        List<String> scopes = new java.util.ArrayList<>();
        resource.get("scopes_supported").forEach(s -> scopes.add(s.asString()));

        String clientId = oauth.register();
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
                        String.join(" ", scopes))));
        HttpResponse<String> tokens = oauth.redeem(clientId, back.get("code"), pkce.verifier());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return ProxyTestClient.json(tokens).get("access_token").asString();
    }

    static McpSyncClient mcp(String bearer) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base)
                        .endpoint("/mcp")
                        .httpRequestCustomizer(
                                (b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + bearer))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }

    @Test
    void aClientSignsInThroughTheProxyAndDatabricksAnswersAsThatUser() {
        String aliceToken = signIn("oid-alice", "alice@lakegate.dev");
        String bobToken = signIn("oid-bob", "bob@lakegate.dev");
        emulator.clearRequests();

        McpSyncClient alice = mcp(aliceToken);
        McpSyncClient bob = mcp(bobToken);
        try {
            CallToolResult a = alice.callTool(
                    CallToolRequest.builder("list_catalogs").arguments(Map.of()).build());
            CallToolResult b = bob.callTool(
                    CallToolRequest.builder("list_catalogs").arguments(Map.of()).build());
            assertThat(a.isError()).as(ConnectorHarness.text(a)).isFalse();
            assertThat(ConnectorHarness.text(a)).contains("marketing", "finance");
            assertThat(ConnectorHarness.text(b)).contains("sales").doesNotContain("marketing");
        } finally {
            alice.closeGracefully();
            bob.closeGracefully();
        }
        Map<String, Long> callsByUser = emulator.requests().stream()
                .filter(r -> r.path().startsWith("/api/2.1/unity-catalog/catalogs") && r.user() != null)
                .collect(Collectors.groupingBy(RecordedRequest::user, Collectors.counting()));
        assertThat(callsByUser).containsOnlyKeys("alice@lakegate.dev", "bob@lakegate.dev");
        // the emulator accepts only tokens it exchanged or the IdP's: the proxy's own token is neither
        assertThat(emulator.requests())
                .allMatch(r -> r.status() != 401 || r.path().startsWith("/oidc"));
    }
}
