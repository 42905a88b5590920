package io.lakegate.connector.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Identity mode {@code oauth} end to end, no mocks on the path: a real identity provider (mock-oauth2-server, playing
 * Entra ID for the {@code obo} workspace and the federation source for the {@code federation} workspace), the whole
 * connector, real MCP clients, and two Databricks emulators. The {@code obo} emulator trusts only tokens with the Azure
 * Databricks audience from the IdP, so a call that works proves the inbound token was exchanged, not passed through.
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuthIdentityModeTest {

    static final String AZURE_DATABRICKS = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";
    static final String RESOURCE = "https://lakegate.example/mcp";
    static final String OBO_ISSUER_ID = "aad/oauth2/v2.0";
    static final String ALL_SCOPES = "lakegate.mcp lakegate.discovery lakegate.genie lakegate.sql";
    static final String SERVICE_PRINCIPAL = "3b5c7d9e-1f2a-4b6c-8d0e-2f4a6b8c0d1e";
    /** The one token subject (the IdP's oid) the service principal's federation policy accepts. */
    static final String WORKLOAD_SUBJECT = "workload-" + UUID.randomUUID();

    static MockOAuth2Server idp;
    static DatabricksEmulator oboEmulator;
    static DatabricksEmulator fedEmulator;
    static TlsTerminatingMsalHttpClient idpTransport;
    static ConnectorHarness connector;
    static final List<McpSyncClient> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // msal4j posts the OBO request to <authority>oauth2/v2.0/token, so mock-oauth2-server sees issuer id
        // "aad/oauth2/v2.0" there; its answers carry the Azure Databricks audience, like Entra's OBO answers
        idp = new MockOAuth2Server(
                new OAuth2Config(
                        false,
                        null,
                        null,
                        false,
                        new no.nav.security.mock.oauth2.token.OAuth2TokenProvider(),
                        java.util.Set.of(new DefaultOAuth2TokenCallback(
                                OBO_ISSUER_ID, "unused", "JWT", List.of(AZURE_DATABRICKS), Map.of(), 3600))),
                new InteractionRequiredRoute("mfa"));
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        String plainIssuer = idp.issuerUrl("aad").toString();
        int idpPort = idp.baseUrl().port();
        String jwks = "http://127.0.0.1:" + idpPort + "/aad/jwks";
        // the issuer of the OBO tokens as msal4j reaches it through the TLS-terminating transport (own signing keys)
        String oboIssuer = "https://127.0.0.1:" + idpPort + "/" + OBO_ISSUER_ID;
        String oboJwks = "http://127.0.0.1:" + idpPort + "/" + OBO_ISSUER_ID + "/jwks";

        oboEmulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        oboEmulator.trustIssuer(oboIssuer, oboJwks, AZURE_DATABRICKS);
        fedEmulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        fedEmulator.trustIssuer(plainIssuer, jwks, RESOURCE);
        fedEmulator.trustServicePrincipal(SERVICE_PRINCIPAL, plainIssuer, jwks, RESOURCE, WORKLOAD_SUBJECT);

        idpTransport = new TlsTerminatingMsalHttpClient();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("lakegate.auth.mode", "oauth");
        props.put("lakegate.auth.issuer-uri", plainIssuer);
        props.put("lakegate.auth.jwk-set-uri", jwks);
        props.put("lakegate.auth.resource", RESOURCE);
        props.put("lakegate.auth.obo.authority", "https://127.0.0.1:" + idpPort + "/{tenantId}/");
        props.put("lakegate.auth.obo.oidc-authority", "true");
        props.put("LAKEGATE_WORKSPACE_0_CLIENT_SECRET", "test-client-secret");
        props.put("logging.level.io.lakegate", "DEBUG");
        props.put("logging.level.com.microsoft.aad.msal4j", "DEBUG");
        props.put("lakegate.workspaces.json", """
                {"workspaces":[
                  {"name":"azure-mfa","host":"%s","identity":{"mode":"obo","tenantId":"mfa","clientId":"lakegate-app",
                   "clientSecretEnv":"LAKEGATE_WORKSPACE_0_CLIENT_SECRET"}},
                  {"name":"azure","host":"%s","identity":{"mode":"obo","tenantId":"aad","clientId":"lakegate-app",
                   "clientSecretEnv":"LAKEGATE_WORKSPACE_0_CLIENT_SECRET"}},
                  {"name":"fed","host":"%s","identity":{"mode":"federation"}},
                  {"name":"fed-sp","host":"%s","identity":{"mode":"federation","clientId":"%s"}}]}""".formatted(
                        oboEmulator.baseUrl(),
                        oboEmulator.baseUrl(),
                        fedEmulator.baseUrl(),
                        fedEmulator.baseUrl(),
                        SERVICE_PRINCIPAL));
        // every call must reach the exchange and the workspace (no 5 s result sharing between identical calls)
        props.put("lakegate.dedup.enabled", "false");
        connector = ConnectorHarness.start(oboEmulator, props, Map.of("testMsalHttpClient", idpTransport));
    }

    @AfterEach
    void clearFaults() {
        oboEmulator.faults().clear();
        fedEmulator.faults().clear();
    }

    @AfterAll
    static void stop() {
        clients.forEach(c -> {
            try {
                c.closeGracefully();
            } catch (RuntimeException ignored) {
                // connector may be gone
            }
        });
        if (connector != null) {
            connector.close();
        }
        if (oboEmulator != null) {
            oboEmulator.close();
        }
        if (fedEmulator != null) {
            fedEmulator.close();
        }
        if (idp != null) {
            idp.shutdown();
        }
    }

    // ---- tokens and clients ------------------------------------------------------------------------------------

    /** An inbound token for {@code upn} with a fresh {@code oid} (so per-user caches start empty). */
    static String token(String upn, String scopes) {
        return token(upn, UUID.randomUUID().toString(), scopes, List.of(RESOURCE), 3600, "aad");
    }

    static String token(
            String upn, String oid, String scopes, List<String> audience, long expirySeconds, String issuer) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("upn", upn);
        claims.put("oid", oid);
        claims.put("scp", scopes);
        return idp.issueToken(
                        issuer,
                        "mcp-client",
                        new DefaultOAuth2TokenCallback(issuer, oid, "JWT", audience, claims, expirySeconds))
                .serialize();
    }

    static McpSyncClient client(String bearer) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        "http://127.0.0.1:" + connector.port)
                .endpoint("/mcp")
                .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + bearer))
                .build();
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        clients.add(client);
        return client;
    }

    static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(CallToolRequest.builder(tool).arguments(args).build());
    }

    static String listCatalogs(String bearer, String workspace) {
        CallToolResult result = call(client(bearer), "list_catalogs", Map.of("workspace", workspace));
        assertThat(result.isError()).as(ConnectorHarness.text(result)).isNotEqualTo(Boolean.TRUE);
        return ConnectorHarness.text(result);
    }

    static HttpResponse<String> get(String path) {
        return connector.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.port + path))
                .GET()
                .timeout(Duration.ofSeconds(10))
                .build());
    }

    static HttpResponse<String> initialize(String bearer) {
        return connector.post(bearer, Map.of(), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"raw-test","version":"1"}}}""".getBytes());
    }

    static long fedExchanges() {
        return fedEmulator.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/oidc/v1/token"))
                .count();
    }

    // ---- per-user identity ---------------------------------------------------------------------------------------

    @Test
    void oboUsersSeeTheirOwnCatalogs() {
        String alice = listCatalogs(token(ConnectorHarness.ALICE, ALL_SCOPES), "azure");
        String bob = listCatalogs(token(ConnectorHarness.BOB, ALL_SCOPES), "azure");
        assertThat(alice).contains("sales", "marketing", "finance").doesNotContain("\"hr\"");
        assertThat(bob).contains("sales").doesNotContain("marketing", "finance");
        assertThat(oboEmulator.requests())
                .filteredOn(r -> r.path().equals("/api/2.1/unity-catalog/catalogs"))
                .extracting(r -> r.user())
                .contains(ConnectorHarness.ALICE, ConnectorHarness.BOB);
    }

    @Test
    void federationUsersSeeTheirOwnCatalogs() {
        String alice = listCatalogs(token(ConnectorHarness.ALICE, ALL_SCOPES), "fed");
        String bob = listCatalogs(token(ConnectorHarness.BOB, ALL_SCOPES), "fed");
        assertThat(alice).contains("sales", "marketing", "finance");
        assertThat(bob).contains("sales").doesNotContain("marketing", "finance");
    }

    @Test
    void federationNamingAServicePrincipalCallsAsTheServicePrincipal() {
        Instant start = Instant.now();
        // alice's token, but the workspace names a client id: Databricks answers as the service principal
        String asServicePrincipal = listCatalogs(
                token(ConnectorHarness.ALICE, WORKLOAD_SUBJECT, ALL_SCOPES, List.of(RESOURCE), 3600, "aad"), "fed-sp");
        assertThat(asServicePrincipal).doesNotContain("sales", "marketing", "finance");
        assertThat(fedEmulator.requests())
                .filteredOn(r -> !r.at().isBefore(start) && r.path().equals("/api/2.1/unity-catalog/catalogs"))
                .extracting(r -> r.user())
                .containsOnly(SERVICE_PRINCIPAL);

        // any other subject matches none of the service principal's policies, whoever the token names
        CallToolResult refused =
                call(client(token(ConnectorHarness.BOB, ALL_SCOPES)), "list_catalogs", Map.of("workspace", "fed-sp"));
        assertThat(refused.isError()).isTrue();
        assertThat(ConnectorHarness.text(refused)).startsWith("UNAUTHENTICATED").contains("invalid_grant");
    }

    @Test
    void eachExchangeIsASpanInTheTraceOfTheToolCallThatNeededIt() {
        connector.otel.spans.reset();
        listCatalogs(token(ConnectorHarness.CAROL, ALL_SCOPES), "fed"); // a fresh oid: one exchange
        List<SpanData> spans = connector.otel.spans.getFinishedSpanItems();
        SpanData exchange = spans.stream()
                .filter(s -> s.getName().equals("token_exchange federation"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no exchange span in "
                        + spans.stream().map(SpanData::getName).toList()));
        assertThat(exchange.getKind()).isEqualTo(SpanKind.CLIENT);
        // a child in the trace of the MCP request that first needed carol's token (the tool call, or the workspace
        // probe before it), never a trace of its own
        assertThat(exchange.getParentSpanContext().isValid()).isTrue();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> connector.otel.spans.getFinishedSpanItems().stream()
                        .anyMatch(s ->
                                s.getKind() == SpanKind.SERVER && s.getTraceId().equals(exchange.getTraceId())));
        // the federation call itself is an HTTP span under the exchange, carrying the same trace to the workspace
        assertThat(spans)
                .anyMatch(s -> s.getParentSpanId().equals(exchange.getSpanId())
                        && s.getKind() == SpanKind.CLIENT
                        && String.valueOf(s.getAttributes().get(AttributeKey.stringKey("url.full")))
                                .endsWith("/oidc/v1/token"));
    }

    @Test
    void inboundTokenIsNotAcceptedByTheOboWorkspace() {
        // the proof's premise: had the connector passed the caller's token through, the workspace would refuse it
        String inbound = token(ConnectorHarness.ALICE, ALL_SCOPES);
        HttpResponse<String> direct = connector.send(
                HttpRequest.newBuilder(URI.create(oboEmulator.baseUrl() + "/api/2.1/unity-catalog/catalogs"))
                        .header("Authorization", "Bearer " + inbound)
                        .GET()
                        .build());
        assertThat(direct.statusCode()).isEqualTo(401);
    }

    // ---- resource server -----------------------------------------------------------------------------------------

    @Test
    void protectedResourceMetadataAtRootAndPathForm() {
        for (String path :
                List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body())
                    .contains("\"resource\":\"" + RESOURCE + "\"")
                    .contains("\"authorization_servers\":[\"" + idp.issuerUrl("aad") + "\"]")
                    .contains("lakegate.sql")
                    .contains("\"bearer_methods_supported\":[\"header\"]");
        }
    }

    @Test
    void noTokenGetsChallengeWithResourceMetadataAndScope() {
        HttpResponse<String> r = initialize(null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h)
                        .startsWith("Bearer ")
                        .contains(
                                "resource_metadata=\"https://lakegate.example/.well-known/oauth-protected-resource/mcp\"")
                        .contains("scope=\"lakegate.mcp lakegate.discovery lakegate.genie lakegate.sql\"")
                        .doesNotContain("error="));
        assertThat(r.body()).startsWith("{").doesNotContain("Exception");
    }

    @Test
    void badTokensGetInvalidToken() {
        String oid = UUID.randomUUID().toString();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", token(ConnectorHarness.ALICE, oid, ALL_SCOPES, List.of(RESOURCE), -120, "aad"));
        bad.put(
                "wrong audience",
                token(ConnectorHarness.ALICE, oid, ALL_SCOPES, List.of("https://other.example/mcp"), 3600, "aad"));
        bad.put("wrong issuer", token(ConnectorHarness.ALICE, oid, ALL_SCOPES, List.of(RESOURCE), 3600, "evil"));
        bad.put("garbage", "not-a-jwt");
        bad.forEach((what, token) -> {
            HttpResponse<String> r = initialize(token);
            assertThat(r.statusCode()).as(what).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .as(what)
                    .hasValueSatisfying(h -> assertThat(h)
                            .contains("error=\"invalid_token\"")
                            .contains("resource_metadata=\"")
                            .contains("scope=\""));
            assertThat(r.body()).as(what).doesNotContain(token).doesNotContain("at org.");
        });
    }

    @Test
    void missingBaseScopeIsForbidden() {
        HttpResponse<String> r = initialize(token(ConnectorHarness.ALICE, "lakegate.discovery"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h)
                        .contains("error=\"insufficient_scope\"")
                        .contains("scope=\"lakegate.mcp\"")
                        .contains("resource_metadata=\""));
    }

    @Test
    void toolsListShowsOnlyToolsTheTokenMayCall() {
        List<String> discoveryOnly =
                client(token(ConnectorHarness.ALICE, "lakegate.mcp lakegate.discovery")).listTools().tools().stream()
                        .map(Tool::name)
                        .toList();
        assertThat(discoveryOnly)
                .contains("list_catalogs", "get_table", "list_genie_spaces")
                .doesNotContain(
                        "proxy_to_sql", "list_sql_tools", "proxy_to_genie", "list_genie_tools", "proxy_to_genie_one");
        List<String> sqlOnly =
                client(token(ConnectorHarness.ALICE, "lakegate.mcp lakegate.sql")).listTools().tools().stream()
                        .map(Tool::name)
                        .toList();
        assertThat(sqlOnly).containsExactlyInAnyOrder("proxy_to_sql", "list_sql_tools");
        List<String> all = client(token(ConnectorHarness.ALICE, ALL_SCOPES)).listTools().tools().stream()
                .map(Tool::name)
                .toList();
        assertThat(all).hasSize(12);
    }

    @Test
    void callingAToolOutsideTheScopesIsRefusedWithStepUpChallenge() {
        String bearer = token(ConnectorHarness.ALICE, "lakegate.mcp lakegate.discovery");
        String session = connector.initializeSession(bearer);
        HttpResponse<String> r = connector.post(
                bearer, Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25"), """
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"proxy_to_sql",
                 "arguments":{"workspace":"azure","tool":"execute_sql_read_only","arguments":{"query":"SELECT 1"}}}}""".getBytes());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h)
                        .contains("error=\"insufficient_scope\"")
                        .contains("scope=\"lakegate.mcp lakegate.discovery lakegate.sql\""));
        assertThat(r.body()).contains("insufficient_scope");
    }

    @Test
    void omittedWorkspaceIsDetectedPerUserAndRemembered() {
        McpSyncClient alice = client(token(ConnectorHarness.ALICE, ALL_SCOPES));
        long probesBefore = meProbes(ConnectorHarness.ALICE);
        // registry order: azure-mfa (exchange refused: interaction_required), then azure (accepts alice)
        CallToolResult first = call(alice, "list_catalogs", Map.of());
        assertThat(first.isError()).as(ConnectorHarness.text(first)).isNotEqualTo(Boolean.TRUE);
        assertThat(ConnectorHarness.text(first)).contains("finance");
        assertThat(meProbes(ConnectorHarness.ALICE) - probesBefore).isEqualTo(1);
        CallToolResult second = call(alice, "list_sql_warehouses", Map.of());
        assertThat(second.isError()).as(ConnectorHarness.text(second)).isNotEqualTo(Boolean.TRUE);
        assertThat(meProbes(ConnectorHarness.ALICE) - probesBefore)
                .as("remembered, no second probe")
                .isEqualTo(1);

        CallToolResult stranger = call(client(token("mallory@lakegate.dev", ALL_SCOPES)), "list_catalogs", Map.of());
        assertThat(stranger.isError()).isTrue();
        assertThat(ConnectorHarness.text(stranger))
                .startsWith("INVALID_ARGUMENT")
                .contains("none of the registered workspaces")
                .contains("accepts you");
    }

    static long meProbes(String user) {
        return oboEmulator.requests().stream()
                .filter(r -> r.path().equals("/api/2.0/preview/scim/v2/Me") && user.equals(r.user()))
                .count();
    }

    // ---- exchanges -----------------------------------------------------------------------------------------------

    @Test
    void concurrentFirstCallsOfOneUserShareOneExchange() throws Exception {
        for (String workspace : List.of("azure", "fed")) {
            String bearer = token(ConnectorHarness.CAROL, ALL_SCOPES);
            List<McpSyncClient> sessions = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sessions.add(client(bearer));
            }
            int oboBefore = idpTransport.tokenRequests.get();
            long fedBefore = fedExchanges();
            ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
            try {
                List<Future<CallToolResult>> results = new ArrayList<>();
                for (McpSyncClient s : sessions) {
                    results.add(pool.submit(() -> call(s, "list_catalogs", Map.of("workspace", workspace))));
                }
                for (Future<CallToolResult> f : results) {
                    CallToolResult result = f.get(60, TimeUnit.SECONDS);
                    assertThat(result.isError())
                            .as(ConnectorHarness.text(result))
                            .isNotEqualTo(Boolean.TRUE);
                }
            } finally {
                pool.shutdownNow();
            }
            int obo = idpTransport.tokenRequests.get() - oboBefore;
            long fed = fedExchanges() - fedBefore;
            if (workspace.equals("azure")) {
                assertThat(obo).as("OBO exchanges at the IdP").isEqualTo(1);
                assertThat(fed).isZero();
            } else {
                assertThat(fed).as("federation exchanges at the workspace").isEqualTo(1);
                assertThat(obo).isZero();
            }
        }
    }

    @Test
    void databricks401TriggersOneReExchangeAndOneRetry() {
        McpSyncClient alice = client(token(ConnectorHarness.ALICE, ALL_SCOPES));
        assertThat(call(alice, "list_sql_warehouses", Map.of("workspace", "azure"))
                        .isError())
                .isNotEqualTo(Boolean.TRUE);
        int exchangesBefore = idpTransport.tokenRequests.get();
        // deterministic fault: with rate 0.5 the 2nd matching call (after installing it) fails, the 3rd passes
        oboEmulator.faults().errorRate("GET /api/2.0/sql/warehouses", 0.5, 401);
        oboEmulator.clearRequests();
        assertThat(call(alice, "list_sql_warehouses", Map.of("workspace", "azure"))
                        .isError())
                .isNotEqualTo(Boolean.TRUE);
        CallToolResult retried = call(alice, "list_sql_warehouses", Map.of("workspace", "azure"));
        assertThat(retried.isError()).as(ConnectorHarness.text(retried)).isNotEqualTo(Boolean.TRUE);
        assertThat(idpTransport.tokenRequests.get() - exchangesBefore)
                .as("re-exchanges")
                .isEqualTo(1);
        assertThat(oboEmulator.requests())
                .filteredOn(r -> r.path().equals("/api/2.0/sql/warehouses"))
                .extracting(r -> r.status())
                .containsExactly(200, 401, 200);
    }

    /**
     * Databricks refuses a stale token not only with 401: also 403 "Invalid access token." / "JWT has expired" and
     * 400 ExpiredJwtException (issue 15). Each shape, on REST, on a managed MCP server and in workspace
     * auto-detection, costs exactly one re-exchange and one retry. The emulator refuses every token in use before the
     * switch, so a plain retry with the same token would fail again: only the fresh exchange gets through.
     */
    @Test
    void everyShapeOfAStaleTokenRefusalIsOneReExchangeAndOneRetry() {
        for (io.lakegate.emulator.fault.TokenRejection shape : io.lakegate.emulator.fault.TokenRejection.values()) {
            String bearer = token(ConnectorHarness.ALICE, ALL_SCOPES);
            McpSyncClient alice = client(bearer);
            Map<String, Object> genie =
                    Map.of("workspace", "azure", "genie_space_id", "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4");
            // first uses: the token is cached, and so is what list_genie_tools reads over REST before its MCP session
            assertThat(call(alice, "list_sql_warehouses", Map.of("workspace", "azure"))
                            .isError())
                    .isNotEqualTo(Boolean.TRUE);
            assertThat(call(alice, "list_genie_tools", genie).isError()).isNotEqualTo(Boolean.TRUE);
            // a Genie question goes to the managed MCP server every time (the tool list above is cached)
            Map<String, Object> ask = Map.of(
                    "workspace",
                    "azure",
                    "genie_space_id",
                    "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4",
                    "tool_name",
                    "query_space_01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4",
                    "tool_args",
                    Map.of("query", "How many orders are there?"));
            assertThat(call(alice, "proxy_to_genie", ask).isError()).isNotEqualTo(Boolean.TRUE);

            // REST
            oboEmulator.faults().expireTokensInUse(shape);
            oboEmulator.clearRequests();
            int before = idpTransport.tokenRequests.get();
            CallToolResult rest = call(alice, "list_sql_warehouses", Map.of("workspace", "azure"));
            assertThat(rest.isError())
                    .as(shape + ": " + ConnectorHarness.text(rest))
                    .isNotEqualTo(Boolean.TRUE);
            assertThat(idpTransport.tokenRequests.get() - before)
                    .as(shape + " re-exchanges")
                    .isEqualTo(1);
            assertThat(oboEmulator.requests())
                    .filteredOn(r -> r.path().equals("/api/2.0/sql/warehouses"))
                    .extracting(r -> r.status())
                    .as(shape.name())
                    .containsExactly(shape.error(Instant.now()).status(), 200);

            // managed MCP server (the session's first POST is refused)
            oboEmulator.faults().clear().expireTokensInUse(shape);
            oboEmulator.clearRequests();
            before = idpTransport.tokenRequests.get();
            CallToolResult mcp = call(alice, "proxy_to_genie", ask);
            assertThat(mcp.isError())
                    .as(shape + ": " + ConnectorHarness.text(mcp))
                    .isNotEqualTo(Boolean.TRUE);
            assertThat(idpTransport.tokenRequests.get() - before)
                    .as(shape + " re-exchanges (MCP)")
                    .isEqualTo(1);
            assertThat(oboEmulator.requests())
                    .as(shape.name())
                    .first()
                    .satisfies(r -> assertThat(r.path()).startsWith("/api/2.0/mcp/genie/"))
                    .satisfies(r -> assertThat(r.status())
                            .isEqualTo(shape.error(Instant.now()).status()));
            assertThat(oboEmulator.requests())
                    .filteredOn(r -> r.path().startsWith("/api/2.0/mcp/genie/"))
                    .extracting(r -> r.status())
                    .contains(200);

            // auto-detection: the stale token does not make "azure" look inaccessible (the next workspace, "fed",
            // would accept alice too and be remembered for an hour)
            oboEmulator.faults().clear().expireTokensInUse(shape);
            oboEmulator.clearRequests();
            before = idpTransport.tokenRequests.get();
            CallToolResult detected = call(alice, "list_sql_warehouses", Map.of());
            assertThat(detected.isError())
                    .as(shape + ": " + ConnectorHarness.text(detected))
                    .isNotEqualTo(Boolean.TRUE);
            assertThat(oboEmulator.requests())
                    .filteredOn(r -> r.path().equals("/api/2.0/preview/scim/v2/Me"))
                    .extracting(r -> r.status())
                    .as(shape.name())
                    .containsExactly(shape.error(Instant.now()).status(), 200);
            assertThat(oboEmulator.requests())
                    .filteredOn(r -> r.path().equals("/api/2.0/sql/warehouses"))
                    .extracting(r -> r.status())
                    .containsExactly(200);
            oboEmulator.faults().clear();
        }
    }

    @Test
    void aPermissionRefusalIsNotMistakenForAStaleToken() {
        McpSyncClient alice = client(token(ConnectorHarness.ALICE, ALL_SCOPES));
        assertThat(call(alice, "list_sql_warehouses", Map.of("workspace", "azure"))
                        .isError())
                .isNotEqualTo(Boolean.TRUE);
        int before = idpTransport.tokenRequests.get();
        oboEmulator.faults().errorRate("GET /api/2.0/sql/warehouses", 1.0, 403); // PERMISSION_DENIED, not a token
        CallToolResult refused = call(alice, "list_sql_warehouses", Map.of("workspace", "azure"));
        assertThat(ConnectorHarness.text(refused)).startsWith("PERMISSION_DENIED");
        assertThat(idpTransport.tokenRequests.get() - before).as("re-exchanges").isZero();
    }

    @Test
    void identityProviderErrorsBecomeClearToolErrors(CapturedOutput output) {
        McpSyncClient bob = client(token(ConnectorHarness.BOB, ALL_SCOPES));
        CallToolResult obo = call(bob, "list_catalogs", Map.of("workspace", "azure-mfa"));
        assertThat(obo.isError()).isTrue();
        assertThat(ConnectorHarness.text(obo))
                .startsWith("UNAUTHENTICATED")
                .contains("interaction_required")
                .contains("sign in again")
                .doesNotContain("AADSTS50076");

        McpSyncClient stranger = client(token("mallory@lakegate.dev", ALL_SCOPES));
        CallToolResult fed = call(stranger, "list_catalogs", Map.of("workspace", "fed"));
        assertThat(fed.isError()).isTrue();
        assertThat(ConnectorHarness.text(fed))
                .startsWith("UNAUTHENTICATED")
                .contains("invalid_grant")
                .doesNotContain("not a user of this workspace");
        assertThat(output.getAll()).doesNotContain("eyJ");
    }

    @Test
    void noTokenEverReachesTheLogs(CapturedOutput output) {
        List<String> inbound = new ArrayList<>();
        for (String user : List.of(ConnectorHarness.ALICE, ConnectorHarness.BOB)) {
            for (String workspace : List.of("azure", "fed")) {
                String bearer = token(user, ALL_SCOPES);
                inbound.add(bearer);
                listCatalogs(bearer, workspace);
            }
        }
        String expired =
                token(ConnectorHarness.ALICE, UUID.randomUUID().toString(), ALL_SCOPES, List.of(RESOURCE), -60, "aad");
        inbound.add(expired);
        assertThat(initialize(expired).statusCode()).isEqualTo(401);
        String logs = output.getAll();
        assertThat(logs).contains("exchanged a Databricks token");
        for (String token : inbound) {
            assertThat(logs).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
        for (String token : idpTransport.issuedTokens) {
            assertThat(logs).doesNotContain(token);
        }
        assertThat(logs).doesNotContain("test-client-secret");
    }
}
