package io.lakegate.e2e.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.e2e.support.ConnectorProcess;
import io.lakegate.e2e.support.DynamoDbLocalServer;
import io.lakegate.e2e.support.EntraStandIn;
import io.lakegate.e2e.support.ExampleManifests;
import io.lakegate.e2e.support.ExternalCommand;
import io.lakegate.e2e.support.FleetView;
import io.lakegate.e2e.support.KubeEdits;
import io.lakegate.e2e.support.McpSessions;
import io.lakegate.e2e.support.PodSecurity;
import io.lakegate.e2e.support.PodTemplateLauncher;
import io.lakegate.e2e.support.PodTemplateLauncher.ContainerReplica;
import io.lakegate.e2e.support.Podman;
import io.lakegate.e2e.support.PythonTools;
import io.lakegate.e2e.support.ReplicaFront;
import io.lakegate.e2e.support.TypeScriptOAuthClient;
import io.lakegate.e2e.support.TypeScriptOAuthClient.Call;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.AwsCredentialsRef;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.McpConnectorStatus;
import io.lakegate.operator.api.WorkspaceResolution;
import io.lakegate.operator.runtime.LakegateOperator;
import io.lakegate.operator.runtime.OperatorSettings;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.testing.ApiWrite;
import io.lakegate.operator.testing.ApiWriteLog;
import io.lakegate.operator.testing.Crds;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fleet the chart's examples describe, end to end on a real kube-apiserver: two DatabricksWorkspaces (Azure with
 * on-behalf-of, AWS with token federation) and two McpConnectors: {@code analytics}, two replicas behind one URL that
 * are the OAuth authorization server their clients see and share OAuth state in DynamoDB (Local), serving both
 * workspaces by label; and {@code analytics-agents}, one replica taking Entra tokens directly, serving the AWS
 * workspace by name. The manifests are applied as shipped except what points at the real cloud. Every connector
 * replica is started from its rendered pod template. The official TypeScript SDK signs in with only the URL (the
 * sign-in starts on one replica and completes on the other) and calls both workspaces as the user; a workspace change
 * rolls both fleets exactly once, and the replaced replicas serve the change to the same client without a new sign-in.
 *
 * <p>The replicas run from the connector image under podman (with the pod template's user, read-only root and dropped
 * capabilities, checked from {@code /proc}) when the build made the image, as {@code ./mvnw verify} does; from the
 * jar with {@code -DskipImages}.
 */
@ExtendWith(KubeApiTestExtension.class)
class ExampleFleetTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final String OPERATOR_AGENT = "lakegate-operator-example-fleet";
    /** The Entra tenant and the connector's app registration named in the examples. */
    static final String TENANT = "11111111-2222-3333-4444-555555555555";

    static final String API = "api://66666666-7777-8888-9999-000000000000";
    static final String TOOL_SCOPES = "lakegate.mcp lakegate.discovery lakegate.genie lakegate.sql";
    static final String PROXIED = "analytics";
    static final String DIRECT = "analytics-agents";
    static final String AZURE = "analytics-prod";
    static final String AWS = "analytics-aws";
    static final String ALICE = "alice@lakegate.dev";
    static final String BOB = "bob@lakegate.dev";
    static final String SALES_PIPELINE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static final String APP_SECRET = "entra-app-secret-e2e";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path work;

    static EntraStandIn entra;
    static DatabricksEmulator azure;
    static DatabricksEmulator aws;
    static DynamoDbLocalServer dynamo;
    static ReplicaFront front;
    static String publicUrl;
    static String signingKey;
    static String encryptionKey;
    static final List<ConnectorProcess> processes = new CopyOnWriteArrayList<>();
    static final List<String> logs = new CopyOnWriteArrayList<>();
    static final McpSessions sessions = new McpSessions();
    static final Map<String, Long> timings = new LinkedHashMap<>();
    /** The image's id when the replicas run from the connector image (the images profile), else null: the jar. */
    static String connectorImage;

    @BeforeAll
    static void startOutsideWorld(KubeTestContext kube) throws Exception {
        Instant start = Instant.now();
        try (Stream<Path> files = Files.list(Path.of("..", "crds"))) {
            files.filter(p -> p.toString().endsWith(".yml")).forEach(p -> Crds.applyFromFile(kube.client(), p));
        }
        entra = EntraStandIn.start(TENANT, work);
        azure = DatabricksEmulator.start(EmulatorConfig.defaults());
        azure.trustIssuer(entra.oboIssuer(), entra.oboJwksUri(), EntraStandIn.AZURE_DATABRICKS);
        aws = DatabricksEmulator.start(EmulatorConfig.defaults());
        // the account-wide federation policy: users' Entra tokens for the connector's API
        aws.trustIssuer(entra.issuer(), entra.jwksUri(), API);
        dynamo = DynamoDbLocalServer.start();
        int frontPort = ConnectorProcess.freePort();
        publicUrl = "http://127.0.0.1:" + frontPort;
        front = new ReplicaFront(frontPort, List.of());
        if (Boolean.getBoolean("lakegate.images")) {
            connectorImage = Podman.load(Podman.imageTar("connector"));
        }
        signingKey = rsaPrivateKeyPem();
        encryptionKey = randomKey();
        timings.put("outside world", Duration.between(start, Instant.now()).toMillis());
    }

    @AfterAll
    static void stopOutsideWorld() {
        sessions.close();
        processes.forEach(ConnectorProcess::close);
        Stream.of(front, dynamo, aws, azure, entra).filter(c -> c != null).forEach(c -> {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort: the next resource still has to stop
            }
        });
    }

    @Test
    void theExampleFleetServesSignedInUsersAcrossReplicasAndRollsOnAWorkspaceChange(KubeTestContext kube)
            throws Exception {
        Instant testStart = Instant.now();
        logs.clear();
        KubernetesClient admin = kube.client();
        String ns = kube.namespace();
        FleetView fleet = new FleetView(kube, OPERATOR_AGENT, WAIT);
        // the Deployment controller stand-in reports no ready pod until the connector processes below are ready
        kube.deployments().simulateUnavailable(ns, PROXIED);
        kube.deployments().simulateUnavailable(ns, DIRECT);

        ExampleManifests examples = patchedExamples(admin, ns);
        assertThat(examples.names("DatabricksWorkspace")).containsExactlyInAnyOrder(AZURE, AWS);
        assertThat(examples.names("McpConnector")).containsExactlyInAnyOrder(PROXIED, DIRECT);

        try (LakegateOperator operator = new LakegateOperator(
                kube.server().newClient(OPERATOR_AGENT),
                OperatorSettings.forTests(Set.of(ns)),
                new SimpleMeterRegistry())) {
            operator.start();

            // 1. apply the examples as a GitOps tool would; both fleets are accepted and rendered, none ready yet
            examples.apply(admin, "gitops");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(fleet.deployment(PROXIED)).isNotNull();
                assertThat(fleet.deployment(DIRECT)).isNotNull();
                for (String connector : List.of(PROXIED, DIRECT)) {
                    // the Deployment is applied before the status is patched: no status yet means not yet accepted
                    McpConnectorStatus status = connector(admin, ns, connector).getStatus();
                    assertThat(status).as(connector + " has a status").isNotNull();
                    assertThat(Conditions.isTrue(status.getConditions(), "Accepted"))
                            .as(connector + " accepted")
                            .isTrue();
                    assertThat(fleet.connectorHealth(connector).status()).isEqualTo("Progressing");
                }
            });
            fleet.awaitQuiet();
            assertThat(connector(admin, ns, PROXIED).getStatus().getWorkspaces())
                    .extracting(WorkspaceResolution::getName)
                    .containsExactlyInAnyOrder(AZURE, AWS);
            assertThat(connector(admin, ns, DIRECT).getStatus().getWorkspaces())
                    .extracting(WorkspaceResolution::getName)
                    .containsExactly(AWS);
            Deployment proxiedFirst = fleet.deployment(PROXIED);
            Deployment directFirst = fleet.deployment(DIRECT);
            assertThat(proxiedFirst.getSpec().getReplicas()).isEqualTo(2);
            assertThat(FleetView.literalEnv(proxiedFirst))
                    .containsEntry("LAKEGATE_OAUTHPROXY_ISSUER", publicUrl)
                    .containsEntry("LAKEGATE_TOKENSTORE_TYPE", "dynamodb")
                    .containsEntry("LAKEGATE_RATELIMIT_REPLICAS", "2")
                    .containsEntry("LAKEGATE_TOOLS_DISABLED", "proxy_to_sql")
                    .containsEntry(
                            "LAKEGATE_MCP_ALLOWEDHOSTS",
                            String.join(
                                    ",",
                                    PROXIED,
                                    PROXIED + "." + ns,
                                    PROXIED + "." + ns + ".svc",
                                    PROXIED + "." + ns + ".svc.cluster.local",
                                    "lakegate.example.com"));
            assertThat(proxiedFirst
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getEnv())
                    .filteredOn(e -> e.getName().equals("LAKEGATE_MCP_SESSIONKEY"))
                    .singleElement()
                    .satisfies(
                            e -> assertThat(e.getValueFrom().getSecretKeyRef().getName())
                                    .isEqualTo(PROXIED + "-replica-secrets"));
            assertThat(FleetView.literalEnv(directFirst))
                    .containsEntry("LAKEGATE_AUTH_ISSUER", entra.issuer())
                    .containsEntry("LAKEGATE_TOKENSTORE_TYPE", "memory");
            timings.put(
                    "examples accepted",
                    Duration.between(testStart, Instant.now()).toMillis());

            // 2. the kubelet's part: every replica from its pod template; the front plays the Service and Ingress
            Instant launch = Instant.now();
            List<ConnectorProcess> proxied = launchReplicas(admin, proxiedFirst, "first", proxiedOverrides());
            ConnectorProcess direct =
                    launchReplicas(admin, directFirst, "first", Map.of()).get(0);
            front.routeTo(proxied.stream().map(ConnectorProcess::baseUrl).toList());
            kube.deployments().simulateAvailable(ns, PROXIED);
            kube.deployments().simulateAvailable(ns, DIRECT);
            await().atMost(WAIT).untilAsserted(() -> {
                for (String connector : List.of(PROXIED, DIRECT)) {
                    assertThat(fleet.connectorHealth(connector).status())
                            .as(connector)
                            .isEqualTo("Healthy");
                }
                for (String workspace : List.of(AZURE, AWS)) {
                    assertThat(fleet.workspaceHealth(workspace).status())
                            .as(workspace)
                            .isEqualTo("Healthy");
                }
            });
            timings.put(
                    "replicas ready", Duration.between(launch, Instant.now()).toMillis());

            // 3. the TypeScript SDK signs alice in through the replicas and calls both workspaces as her
            Instant signIn = Instant.now();
            Path clientState = work.resolve("ts-client-state.json");
            entra.nextSignInIs(ALICE, API, "user_impersonation");
            azure.clearRequests();
            aws.clearRequests();
            int oboBefore = entra.oboRequests();
            TypeScriptOAuthClient.Run first = TypeScriptOAuthClient.run(
                    work.resolve("ts-client"),
                    publicUrl + "/mcp",
                    List.of(
                            new Call("list_catalogs", Map.of("workspace", AZURE)),
                            new Call("list_catalogs", Map.of("workspace", AWS)),
                            new Call("list_genie_spaces", Map.of("workspace", AWS))),
                    clientState);
            assertThat(first.challenged())
                    .as("the first request was answered with 401")
                    .isTrue();
            assertThat(first.registeredClient())
                    .as("dynamic client registration")
                    .isNotBlank();
            assertThat(first.tools())
                    .as("the example disables proxy_to_sql")
                    .hasSize(11)
                    .doesNotContain("proxy_to_sql");
            first.results()
                    .forEach(r -> assertThat(r.isError())
                            .as(r.name() + ": " + r.text())
                            .isFalse());
            assertThat(first.result(0).text())
                    .contains("sales", "marketing", "finance")
                    .doesNotContain("\"hr\"");
            assertThat(first.result(1).text())
                    .contains("sales", "marketing", "finance")
                    .doesNotContain("\"hr\"");
            assertThat(first.result(2).text()).contains("Sales Pipeline", "Finance Insights");
            assertThat(usersOf(azure)).containsOnly(ALICE);
            assertThat(usersOf(aws)).containsOnly(ALICE);
            assertThat(entra.oboRequests() - oboBefore)
                    .as("on-behalf-of for the Azure workspace")
                    .isEqualTo(1);
            assertThat(first.consentPages())
                    .as("the connector asked alice before sending her upstream")
                    .isEqualTo(1);
            int authorizedOn = servedBy("/oauth/authorize");
            int consentedOn = servedBy("/oauth/consent");
            int calledBackOn = servedBy("/oauth/callback");
            assertThat(consentedOn)
                    .as("the approval reached the other replica, which found the sign-in in DynamoDB")
                    .isNotEqualTo(authorizedOn);
            assertThat(calledBackOn)
                    .as("the callback reached the other replica, which found the approved sign-in")
                    .isNotEqualTo(consentedOn);
            timings.put(
                    "typescript sign-in and calls",
                    Duration.between(signIn, Instant.now()).toMillis());

            // 4. the direct fleet: bob with an Entra token for the API; only the AWS workspace is his to reach here
            aws.clearRequests();
            String bob = entra.signIn(BOB, API, TOOL_SCOPES);
            assertThat(sessions.callText(direct, bob, "list_catalogs", Map.of("workspace", AWS)))
                    .contains("sales")
                    .doesNotContain("marketing", "finance");
            assertThat(usersOf(aws)).containsOnly(BOB);
            sessions.close();

            // 5. one workspace change rolls both fleets that serve it, each exactly once
            Instant rollout = Instant.now();
            String proxiedHash = FleetView.configHash(proxiedFirst);
            String directHash = FleetView.configHash(directFirst);
            ApiWriteLog.Mark mark = fleet.mark();
            KubeEdits.editOnLatest(
                    admin.resources(DatabricksWorkspace.class).inNamespace(ns).withName(AWS), w -> {
                        w.getSpec().setGenieSpaceAllowList(List.of(SALES_PIPELINE));
                        return w;
                    });
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(FleetView.configHash(fleet.deployment(PROXIED))).isNotEqualTo(proxiedHash);
                assertThat(FleetView.configHash(fleet.deployment(DIRECT))).isNotEqualTo(directHash);
            });
            fleet.awaitQuiet();
            Map<String, Long> deploymentWrites = fleet.operatorWrites(mark).stream()
                    .filter(w -> w.resource().equals("deployments"))
                    .collect(Collectors.groupingBy(ApiWrite::name, Collectors.counting()));
            assertThat(deploymentWrites)
                    .as("one Deployment write per fleet")
                    .containsOnly(Map.entry(PROXIED, 1L), Map.entry(DIRECT, 1L));
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(fleet.connectorHealth(PROXIED).status()).isEqualTo("Healthy");
                assertThat(fleet.connectorHealth(DIRECT).status()).isEqualTo("Healthy");
            });

            // 6. the pods are replaced the way the Deployment rolls them, one at a time (a new replica ready and in the
            // rotation, then an old one out of it and stopped with its grace period), while a conversation of each MCP
            // era goes on through the front: no call fails, and each continues on the new replicas
            Instant roll = Instant.now();
            List<ConnectorProcess> proxiedNext =
                    rollWhileConversing(admin, fleet.deployment(PROXIED), proxied, accessToken(clientState));
            timings.put(
                    "rolling restart under conversations",
                    Duration.between(roll, Instant.now()).toMillis());
            // the direct fleet is reached without the front: its one replica is replaced
            stop(List.of(direct));
            ConnectorProcess directNext = launchReplicas(admin, fleet.deployment(DIRECT), "second", Map.of())
                    .get(0);
            // what follows is judged on the new replicas' routing only
            front.routeTo(proxiedNext.stream().map(ConnectorProcess::baseUrl).toList());
            // the client comes back with what it kept and needs no new sign-in
            aws.clearRequests();
            TypeScriptOAuthClient.Run again = TypeScriptOAuthClient.run(
                    work.resolve("ts-client"),
                    publicUrl + "/mcp",
                    List.of(new Call("list_genie_spaces", Map.of("workspace", AWS))),
                    clientState);
            assertThat(again.challenged())
                    .as("the token signed before the rollout is still accepted")
                    .isFalse();
            assertThat(again.signInHops()).isEmpty();
            assertThat(again.result(0).isError()).as(again.result(0).text()).isFalse();
            assertThat(again.result(0).text()).contains("Sales Pipeline").doesNotContain("Finance Insights");
            assertThat(usersOf(aws))
                    .as("the upstream token came from DynamoDB: still alice")
                    .containsOnly(ALICE);

            // the access token is lost (expired, say): the refresh token stored before the rollout renews it
            dropAccessToken(clientState);
            TypeScriptOAuthClient.Run refreshed = TypeScriptOAuthClient.run(
                    work.resolve("ts-client"),
                    publicUrl + "/mcp",
                    List.of(new Call("list_catalogs", Map.of("workspace", AZURE))),
                    clientState);
            assertThat(refreshed.challenged()).isFalse();
            assertThat(refreshed.signInHops()).as("no interactive sign-in").isEmpty();
            assertThat(front.routed())
                    .extracting(ReplicaFront.Routed::path)
                    .contains("/oauth/token")
                    .doesNotContain("/oauth/authorize");
            assertThat(refreshed.result(0).isError())
                    .as(refreshed.result(0).text())
                    .isFalse();
            assertThat(refreshed.result(0).text()).contains("sales", "marketing");

            assertThat(sessions.callText(
                            directNext,
                            entra.signIn(BOB, API, TOOL_SCOPES),
                            "list_genie_spaces",
                            Map.of("workspace", AWS)))
                    .contains("Sales Pipeline")
                    .doesNotContain("Finance Insights");
            sessions.close();
            timings.put(
                    "rollout, relaunch and calls",
                    Duration.between(rollout, Instant.now()).toMillis());

            stop(proxiedNext);
            stop(List.of(directNext));
            assertNoSecretInLogs(sessionKey(admin, ns, PROXIED));
        }
        timings.put("test", Duration.between(testStart, Instant.now()).toMillis());
        System.out.println("ExampleFleetTest timing: "
                + timings.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue() / 1000.0 + " s")
                        .collect(Collectors.joining(", ")));
    }

    // ---- the manifests ---------------------------------------------------------------------------------------------

    /**
     * The examples with what must differ here: the workspaces are emulators (plain http), Entra ID is the test
     * identity provider, the public URL is the front, DynamoDB is DynamoDB Local (with static credentials, where
     * production uses the pod's workload identity), the Secrets hold real keys, two replicas instead of three spare
     * this two-core machine, and there is no OpenTelemetry collector to export to.
     */
    static ExampleManifests patchedExamples(KubernetesClient client, String ns) {
        return ExampleManifests.load(client, ns)
                .workspace(AZURE, w -> {
                    w.getSpec().setHost(azure.baseUrl());
                    w.getSpec().setAllowInsecureHttp(true);
                })
                .workspace(AWS, w -> {
                    w.getSpec().setHost(aws.baseUrl());
                    w.getSpec().setAllowInsecureHttp(true);
                })
                .connector(PROXIED, c -> {
                    c.getSpec().setReplicas(2);
                    c.getSpec().getAuth().setIssuer(entra.issuer());
                    c.getSpec().getAuth().getOauthProxy().setPublicUrl(publicUrl);
                    c.getSpec().getAuth().getOauthProxy().setAuthorizationEndpoint(entra.authorizationEndpoint());
                    c.getSpec().getAuth().getOauthProxy().setTokenEndpoint(entra.tokenEndpoint());
                    c.getSpec().getTokenStore().getDynamodb().setEndpoint(dynamo.endpoint());
                    AwsCredentialsRef credentials = new AwsCredentialsRef();
                    credentials.setName("dynamodb-local");
                    credentials.setAccessKeyIdKey("access-key-id");
                    credentials.setSecretAccessKeyKey("secret-access-key");
                    c.getSpec().getTokenStore().getDynamodb().setCredentialsSecretRef(credentials);
                    c.getSpec().setTelemetry(null);
                })
                .connector(DIRECT, c -> c.getSpec().getAuth().setIssuer(entra.issuer()))
                .secretValues("entra-lakegate", Map.of("client-secret", APP_SECRET))
                .secretValues(
                        "lakegate-oauth",
                        Map.of("client-secret", APP_SECRET, "signing-key", signingKey, "encryption-key", encryptionKey))
                .add(Fixtures.secret(
                        ns, "dynamodb-local", Map.of("access-key-id", "local", "secret-access-key", "local")));
    }

    static McpConnector connector(KubernetesClient client, String ns, String name) {
        return client.resources(McpConnector.class)
                .inNamespace(ns)
                .withName(name)
                .get();
    }

    // ---- the pods --------------------------------------------------------------------------------------------------

    /**
     * Test-only settings of the proxied fleet: the identity provider's (see {@link EntraStandIn#connectorOverrides})
     * and the token-store table, which DynamoDB Local lacks and production creates with its infrastructure.
     */
    static Map<String, String> proxiedOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>(entra.connectorOverrides());
        overrides.put("LAKEGATE_TOKENSTORE_CREATETABLE", "true");
        return overrides;
    }

    /** Starts every replica the Deployment asks for, concurrently, each from the pod template. */
    static List<ConnectorProcess> launchReplicas(
            KubernetesClient client, Deployment deployment, String generation, Map<String, String> overrides) {
        String name = deployment.getMetadata().getName();
        List<CompletableFuture<ConnectorProcess>> starting = new ArrayList<>();
        for (int i = 0; i < deployment.getSpec().getReplicas(); i++) {
            Path pod = work.resolve(name + "-" + generation + "-" + i);
            starting.add(CompletableFuture.supplyAsync(() -> launch(client, deployment, pod, overrides)));
        }
        List<ConnectorProcess> started =
                starting.stream().map(CompletableFuture::join).toList();
        processes.addAll(started);
        return started;
    }

    /** One replica: a container of the connector image with the pod's confinement, or the jar without the image. */
    static ConnectorProcess launch(
            KubernetesClient client, Deployment deployment, Path pod, Map<String, String> overrides) {
        if (connectorImage == null) {
            return new PodTemplateLauncher(client).start(deployment, pod, overrides);
        }
        // the test identity provider's trust store, which the overrides name, at the same path in the container
        Map<String, Path> trustStore = overrides.containsKey("JAVA_TOOL_OPTIONS")
                ? Map.of(entra.trustStore().toString(), entra.trustStore())
                : Map.of();
        ContainerReplica replica =
                new PodTemplateLauncher(client).startContainer(deployment, pod, overrides, trustStore, connectorImage);
        PodSecurity.Observed observed = PodSecurity.of(replica.pid());
        assertThat(observed.uids()).as("replica uids").containsOnly(65532L);
        assertThat(observed.effectiveCapabilities()).as("replica CapEff").isZero();
        assertThat(observed.rootReadOnly()).as("replica / read-only").isTrue();
        return replica.process();
    }

    static void stop(List<ConnectorProcess> replicas) {
        for (ConnectorProcess replica : replicas) {
            logs.add(replica.logText());
            replica.close();
            processes.remove(replica);
        }
    }

    static int servedBy(String path) {
        return front.routed().stream()
                .filter(r -> r.path().equals(path))
                .reduce((x, y) -> y)
                .orElseThrow()
                .replica();
    }

    // ---- the rolling restart ---------------------------------------------------------------------------------------

    /** Tool calls each conversation makes at least; it goes on (50 ms apart) until every replica was replaced. */
    static final int CONVERSATION_CALLS = 10;
    /** MCP requests of each era that must reach the new replicas after the last old one stopped. */
    static final int CALLS_AFTER_ROLL = 6;

    static final String STATELESS = "2026-07-28";
    static final String HANDSHAKE = "legacy";

    /**
     * Replaces {@code old} one replica at a time from {@code deployment} while the official Python SDK holds two
     * conversations through the front as the signed-in user: one in the stateless 2026-07-28 revision, one in the
     * handshake era with its session id. Returns the new replicas.
     */
    static List<ConnectorProcess> rollWhileConversing(
            KubernetesClient client, Deployment deployment, List<ConnectorProcess> old, String bearer)
            throws IOException {
        Path venv = PythonTools.venv(PythonTools.MCP_SDK, Duration.ofMinutes(10));
        Path stopFile = work.resolve("conversations.stop");
        int start = front.routed().size();
        Map<String, CompletableFuture<ExternalCommand.Result>> conversations = new LinkedHashMap<>();
        for (String mode : List.of(STATELESS, HANDSHAKE)) {
            conversations.put(
                    mode,
                    CompletableFuture.supplyAsync(() -> PythonTools.runScript(
                            venv,
                            "mcp_client.py",
                            List.of(publicUrl + "/mcp", String.valueOf(CONVERSATION_CALLS), mode),
                            Map.of(
                                    "LAKEGATE_TOKEN",
                                    bearer,
                                    "LAKEGATE_TOOL_ARGS",
                                    "{\"workspace\":\"" + AZURE + "\"}",
                                    "LAKEGATE_STOP_FILE",
                                    stopFile.toString(),
                                    "LAKEGATE_MAX_CALLS",
                                    "5000",
                                    "LAKEGATE_CALL_PAUSE_MS",
                                    "50",
                                    "LAKEGATE_RUN_TIMEOUT_S",
                                    "840"),
                            work.resolve("python-" + mode),
                            Duration.ofMinutes(15))));
        }
        List<ConnectorProcess> next = new ArrayList<>();
        try {
            // both conversations are under way on the old replicas before the first one goes
            await().atMost(WAIT).until(() -> mcpRequests(start, STATELESS) >= 3 && mcpRequests(start, HANDSHAKE) >= 3);
            for (int i = 0; i < old.size(); i++) {
                ConnectorProcess replacement = launch(
                        client,
                        deployment,
                        work.resolve(deployment.getMetadata().getName() + "-second-" + i),
                        proxiedOverrides());
                processes.add(replacement);
                next.add(replacement);
                front.add(replacement.baseUrl());
                front.remove(old.get(i).baseUrl());
                stop(List.of(old.get(i))); // SIGTERM: the connector finishes its in-flight calls, then exits
            }
            int rolled = front.routed().size();
            await().atMost(WAIT)
                    .until(() -> mcpRequests(rolled, STATELESS) >= CALLS_AFTER_ROLL
                            && mcpRequests(rolled, HANDSHAKE) >= CALLS_AFTER_ROLL);
        } finally {
            Files.writeString(stopFile, "stop");
        }
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        conversations.forEach((mode, run) -> {
            ExternalCommand.Result result = run.join();
            assertThat(result.succeeded()).as(mode + ":\n" + result.output()).isTrue();
            List<JsonNode> lines = result.output()
                    .lines()
                    .filter(l -> l.startsWith("MCP-CLIENT "))
                    .map(l -> JSON.readTree(l.substring("MCP-CLIENT ".length())))
                    .toList();
            assertThat(lines).as(result.output()).hasSize(1);
            reports.put(mode, lines.get(0));
        });

        List<ReplicaFront.Routed> window = front
                .routed()
                .subList(start, front.routed().size())
                .stream()
                .filter(r -> r.path().equals("/mcp"))
                .toList();
        Set<String> oldTargets = old.stream().map(ConnectorProcess::baseUrl).collect(Collectors.toSet());
        Set<String> newTargets = next.stream().map(ConnectorProcess::baseUrl).collect(Collectors.toSet());
        Map<Integer, Long> statuses =
                window.stream().collect(Collectors.groupingBy(ReplicaFront.Routed::status, Collectors.counting()));
        System.out.println("ROLLING-RESTART replicas=" + old.size() + " mcpRequests=" + window.size()
                + " statuses=" + statuses + " stateless=" + reports.get(STATELESS) + " handshake="
                + reports.get(HANDSHAKE));
        assertThat(reports.get(STATELESS).path("protocol").asString()).isEqualTo(STATELESS);
        assertThat(reports.get(HANDSHAKE).path("protocol").asString()).isEqualTo("2025-11-25");
        reports.forEach((mode, report) -> {
            assertThat(report.path("errors").asInt(-1)).as(mode + ": " + report).isZero();
            assertThat(report.path("ok").asInt()).as(mode + ": " + report).isGreaterThanOrEqualTo(CONVERSATION_CALLS);
        });
        // every answer came from a replica: no connection failed, nothing unknown (404), unauthorised or broken (5xx);
        // 405 is the answer to the handshake era's optional GET stream, which this server never pushes on
        assertThat(statuses.keySet())
                .as("HTTP statuses on /mcp during the roll")
                .isSubsetOf(200, 202, 204, 405);
        for (String era : List.of(STATELESS, HANDSHAKE)) {
            List<ReplicaFront.Routed> requests =
                    window.stream().filter(r -> era(r).equals(era)).toList();
            assertThat(requests)
                    .extracting(ReplicaFront.Routed::target)
                    .as(era + " served before and after")
                    .containsAnyElementsOf(oldTargets)
                    .containsAnyElementsOf(newTargets);
        }
        assertThat(window.stream()
                        .filter(r -> era(r).equals(HANDSHAKE))
                        .map(ReplicaFront.Routed::sessionId)
                        .distinct()
                        .toList())
                .as("one handshake session from start to end, signed with the shared key")
                .hasSize(1);
        return next;
    }

    /** The handshake era names its session in every request after initialize; the stateless revision never does. */
    static String era(ReplicaFront.Routed request) {
        if (request.sessionId() != null) {
            return HANDSHAKE;
        }
        return STATELESS.equals(request.protocolVersion()) ? STATELESS : "other";
    }

    static long mcpRequests(int from, String era) {
        List<ReplicaFront.Routed> routed = front.routed();
        return routed.subList(Math.min(from, routed.size()), routed.size()).stream()
                .filter(r -> r.path().equals("/mcp") && era(r).equals(era))
                .count();
    }

    static String accessToken(Path clientState) throws IOException {
        return JSON.readTree(Files.readString(clientState))
                .path("tokens")
                .path("access_token")
                .asString();
    }

    // ---- what must hold everywhere ---------------------------------------------------------------------------------

    static List<String> usersOf(DatabricksEmulator workspace) {
        return workspace.requests().stream()
                .filter(r -> r.path().startsWith("/api/2."))
                .map(r -> r.user())
                .distinct()
                .toList();
    }

    /** The calls were audited; no user token, signature, client secret or key reached any replica's log. */
    static void assertNoSecretInLogs(String sessionKey) {
        assertThat(logs).hasSize(6);
        assertThat(String.join("\n", logs)).as("the generated session key").doesNotContain(sessionKey);
        assertThat(String.join("\n", logs)).contains("lakegate.audit");
        String keyBody = signingKey
                .lines()
                .filter(l -> !l.startsWith("-----"))
                .findFirst()
                .orElseThrow();
        for (String log : logs) {
            assertThat(log)
                    .doesNotContain(APP_SECRET)
                    .doesNotContain(encryptionKey)
                    .doesNotContain(keyBody);
            for (String token : entra.issuedTokens()) {
                assertThat(log).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            }
        }
    }

    /** The key the operator generated for the connector's replicas to share. */
    static String sessionKey(KubernetesClient client, String ns, String connector) {
        String encoded = client.secrets()
                .inNamespace(ns)
                .withName(connector + "-replica-secrets")
                .require()
                .getData()
                .get("session-key");
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    static void dropAccessToken(Path clientState) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode state = (ObjectNode) json.readTree(Files.readString(clientState));
        ((ObjectNode) state.get("tokens")).put("access_token", "lost");
        Files.writeString(clientState, json.writeValueAsString(state), StandardCharsets.UTF_8);
    }

    static String rsaPrivateKeyPem() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
