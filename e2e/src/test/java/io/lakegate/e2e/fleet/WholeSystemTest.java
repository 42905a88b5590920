package io.lakegate.e2e.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.e2e.support.ConnectorProcess;
import io.lakegate.e2e.support.EntraStandIn;
import io.lakegate.e2e.support.ExternalCommand;
import io.lakegate.e2e.support.FleetView;
import io.lakegate.e2e.support.McpSessions;
import io.lakegate.e2e.support.NodeTools;
import io.lakegate.e2e.support.PodTemplateLauncher;
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
import io.lakegate.operator.runtime.LakegateOperator;
import io.lakegate.operator.runtime.OperatorSettings;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.testing.ApiWriteLog;
import io.lakegate.operator.testing.Crds;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
    /** Entra tenant in the workspace spec: the identity provider's issuer id for users' tokens. */
    static final String TENANT = "aad";

    static final String ALL_SCOPES = "lakegate.mcp lakegate.discovery lakegate.genie lakegate.sql";
    static final String ALICE = "alice@lakegate.dev";
    static final String BOB = "bob@lakegate.dev";
    static final String SALES_PIPELINE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static final String FINANCE_INSIGHTS = "01f0b2c3d4e5f6a7b8c9d0e1f2a3b4c5";

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

    static EntraStandIn entra;
    static DatabricksEmulator emulator;
    static final List<ConnectorProcess> processes = new CopyOnWriteArrayList<>();
    static final McpSessions sessions = new McpSessions();
    static final Map<String, Long> timings = new LinkedHashMap<>();

    @BeforeAll
    static void startOutsideWorld(KubeTestContext kube) throws IOException {
        Instant start = Instant.now();
        try (Stream<Path> files = Files.list(Path.of("..", "crds"))) {
            files.filter(p -> p.toString().endsWith(".yml")).forEach(p -> Crds.applyFromFile(kube.client(), p));
        }
        entra = EntraStandIn.start(TENANT, work);
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        // the workspace trusts only on-behalf-of tokens (as msal4j reaches the IdP: through the https front)
        emulator.trustIssuer(entra.oboIssuer(), entra.oboJwksUri(), EntraStandIn.AZURE_DATABRICKS);
        timings.put("outside world", Duration.between(start, Instant.now()).toMillis());
    }

    @AfterAll
    static void stopOutsideWorld() {
        sessions.close();
        processes.forEach(ConnectorProcess::close);
        if (emulator != null) {
            emulator.close();
        }
        if (entra != null) {
            entra.close();
        }
    }

    @Test
    void operatorRendersAConnectorThatServesSignedInUsersAndRollsOnWorkspaceChanges(KubeTestContext kube)
            throws Exception {
        Instant testStart = Instant.now();
        KubernetesClient admin = kube.client();
        FleetView fleet = new FleetView(kube, OPERATOR_AGENT, WAIT);
        String ns = kube.namespace();
        String resource = "http://fleet." + ns + ".svc:8080/mcp";
        // the Deployment controller stand-in reports no ready pod until the connector process below is ready
        kube.deployments().simulateUnavailable(ns, "fleet");

        try (LakegateOperator operator = new LakegateOperator(
                kube.server().newClient(OPERATOR_AGENT),
                OperatorSettings.forTests(Set.of(ns)),
                new SimpleMeterRegistry())) {
            operator.start();

            // 1. workspace and connector before their Secret: both Degraded for Argo CD, with the reason
            admin.resource(workspace(ns, List.of(SALES_PIPELINE))).create();
            admin.resource(connector(ns, entra.issuer(), resource)).create();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(fleet.connectorHealth("fleet"))
                        .satisfies(h -> assertThat(h.status()).isEqualTo("Degraded"))
                        .satisfies(h -> assertThat(h.message()).startsWith("SecretNotFound"));
                assertThat(fleet.workspaceHealth("analytics").status()).isEqualTo("Degraded");
            });

            // 2. the Secret arrives: accepted, Deployment rendered, no ready pod yet -> Progressing
            admin.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "entra-app-secret")))
                    .create();
            await().atMost(WAIT).until(() -> fleet.deployment("fleet"), d -> d != null);
            await().atMost(WAIT).untilAsserted(() -> {
                McpConnector c = admin.resources(McpConnector.class)
                        .inNamespace(ns)
                        .withName("fleet")
                        .get();
                assertThat(c.getStatus()).as("status").isNotNull();
                assertThat(Conditions.isTrue(c.getStatus().getConditions(), "Accepted"))
                        .isTrue();
                assertThat(fleet.connectorHealth("fleet").status()).isEqualTo("Progressing");
            });
            fleet.awaitQuiet();
            Deployment first = fleet.deployment("fleet");
            assertThat(FleetView.literalEnv(first))
                    .containsEntry("LAKEGATE_AUTH_MODE", "oauth")
                    .containsEntry("LAKEGATE_AUTH_ISSUER", entra.issuer())
                    .containsEntry("LAKEGATE_AUTH_AUDIENCE", resource);
            timings.put(
                    "operator accepted",
                    Duration.between(testStart, Instant.now()).toMillis());

            // 3. the kubelet's part: start the connector exactly as the pod template says
            Instant launch = Instant.now();
            ConnectorProcess connector = launch(admin, first, "pod-1");
            kube.deployments().simulateAvailable(ns, "fleet");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(fleet.connectorHealth("fleet").status()).isEqualTo("Healthy");
                assertThat(fleet.workspaceHealth("analytics").status()).isEqualTo("Healthy");
            });
            McpConnector ready = admin.resources(McpConnector.class)
                    .inNamespace(ns)
                    .withName("fleet")
                    .get();
            assertThat(ready.getStatus().getUrl()).isEqualTo(resource);
            timings.put(
                    "connector ready", Duration.between(launch, Instant.now()).toMillis());

            // what MCP clients discover: the operator's issuer and audience as RFC 9728 metadata, and a challenge
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> metadata = http.send(
                    HttpRequest.newBuilder(
                                    URI.create(connector.baseUrl() + "/.well-known/oauth-protected-resource/mcp"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(metadata.body())
                    .contains("\"resource\":\"" + resource + "\"")
                    .contains("\"authorization_servers\":[\"" + entra.issuer() + "\"]");
            HttpResponse<String> anonymous = http.send(
                    HttpRequest.newBuilder(URI.create(connector.mcpUrl()))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .POST(HttpRequest.BodyPublishers.ofString("""
                            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                             "capabilities":{},"clientInfo":{"name":"anonymous","version":"1"}}}"""))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer ").contains("resource_metadata=\""));

            // 4. signed-in users through a real MCP client; the workspace sees each call as the user, on an OBO token
            Instant calls = Instant.now();
            int exchangesBefore = entra.oboRequests();
            String aliceCatalogs = sessions.callText(
                    connector, signIn(ALICE, resource), "list_catalogs", Map.of("workspace", "analytics"));
            String bobCatalogs = sessions.callText(
                    connector, signIn(BOB, resource), "list_catalogs", Map.of("workspace", "analytics"));
            assertThat(aliceCatalogs).contains("sales", "marketing", "finance").doesNotContain("\"hr\"");
            assertThat(bobCatalogs).contains("sales").doesNotContain("marketing", "finance");
            assertThat(emulator.requests())
                    .filteredOn(r -> r.path().equals("/api/2.1/unity-catalog/catalogs"))
                    .extracting(r -> r.user())
                    .containsExactlyInAnyOrder(ALICE, BOB);
            assertThat(entra.oboRequests() - exchangesBefore)
                    .as("on-behalf-of exchanges at the IdP")
                    .isEqualTo(2);
            // the premise of that proof: the workspace refuses the users' own sign-in tokens
            HttpResponse<String> direct = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/2.1/unity-catalog/catalogs"))
                                    .header("Authorization", "Bearer " + signIn(ALICE, resource))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).isEqualTo(401);
            String aliceSpaces = sessions.callText(
                    connector, signIn(ALICE, resource), "list_genie_spaces", Map.of("workspace", "analytics"));
            assertThat(aliceSpaces).contains("Sales Pipeline").doesNotContain("Finance Insights");
            timings.put("java mcp calls", Duration.between(calls, Instant.now()).toMillis());

            // 4b. the official TypeScript SDK client, with bob's bearer (from the environment, never an argument)
            Instant tsCalls = Instant.now();
            emulator.clearRequests();
            ExternalCommand.Result ts = NodeTools.nodeScript(
                    work.resolve("ts-client"),
                    TS_CLIENT,
                    List.of(NodeTools.TYPESCRIPT_SDK),
                    List.of(connector.mcpUrl(), "list_catalogs", "{\"workspace\":\"analytics\"}"),
                    Map.of("MCP_BEARER", signIn(BOB, resource)),
                    Duration.ofMinutes(4));
            assertThat(ts.succeeded()).as(ts.output()).isTrue();
            assertThat(ts.output())
                    .contains("\"tools\":[")
                    .contains("proxy_to_sql")
                    .contains("sales")
                    .doesNotContain("marketing")
                    .doesNotContain("\"isError\":true");
            assertThat(emulator.requests())
                    .filteredOn(r -> r.path().equals("/api/2.1/unity-catalog/catalogs"))
                    .extracting(r -> r.user())
                    .containsExactly(BOB);
            timings.put(
                    "typescript sdk", Duration.between(tsCalls, Instant.now()).toMillis());

            // 5. a workspace change rolls the Deployment exactly once; the relaunched connector serves it
            Instant rollout = Instant.now();
            String hashBefore = FleetView.configHash(first);
            ApiWriteLog.Mark mark = fleet.mark();
            admin.resources(DatabricksWorkspace.class)
                    .inNamespace(ns)
                    .withName("analytics")
                    .edit(w -> {
                        w.getSpec().setGenieSpaceAllowList(List.of(SALES_PIPELINE, FINANCE_INSIGHTS));
                        return w;
                    });
            await().atMost(WAIT)
                    .until(() -> fleet.deployment("fleet"), d -> !hashBefore.equals(FleetView.configHash(d)));
            fleet.awaitQuiet();
            Deployment second = fleet.deployment("fleet");
            assertThat(second.getMetadata().getGeneration())
                    .isEqualTo(first.getMetadata().getGeneration() + 1);
            assertThat(fleet.operatorWrites(mark))
                    .filteredOn(w -> w.resource().equals("deployments"))
                    .as("one Deployment write per workspace change")
                    .hasSize(1);
            assertThat(admin.resources(McpConnector.class)
                            .inNamespace(ns)
                            .withName("fleet")
                            .get()
                            .getStatus()
                            .getConfigHash())
                    .isEqualTo(FleetView.configHash(second));
            await().atMost(WAIT)
                    .untilAsserted(() ->
                            assertThat(fleet.connectorHealth("fleet").status()).isEqualTo("Healthy"));

            sessions.close();
            assertNoTokenIn(connector.logText());
            connector.close();
            processes.remove(connector);
            ConnectorProcess relaunched = launch(admin, second, "pod-2");
            String aliceSpacesAfter = sessions.callText(
                    relaunched, signIn(ALICE, resource), "list_genie_spaces", Map.of("workspace", "analytics"));
            assertThat(aliceSpacesAfter).contains("Sales Pipeline", "Finance Insights");
            String bobSpacesAfter = sessions.callText(
                    relaunched, signIn(BOB, resource), "list_genie_spaces", Map.of("workspace", "analytics"));
            assertThat(bobSpacesAfter).contains("Sales Pipeline").doesNotContain("Finance Insights");
            sessions.close();
            assertNoTokenIn(relaunched.logText());
            timings.put(
                    "rollout + relaunch",
                    Duration.between(rollout, Instant.now()).toMillis());
        }
        timings.put("test", Duration.between(testStart, Instant.now()).toMillis());
        System.out.println("WholeSystemTest timing: "
                + timings.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue() / 1000.0 + " s")
                        .collect(Collectors.joining(", ")));
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

    /** Starts the connector from the pod template, with only the identity provider's test-only overrides. */
    static ConnectorProcess launch(KubernetesClient client, Deployment deployment, String pod) {
        ConnectorProcess process =
                new PodTemplateLauncher(client).start(deployment, work.resolve(pod), entra.connectorOverrides());
        processes.add(process);
        return process;
    }

    // ---- the user side ---------------------------------------------------------------------------------------------

    static String signIn(String upn, String audience) {
        return entra.signIn(upn, audience, ALL_SCOPES);
    }

    /** Neither a user's sign-in token nor its signature ever reaches the connector's log. */
    static void assertNoTokenIn(String log) {
        assertThat(log).contains("lakegate.audit");
        for (String token : entra.issuedTokens()) {
            assertThat(log).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
        assertThat(log).doesNotContain("entra-app-secret");
    }
}
