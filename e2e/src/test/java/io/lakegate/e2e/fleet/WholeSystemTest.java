package io.lakegate.e2e.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.e2e.support.ArgoHealthCheck;
import io.lakegate.e2e.support.ConnectorProcess;
import io.lakegate.e2e.support.ExternalCommand;
import io.lakegate.e2e.support.NodeTools;
import io.lakegate.e2e.support.PodTemplateLauncher;
import io.lakegate.e2e.support.TlsTerminatingProxy;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.Cloud;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.IdentityMode;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.OnBehalfOfIdentity;
import io.lakegate.operator.api.SecretKeyRef;
import io.lakegate.operator.api.WorkspaceIdentity;
import io.lakegate.operator.connector.ConnectorNames;
import io.lakegate.operator.runtime.LakegateOperator;
import io.lakegate.operator.runtime.OperatorSettings;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.testing.ApiWrite;
import io.lakegate.operator.testing.ApiWriteLog;
import io.lakegate.operator.testing.Crds;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system, end to end, on a real kube-apiserver: the real operator reconciles a DatabricksWorkspace (Azure,
 * on-behalf-of) and an McpConnector (OAuth issuer = a test identity provider playing Entra ID); the connector jar is
 * started exactly as the rendered pod template says (env, Secret refs, ConfigMap volume) and a real MCP client calls
 * tools through it as signed-in users, whose tokens the connector exchanges on behalf of the user for Azure Databricks
 * tokens the emulator accepts. A workspace change rolls the Deployment exactly once and the relaunched connector serves
 * it. The Argo CD health checks are run against the status objects the operator really wrote.
 */
@ExtendWith(KubeApiTestExtension.class)
class WholeSystemTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String OPERATOR_AGENT = "lakegate-operator-whole-system";
    static final String AZURE_DATABRICKS = "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d";
    /** Entra tenant in the workspace spec; the IdP's issuer id for the users' sign-in tokens. */
    static final String TENANT = "aad";
    /** msal4j posts the OBO request to {@code <authority>oauth2/v2.0/token}: the IdP's issuer id there. */
    static final String OBO_ISSUER_ID = TENANT + "/oauth2/v2.0";
    static final String ALL_SCOPES = "lakegate.mcp lakegate.discovery lakegate.genie lakegate.sql";
    static final String ALICE = "alice@lakegate.dev";
    static final String BOB = "bob@lakegate.dev";
    static final String SALES_PIPELINE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static final String FINANCE_INSIGHTS = "01f0b2c3d4e5f6a7b8c9d0e1f2a3b4c5";

    static final ArgoHealthCheck CONNECTOR_HEALTH = ArgoHealthCheck.load(
            Path.of("..", "gitops", "argocd", "health", "lakegate.io_McpConnector.lua"));
    static final ArgoHealthCheck WORKSPACE_HEALTH = ArgoHealthCheck.load(
            Path.of("..", "gitops", "argocd", "health", "lakegate.io_DatabricksWorkspace.lua"));

    /** An MCP client on the official TypeScript SDK: lists the tools, calls one, prints both as JSON. */
    static final String TS_CLIENT = """
            import { Client } from '@modelcontextprotocol/sdk/client/index.js';
            import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
            const [url, tool, args] = process.argv.slice(2);
            const transport = new StreamableHTTPClientTransport(new URL(url), {
              requestInit: { headers: { Authorization: `Bearer ${process.env.MCP_BEARER}` } } });
            const client = new Client({ name: 'lakegate-e2e-typescript', version: '1.0.0' });
            await client.connect(transport);
            const tools = await client.listTools();
            const result = await client.callTool({ name: tool, arguments: JSON.parse(args) });
            console.log(JSON.stringify({ tools: tools.tools.map(t => t.name), result }));
            await transport.terminateSession().catch(() => {});
            await client.close();
            """;

    @TempDir
    static Path work;

    static MockOAuth2Server idp;
    static TlsTerminatingProxy idpTls;
    static DatabricksEmulator emulator;
    static final List<ConnectorProcess> processes = new CopyOnWriteArrayList<>();
    static final List<McpSyncClient> clients = new CopyOnWriteArrayList<>();
    static final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    static final Map<String, Long> timings = new LinkedHashMap<>();

    @BeforeAll
    static void startOutsideWorld(KubeTestContext kube) throws IOException {
        Instant start = Instant.now();
        try (Stream<Path> files = Files.list(Path.of("..", "crds"))) {
            files.filter(p -> p.toString().endsWith(".yml")).forEach(p -> Crds.applyFromFile(kube.client(), p));
        }
        // the identity provider (Entra ID in production): users' sign-in tokens come from issuer "aad"; on-behalf-of
        // answers (issuer "aad/oauth2/v2.0") carry the Azure Databricks audience, like Entra's
        idp = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(),
                Set.of(new DefaultOAuth2TokenCallback(OBO_ISSUER_ID, "unused", "JWT", List.of(AZURE_DATABRICKS), Map.of(),
                        3600))));
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        String idpOrigin = "http://127.0.0.1:" + idp.baseUrl().port();
        idpTls = TlsTerminatingProxy.start(idpOrigin, work);
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        // the workspace trusts only on-behalf-of tokens (as msal4j reaches the IdP: through the https front)
        emulator.trustIssuer(idpTls.origin() + "/" + OBO_ISSUER_ID, idpOrigin + "/" + OBO_ISSUER_ID + "/jwks",
                AZURE_DATABRICKS);
        timings.put("outside world", Duration.between(start, Instant.now()).toMillis());
    }

    @AfterAll
    static void stopOutsideWorld() {
        closeClients();
        processes.forEach(ConnectorProcess::close);
        if (emulator != null) {
            emulator.close();
        }
        if (idpTls != null) {
            idpTls.close();
        }
        if (idp != null) {
            idp.shutdown();
        }
    }

    @Test
    void operatorRendersAConnectorThatServesSignedInUsersAndRollsOnWorkspaceChanges(KubeTestContext kube)
            throws Exception {
        Instant testStart = Instant.now();
        KubernetesClient admin = kube.client();
        String ns = kube.namespace();
        String resource = "http://fleet." + ns + ".svc:8080/mcp";
        // the Deployment controller stand-in reports no ready pod until the connector process below is ready
        kube.deployments().simulateUnavailable(ns, "fleet");

        try (LakegateOperator operator = new LakegateOperator(kube.server().newClient(OPERATOR_AGENT),
                OperatorSettings.forTests(Set.of(ns)), new SimpleMeterRegistry())) {
            operator.start();

            // 1. workspace and connector before their Secret: both Degraded for Argo CD, with the reason
            admin.resource(workspace(ns, List.of(SALES_PIPELINE))).create();
            admin.resource(connector(ns, idp.issuerUrl(TENANT).toString(), resource)).create();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(health(admin, CONNECTOR_HEALTH, "mcpconnectors", ns, "fleet"))
                        .satisfies(h -> assertThat(h.status()).isEqualTo("Degraded"))
                        .satisfies(h -> assertThat(h.message()).startsWith("SecretNotFound"));
                assertThat(health(admin, WORKSPACE_HEALTH, "databricksworkspaces", ns, "analytics").status())
                        .isEqualTo("Degraded");
            });

            // 2. the Secret arrives: accepted, Deployment rendered, no ready pod yet -> Progressing
            admin.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "entra-app-secret"))).create();
            await().atMost(WAIT).until(() -> deployment(admin, ns), d -> d != null);
            await().atMost(WAIT).untilAsserted(() -> {
                McpConnector c = admin.resources(McpConnector.class).inNamespace(ns).withName("fleet").get();
                assertThat(Conditions.isTrue(c.getStatus().getConditions(), "Accepted")).isTrue();
                assertThat(health(admin, CONNECTOR_HEALTH, "mcpconnectors", ns, "fleet").status())
                        .isEqualTo("Progressing");
            });
            awaitQuiet(kube, ns);
            Deployment first = deployment(admin, ns);
            Map<String, String> env = literalEnv(first);
            assertThat(env).containsEntry("LAKEGATE_AUTH_MODE", "oauth")
                    .containsEntry("LAKEGATE_AUTH_ISSUER", idp.issuerUrl(TENANT).toString())
                    .containsEntry("LAKEGATE_AUTH_AUDIENCE", resource);
            timings.put("operator accepted", Duration.between(testStart, Instant.now()).toMillis());

            // 3. the kubelet's part: start the connector exactly as the pod template says
            Instant launch = Instant.now();
            ConnectorProcess connector = launch(admin, first, "pod-1");
            kube.deployments().simulateAvailable(ns, "fleet");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(health(admin, CONNECTOR_HEALTH, "mcpconnectors", ns, "fleet").status()).isEqualTo("Healthy");
                assertThat(health(admin, WORKSPACE_HEALTH, "databricksworkspaces", ns, "analytics").status())
                        .isEqualTo("Healthy");
            });
            McpConnector ready = admin.resources(McpConnector.class).inNamespace(ns).withName("fleet").get();
            assertThat(ready.getStatus().getUrl()).isEqualTo(resource);
            timings.put("connector ready", Duration.between(launch, Instant.now()).toMillis());

            // what MCP clients discover: the operator's issuer and audience as RFC 9728 metadata, and a challenge
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(
                    URI.create(connector.baseUrl() + "/.well-known/oauth-protected-resource/mcp"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(metadata.body()).contains("\"resource\":\"" + resource + "\"")
                    .contains("\"authorization_servers\":[\"" + idp.issuerUrl(TENANT) + "\"]");
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(connector.mcpUrl()))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                             "capabilities":{},"clientInfo":{"name":"anonymous","version":"1"}}}"""))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                    .startsWith("Bearer ").contains("resource_metadata=\""));

            // 4. signed-in users through a real MCP client; the workspace sees each call as the user, on an OBO token
            Instant calls = Instant.now();
            int exchangesBefore = idpTls.tokenRequests();
            String aliceCatalogs = text(call(connector, signIn(ALICE, resource), "list_catalogs",
                    Map.of("workspace", "analytics")));
            String bobCatalogs = text(call(connector, signIn(BOB, resource), "list_catalogs",
                    Map.of("workspace", "analytics")));
            assertThat(aliceCatalogs).contains("sales", "marketing", "finance").doesNotContain("\"hr\"");
            assertThat(bobCatalogs).contains("sales").doesNotContain("marketing", "finance");
            assertThat(emulator.requests()).filteredOn(r -> r.path().equals("/api/2.1/unity-catalog/catalogs"))
                    .extracting(r -> r.user()).containsExactlyInAnyOrder(ALICE, BOB);
            assertThat(idpTls.tokenRequests() - exchangesBefore).as("on-behalf-of exchanges at the IdP").isEqualTo(2);
            // the premise of that proof: the workspace refuses the users' own sign-in tokens
            HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(emulator.baseUrl() + "/api/2.1/unity-catalog/catalogs"))
                    .header("Authorization", "Bearer " + signIn(ALICE, resource)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).isEqualTo(401);
            String aliceSpaces = text(call(connector, signIn(ALICE, resource), "list_genie_spaces",
                    Map.of("workspace", "analytics")));
            assertThat(aliceSpaces).contains("Sales Pipeline").doesNotContain("Finance Insights");
            timings.put("java mcp calls", Duration.between(calls, Instant.now()).toMillis());

            // 4b. the official TypeScript SDK client, with bob's bearer (from the environment, never an argument)
            Instant tsCalls = Instant.now();
            emulator.clearRequests();
            ExternalCommand.Result ts = NodeTools.nodeScript(work.resolve("ts-client"), TS_CLIENT,
                    List.of(NodeTools.TYPESCRIPT_SDK), List.of(connector.mcpUrl(), "list_catalogs",
                            "{\"workspace\":\"analytics\"}"),
                    Map.of("MCP_BEARER", signIn(BOB, resource)), Duration.ofMinutes(4));
            assertThat(ts.succeeded()).as(ts.output()).isTrue();
            assertThat(ts.output()).contains("\"tools\":[").contains("proxy_to_sql").contains("sales")
                    .doesNotContain("marketing").doesNotContain("\"isError\":true");
            assertThat(emulator.requests()).filteredOn(r -> r.path().equals("/api/2.1/unity-catalog/catalogs"))
                    .extracting(r -> r.user()).containsExactly(BOB);
            timings.put("typescript sdk", Duration.between(tsCalls, Instant.now()).toMillis());

            // 5. a workspace change rolls the Deployment exactly once; the relaunched connector serves it
            Instant rollout = Instant.now();
            String hashBefore = configHash(first);
            ApiWriteLog.Mark mark = kube.writeLog().mark();
            admin.resources(DatabricksWorkspace.class).inNamespace(ns).withName("analytics").edit(w -> {
                w.getSpec().setGenieSpaceAllowList(List.of(SALES_PIPELINE, FINANCE_INSIGHTS));
                return w;
            });
            Deployment second = await().atMost(WAIT).until(() -> deployment(admin, ns),
                    d -> !hashBefore.equals(configHash(d)));
            awaitQuiet(kube, ns);
            second = deployment(admin, ns);
            assertThat(second.getMetadata().getGeneration()).isEqualTo(first.getMetadata().getGeneration() + 1);
            assertThat(operatorWrites(kube, ns, mark)).filteredOn(w -> w.resource().equals("deployments"))
                    .as("one Deployment write per workspace change").hasSize(1);
            assertThat(admin.resources(McpConnector.class).inNamespace(ns).withName("fleet").get().getStatus()
                    .getConfigHash()).isEqualTo(configHash(second));
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    health(admin, CONNECTOR_HEALTH, "mcpconnectors", ns, "fleet").status()).isEqualTo("Healthy"));

            closeClients();
            assertNoTokenIn(connector.logText());
            connector.close();
            processes.remove(connector);
            ConnectorProcess relaunched = launch(admin, second, "pod-2");
            String aliceSpacesAfter = text(call(relaunched, signIn(ALICE, resource), "list_genie_spaces",
                    Map.of("workspace", "analytics")));
            assertThat(aliceSpacesAfter).contains("Sales Pipeline", "Finance Insights");
            String bobSpacesAfter = text(call(relaunched, signIn(BOB, resource), "list_genie_spaces",
                    Map.of("workspace", "analytics")));
            assertThat(bobSpacesAfter).contains("Sales Pipeline").doesNotContain("Finance Insights");
            closeClients();
            assertNoTokenIn(relaunched.logText());
            timings.put("rollout + relaunch", Duration.between(rollout, Instant.now()).toMillis());
        }
        timings.put("test", Duration.between(testStart, Instant.now()).toMillis());
        System.out.println("WholeSystemTest timing: " + timings.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() / 1000.0 + " s").collect(Collectors.joining(", ")));
    }

    // ---- the cluster side ------------------------------------------------------------------------------------------

    static DatabricksWorkspace workspace(String ns, List<String> genieSpaces) {
        OnBehalfOfIdentity obo = new OnBehalfOfIdentity();
        obo.setTenantId(TENANT);
        obo.setClientId("lakegate-app");
        obo.setClientSecretRef(new SecretKeyRef("entra", "client-secret"));
        WorkspaceIdentity identity = new WorkspaceIdentity();
        identity.setMode(IdentityMode.OnBehalfOf);
        identity.setOnBehalfOf(obo);
        DatabricksWorkspace workspace = Fixtures.workspace(ns, "analytics", emulator.baseUrl(), Cloud.AZURE, identity);
        workspace.getSpec().setAllowInsecureHttp(true); // the emulator speaks plain http
        workspace.getSpec().setGenieSpaceAllowList(genieSpaces);
        return workspace;
    }

    static McpConnector connector(String ns, String issuer, String audience) {
        McpConnector connector = Fixtures.connector(ns, "fleet", "analytics");
        connector.getSpec().getAuth().setIssuer(issuer);
        connector.getSpec().getAuth().setAudience(audience);
        return connector;
    }

    static Deployment deployment(KubernetesClient client, String ns) {
        return client.apps().deployments().inNamespace(ns).withName("fleet").get();
    }

    static String configHash(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(ConnectorNames.CONFIG_HASH_ANNOTATION);
    }

    static Map<String, String> literalEnv(Deployment deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    /** The object exactly as the apiserver serves it, judged by the Argo CD health check. */
    static ArgoHealthCheck.Health health(KubernetesClient client, ArgoHealthCheck check, String plural, String ns,
            String name) {
        String json = client.raw("/apis/lakegate.io/v1alpha1/namespaces/" + ns + "/" + plural + "/" + name);
        return check.evaluate(json);
    }

    static List<ApiWrite> operatorWrites(KubeTestContext kube, String ns, ApiWriteLog.Mark mark) {
        return kube.writeLog().since(mark).stream().filter(w -> w.inNamespace(ns) && w.byUserAgent(OPERATOR_AGENT))
                .toList();
    }

    /** Waits until two consecutive 1 s windows see no operator write: the fleet has settled. */
    static void awaitQuiet(KubeTestContext kube, String ns) {
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
            ApiWriteLog.Mark mark = kube.writeLog().mark();
            Thread.sleep(1000);
            return operatorWrites(kube, ns, mark).isEmpty();
        });
    }

    /**
     * Starts the connector from the pod template. Everything comes from the template except three test-only
     * overrides for the identity provider that is the real Entra ID in production (where the connector's defaults,
     * {@code https://login.microsoftonline.com/{tenantId}/} and the JVM's public CA trust store, are right): the
     * on-behalf-of authority points at the test IdP's https front, read as a generic OIDC authority, and the JVM
     * trusts that front's self-signed certificate.
     */
    static ConnectorProcess launch(KubernetesClient client, Deployment deployment, String pod) {
        Map<String, String> testOnly = new LinkedHashMap<>();
        testOnly.put("LAKEGATE_AUTH_OBO_AUTHORITY", idpTls.origin() + "/{tenantId}/");
        testOnly.put("LAKEGATE_AUTH_OBO_OIDCAUTHORITY", "true");
        testOnly.put("JAVA_TOOL_OPTIONS", idpTls.trustOptions());
        ConnectorProcess process = new PodTemplateLauncher(client).start(deployment, work.resolve(pod), testOnly);
        processes.add(process);
        return process;
    }

    // ---- the user side ---------------------------------------------------------------------------------------------

    /** A user's sign-in token from the IdP for the connector's resource (fresh {@code oid}: per-user caches empty). */
    static String signIn(String upn, String audience) {
        String oid = UUID.randomUUID().toString();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("upn", upn);
        claims.put("oid", oid);
        claims.put("scp", ALL_SCOPES);
        String token = idp.issueToken(TENANT, "mcp-client", new DefaultOAuth2TokenCallback(TENANT, oid, "JWT",
                List.of(audience), claims, 3600)).serialize();
        issuedTokens.add(token);
        return token;
    }

    static CallToolResult call(ConnectorProcess connector, String bearer, String tool, Map<String, Object> args) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(connector.baseUrl())
                .endpoint("/mcp")
                .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + bearer))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        clients.add(client);
        client.initialize();
        CallToolResult result = client.callTool(CallToolRequest.builder(tool).arguments(args).build());
        assertThat(result.isError()).as(tool + ": " + text(result) + "\nconnector log:\n" + connector.logText())
                .isNotEqualTo(Boolean.TRUE);
        return result;
    }

    /** Ends the MCP sessions (so a connector's graceful shutdown has no open stream to wait for). */
    static void closeClients() {
        clients.forEach(c -> {
            try {
                c.closeGracefully();
            } catch (RuntimeException ignored) {
                // the connector may be gone already
            }
        });
        clients.clear();
    }

    /** Neither a user's sign-in token nor its signature ever reaches the connector's log. */
    static void assertNoTokenIn(String log) {
        assertThat(log).contains("lakegate.audit");
        for (String token : issuedTokens) {
            assertThat(log).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
        assertThat(log).doesNotContain("entra-app-secret");
    }

    static String text(CallToolResult result) {
        List<String> parts = new ArrayList<>();
        result.content().forEach(c -> {
            if (c instanceof TextContent t) {
                parts.add(t.text());
            }
        });
        return String.join("\n", parts);
    }
}
