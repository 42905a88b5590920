package io.lakegate.e2e.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lakegate.e2e.support.DynamoDbLocalServer;
import io.lakegate.e2e.support.EntraStandIn;
import io.lakegate.e2e.support.ExampleManifests;
import io.lakegate.e2e.support.ExternalCommand;
import io.lakegate.e2e.support.KubeEdits;
import io.lakegate.e2e.support.KubeNode;
import io.lakegate.e2e.support.PodSecurity;
import io.lakegate.e2e.support.PythonTools;
import io.lakegate.e2e.support.TypeScriptOAuthClient;
import io.lakegate.e2e.support.TypeScriptOAuthClient.Call;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.Autoscaling;
import io.lakegate.operator.api.AwsCredentialsRef;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.connector.ConnectorNames;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.testing.Crds;
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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fleet on a real single-node Kubernetes ({@link KubeNode}): the chart installed as a user installs it, the
 * operator running as its image under the chart's RBAC, the shipped example connector fleet ({@code analytics}, the
 * OAuth proxy, three replicas sharing DynamoDB) as real pods of the connector image, reached through its Service's
 * ClusterIP by kube-proxy. What the stand-ins of {@link ExampleFleetTest} cannot show: the Deployment the operator
 * renders is scheduled, started, probed and rolled by Kubernetes; the Service really spreads MCP clients over the
 * replicas; a workspace change rolls the pods while clients keep calling; the PodDisruptionBudget stops an eviction.
 *
 * <p>The identity provider, the Databricks emulator and DynamoDB Local run in this JVM on the node's address, which
 * pods reach through the pod network's gateway. NetworkPolicy: the node's CNI is the reference {@code bridge} plugin,
 * which does not enforce policies, so the connector's NetworkPolicy is only shown admitted.
 */
class KubeNodeFleetTest {

    /** Generous: on a loaded two-core machine three connector JVMs start in minutes, on an idle one in seconds. */
    static final Duration WAIT = Duration.ofMinutes(10);

    static final int CONNECTIONS = 20;
    static final int CALLS_PER_CONNECTION = 5;
    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String API = "api://66666666-7777-8888-9999-000000000000";
    static final String NS = "analytics";
    static final String RELEASE_NS = "lakegate-system";
    static final String FLEET = "analytics";
    static final String AWS = "analytics-aws";
    static final String ALICE = "alice@lakegate.dev";
    static final String SALES_PIPELINE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static final String CONNECTOR_IMAGE = "lakegate.test/connector:e2e";
    static final String OPERATOR_REPOSITORY = "lakegate.test/operator";
    static final String OPERATOR_TAG = "e2e";
    /** Until the Service has its ClusterIP: a URL that the CRD accepts and nothing answers. */
    static final String PLACEHOLDER_URL = "http://lakegate.invalid";

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path work;

    static KubeNode node;
    /** The connector's Service as clients reach it: its ClusterIP, routed by kube-proxy. */
    static String publicUrl;

    static KubernetesClient admin;
    static EntraStandIn entra;
    static DatabricksEmulator aws;
    static DynamoDbLocalServer dynamo;
    static final Map<String, Long> timings = new LinkedHashMap<>();

    @BeforeAll
    static void startNodeAndOutsideWorld() throws Exception {
        String cannot = KubeNode.cannotRunReason();
        assumeTrue(
                cannot == null,
                () -> "\n\n*** KubeNodeFleetTest SKIPPED: this machine cannot run a Kubernetes node: " + cannot
                        + " (CI's machine can: root on Linux/amd64) ***\n");
        assumeTrue(
                Boolean.getBoolean("lakegate.images"),
                "\n\n*** KubeNodeFleetTest SKIPPED: built with "
                        + "-DskipImages, so there is no connector or operator image to run on the node ***\n");
        Instant start = Instant.now();
        // short: containerd's socket path lives in it and unix socket paths are limited to 107 bytes
        node = KubeNode.start(Files.createTempDirectory(Path.of("/tmp"), "lgnode"));
        timings.put("node up", Duration.between(start, Instant.now()).toMillis());
        node.importImage(CONNECTOR_IMAGE, imageTar("connector"));
        node.importImage(OPERATOR_REPOSITORY + ":" + OPERATOR_TAG, imageTar("operator"));
        admin = node.adminClient();

        entra = EntraStandIn.start(TENANT, work, node.address());
        aws = DatabricksEmulator.start(EmulatorConfig.defaults().withHost(node.address()));
        aws.trustIssuer(issuer(), issuer() + "/jwks", API);
        dynamo = DynamoDbLocalServer.start();
        createTokenTable();
        timings.put(
                "node, images and outside world",
                Duration.between(start, Instant.now()).toMillis());
    }

    @AfterAll
    static void stopEverything() {
        Stream.<AutoCloseable>of(admin, node, dynamo, aws, entra)
                .filter(c -> c != null)
                .forEach(c -> {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // best effort: the next one still has to stop
                    }
                });
        System.out.println("KubeNodeFleetTest timing: "
                + timings.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue() / 1000.0 + " s")
                        .collect(Collectors.joining(", ")));
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void theChartsOperatorRunsTheExampleFleetAsPodsBehindItsService() throws Exception {
        Instant t = Instant.now();
        // 1. the chart as a user installs it: CRDs from crds/, then the rendered templates, operator image by name
        try (Stream<Path> files = Files.list(chartDir().resolve("crds"))) {
            files.filter(p -> p.toString().endsWith(".yml")).forEach(p -> Crds.applyFromFile(admin, p));
        }
        for (String ns : List.of(RELEASE_NS, NS)) {
            admin.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .create();
        }
        for (HasMetadata object : renderChart()) {
            admin.resource(object).fieldManager("helm").serverSideApply();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            Deployment operator = admin.apps()
                    .deployments()
                    .inNamespace(RELEASE_NS)
                    .withName("lakegate-operator")
                    .get();
            assertThat(operator.getStatus())
                    .as("operator Deployment status" + podSummary(RELEASE_NS))
                    .isNotNull();
            assertThat(operator.getStatus().getReadyReplicas())
                    .as("operator pod ready" + podSummary(RELEASE_NS))
                    .isEqualTo(1);
        });
        timings.put("operator pod ready", Duration.between(t, Instant.now()).toMillis());

        // 2. the example fleet, patched for this machine. Its public URL is its Service's ClusterIP, which exists only
        // once the operator made the Service: applied first with a placeholder, the URL is then set, as a user would
        // (the Deployment controller replaces the not-yet-ready first pods straight away).
        t = Instant.now();
        patchedExamples().apply(admin, "gitops");
        await().atMost(WAIT)
                .until(() -> admin.services().inNamespace(NS).withName(FLEET).get() != null);
        publicUrl = "http://"
                + admin.services()
                        .inNamespace(NS)
                        .withName(FLEET)
                        .get()
                        .getSpec()
                        .getClusterIP() + ":" + ConnectorNames.HTTP_PORT;
        KubeEdits.editOnLatest(
                admin.resources(McpConnector.class).inNamespace(NS).withName(FLEET), c -> {
                    c.getSpec().getAuth().getOauthProxy().setPublicUrl(publicUrl);
                    return c;
                });
        await().atMost(WAIT).untilAsserted(() -> {
            McpConnector c = admin.resources(McpConnector.class)
                    .inNamespace(NS)
                    .withName(FLEET)
                    .get();
            assertThat(c.getStatus()).as("status" + podSummary(NS)).isNotNull();
            assertThat(Conditions.isTrue(c.getStatus().getConditions(), "Ready"))
                    .as("Ready" + podSummary(NS))
                    .isTrue();
            assertThat(c.getStatus().getReadyReplicas()).isEqualTo(3);
            assertThat(connectorPods())
                    .as("only pods with the public URL")
                    .hasSize(3)
                    .allSatisfy(p -> assertThat(
                                    p.getSpec().getContainers().get(0).getEnv().toString())
                            .contains(publicUrl));
        });
        timings.put(
                "three connector pods ready", Duration.between(t, Instant.now()).toMillis());
        // what a user sees; a pod of the rollout that is still terminating (10 s preStop) can count for a moment
        AtomicReference<String> shown = new AtomicReference<>();
        await().atMost(WAIT).untilAsserted(() -> {
            ExternalCommand.Result get = node.kubectl(
                    "get",
                    "mcpconnectors",
                    "-n",
                    NS,
                    "-o",
                    "custom-columns=NAME:.metadata.name,READY:.status.conditions[?(@.type==\"Ready\")].status,"
                            + "REPLICAS:.status.readyReplicas");
            shown.set(get.output());
            assertThat(get.output()).containsPattern("analytics\\s+True\\s+3");
        });
        System.out.println("kubectl get mcpconnectors:\n" + shown.get());

        // 3. the pods as the kernel sees them: uid 65532, no capabilities, read-only root
        List<Pod> pods = connectorPods();
        assertThat(pods).hasSize(3);
        for (Pod pod : pods) {
            long pid = javaPid(pod);
            PodSecurity.Observed observed = PodSecurity.of(pid);
            assertThat(observed.uids())
                    .as(pod.getMetadata().getName() + " uids")
                    .containsOnly(65532L);
            assertThat(observed.effectiveCapabilities()).as("CapEff").isZero();
            assertThat(observed.noNewPrivileges()).as("no_new_privs").isTrue();
            assertThat(observed.rootReadOnly()).as("/ read-only").isTrue();
        }

        // 4. the TypeScript SDK signs alice in through the OAuth proxy at the ClusterIP and calls the workspace
        t = Instant.now();
        Path clientState = work.resolve("ts-client-state.json");
        entra.nextSignInIs(ALICE, API, "user_impersonation");
        TypeScriptOAuthClient.Run signedIn = TypeScriptOAuthClient.run(
                work.resolve("ts-client"),
                publicUrl + "/mcp",
                List.of(
                        new Call("list_catalogs", Map.of("workspace", AWS)),
                        new Call("list_genie_spaces", Map.of("workspace", AWS))),
                clientState);
        assertThat(signedIn.challenged()).isTrue();
        signedIn.results()
                .forEach(r ->
                        assertThat(r.isError()).as(r.name() + ": " + r.text()).isFalse());
        assertThat(signedIn.result(0).text()).contains("sales");
        assertThat(signedIn.result(1).text()).contains("Sales Pipeline", "Finance Insights");
        timings.put(
                "typescript sign-in and calls",
                Duration.between(t, Instant.now()).toMillis());
        String accessToken = JSON.readTree(Files.readString(clientState))
                .path("tokens")
                .path("access_token")
                .asString();
        assertThat(accessToken).isNotBlank();

        // 5. the Python SDK with the token the proxy issued: kube-proxy spreads its connections over all replicas
        t = Instant.now();
        Path venv = PythonTools.venv(PythonTools.MCP_SDK, Duration.ofMinutes(10));
        // kube-proxy picks a pod per connection, at random, and each mode is one connection: 20 connections miss a
        // given pod with probability (2/3)^20, so all three serve calls unless the Service does not balance
        List<String> args = new ArrayList<>(List.of(publicUrl + "/mcp", String.valueOf(CALLS_PER_CONNECTION)));
        for (int i = 0; i < CONNECTIONS / 2; i++) {
            args.addAll(List.of("2026-07-28", "legacy"));
        }
        ExternalCommand.Result python = PythonTools.runScript(
                venv,
                "mcp_client.py",
                args,
                Map.of("LAKEGATE_TOKEN", accessToken),
                work.resolve("python"),
                Duration.ofMinutes(5));
        assertThat(python.succeeded()).as(python.output()).isTrue();
        List<JsonNode> pythonReports = reports(python);
        assertThat(pythonReports).hasSize(CONNECTIONS);
        for (JsonNode report : pythonReports) {
            assertThat(report.path("errors").asInt(-1)).as(report.toString()).isZero();
            assertThat(report.path("ok").asInt()).as(report.toString()).isEqualTo(CALLS_PER_CONNECTION);
        }
        Map<String, Integer> audited = auditedCallsPerPod();
        System.out.println("tool calls audited per pod: " + audited);
        assertThat(audited).as("every replica served calls").hasSize(3);
        assertThat(audited.values()).allSatisfy(n -> assertThat(n).isPositive());
        timings.put("python calls", Duration.between(t, Instant.now()).toMillis());

        // 6. a workspace change rolls the pods while a client keeps calling: no call fails
        t = Instant.now();
        Set<String> before = podNames();
        Path stop = work.resolve("stop-calling");
        CompletableFuture<ExternalCommand.Result> calling = CompletableFuture.supplyAsync(() -> PythonTools.runScript(
                venv,
                "mcp_calls_until.py",
                List.of(publicUrl + "/mcp", stop.toString(), "5000", "200"),
                Map.of("LAKEGATE_TOKEN", accessToken),
                work.resolve("python"),
                Duration.ofMinutes(10)));
        KubeEdits.editOnLatest(
                admin.resources(DatabricksWorkspace.class).inNamespace(NS).withName(AWS), w -> {
                    w.getSpec().setGenieSpaceAllowList(List.of(SALES_PIPELINE));
                    return w;
                });
        await().atMost(WAIT).untilAsserted(() -> {
            Set<String> now = podNames();
            assertThat(now)
                    .as("all pods replaced" + podSummary(NS))
                    .doesNotContainAnyElementsOf(before)
                    .hasSize(3);
            assertThat(connectorPods()).allSatisfy(p -> assertThat(ready(p)).isTrue());
        });
        Files.writeString(stop, "rolled");
        ExternalCommand.Result during = calling.get(5, TimeUnit.MINUTES);
        assertThat(during.succeeded()).as(during.output()).isTrue();
        assertThat(reports(during)).as(during.output()).hasSize(1);
        JsonNode rolling = reports(during).get(0);
        System.out.println("calls during the rollout: " + rolling);
        assertThat(rolling.path("errors").asInt(-1)).as(rolling.toString()).isZero();
        assertThat(rolling.path("ok").asInt())
                .as("calls were made during the rollout")
                .isGreaterThan(3);
        TypeScriptOAuthClient.Run after = TypeScriptOAuthClient.run(
                work.resolve("ts-client"),
                publicUrl + "/mcp",
                List.of(new Call("list_genie_spaces", Map.of("workspace", AWS))),
                clientState);
        assertThat(after.challenged())
                .as("the token from before the rollout is still accepted")
                .isFalse();
        assertThat(after.result(0).text()).contains("Sales Pipeline").doesNotContain("Finance Insights");
        timings.put("rollout under calls", Duration.between(t, Instant.now()).toMillis());

        // 7. the PodDisruptionBudget (maxUnavailable 1) lets one eviction through and refuses the next
        t = Instant.now();
        assertThat(admin.resources(PodDisruptionBudget.class)
                        .inNamespace(NS)
                        .withName(FLEET)
                        .get())
                .isNotNull();
        assertThat(admin.resources(NetworkPolicy.class)
                        .inNamespace(NS)
                        .withName(FLEET)
                        .get())
                .as("NetworkPolicy admitted (not enforced by the bridge CNI)")
                .isNotNull();
        await().atMost(WAIT).untilAsserted(() -> {
            PodDisruptionBudget pdb = admin.resources(PodDisruptionBudget.class)
                    .inNamespace(NS)
                    .withName(FLEET)
                    .get();
            assertThat(pdb.getStatus()).as("PodDisruptionBudget status").isNotNull();
            assertThat(pdb.getStatus().getDisruptionsAllowed()).isEqualTo(1);
        });
        List<Pod> running = connectorPods();
        assertThat(evict(running.get(0))).as("first eviction").isTrue();
        assertThat(evict(running.get(1)))
                .as("second eviction while one replica is down")
                .isFalse();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(connectorPods())
                        .hasSize(3)
                        .allSatisfy(p -> assertThat(ready(p)).isTrue()));

        // 8. autoscaling on: the operator's HorizontalPodAutoscaler is admitted (no metrics server: it cannot act)
        KubeEdits.editOnLatest(
                admin.resources(McpConnector.class).inNamespace(NS).withName(FLEET), c -> {
                    Autoscaling autoscaling = new Autoscaling();
                    autoscaling.setMinReplicas(3);
                    autoscaling.setMaxReplicas(3);
                    c.getSpec().setAutoscaling(autoscaling);
                    return c;
                });
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(admin.resources(HorizontalPodAutoscaler.class)
                                .inNamespace(NS)
                                .withName(FLEET)
                                .get())
                        .isNotNull());
        timings.put("pdb and hpa", Duration.between(t, Instant.now()).toMillis());
    }

    // ---- the chart and the examples --------------------------------------------------------------------------------

    static List<HasMetadata> renderChart() throws IOException {
        Path values = work.resolve("values.yaml");
        Files.writeString(values, """
                image:
                  repository: %s
                  tag: %s
                  pullPolicy: Never
                watchNamespaces: [%s]
                """.formatted(OPERATOR_REPOSITORY, OPERATOR_TAG, NS));
        String yaml = new com.marcnuri.helm.Helm(chartDir())
                .template()
                .withName("lakegate-operator")
                .withNamespace(RELEASE_NS)
                .withKubeVersion(System.getProperty("lakegate.k8s.version", "1.35.4"))
                .withValuesFile(values)
                .call();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"))) {
                objects.add(admin.getKubernetesSerialization().unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    /**
     * The examples with what must differ here: only the AWS workspace (the Azure one needs on-behalf-of through an
     * https front the pods would have to trust) and the proxied fleet; the workspace is the emulator, Entra ID the
     * test identity provider, DynamoDB is DynamoDB Local, the image is the one just built.
     */
    static ExampleManifests patchedExamples() {
        return ExampleManifests.load(admin, NS)
                .without("DatabricksWorkspace", "analytics-prod")
                .without("McpConnector", "analytics-agents")
                .without("Secret", "entra-lakegate")
                .workspace(AWS, w -> {
                    w.getSpec().setHost(aws.baseUrl());
                    w.getSpec().setAllowInsecureHttp(true);
                })
                .connector(FLEET, c -> {
                    c.getSpec().setImage(CONNECTOR_IMAGE);
                    c.getSpec().getAuth().setIssuer(issuer());
                    c.getSpec().getAuth().getOauthProxy().setPublicUrl(PLACEHOLDER_URL);
                    c.getSpec().getAuth().getOauthProxy().setAuthorizationEndpoint(issuer() + "/authorize");
                    c.getSpec().getAuth().getOauthProxy().setTokenEndpoint(issuer() + "/token");
                    c.getSpec().getTokenStore().getDynamodb().setEndpoint(dynamo.endpoint(node.address()));
                    AwsCredentialsRef credentials = new AwsCredentialsRef();
                    credentials.setName("dynamodb-local");
                    credentials.setAccessKeyIdKey("access-key-id");
                    credentials.setSecretAccessKeyKey("secret-access-key");
                    c.getSpec().getTokenStore().getDynamodb().setCredentialsSecretRef(credentials);
                    c.getSpec().setTelemetry(null);
                    // no ingress controller on the node: clients use the Service
                    c.getSpec().setExposure(null);
                })
                .secretValues(
                        "lakegate-oauth",
                        Map.of(
                                "client-secret",
                                "entra-app-secret-e2e",
                                "signing-key",
                                rsaPrivateKeyPem(),
                                "encryption-key",
                                randomKey()))
                .add(Fixtures.secret(
                        NS, "dynamodb-local", Map.of("access-key-id", "local", "secret-access-key", "local")));
    }

    /**
     * The identity provider's issuer by the node's address, which pods and the test alike reach (its own issuer URL
     * names the address's host name, which pods may not resolve).
     */
    static String issuer() {
        return entra.baseUrl() + "/" + TENANT;
    }

    static String rsaPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The table production creates with its infrastructure (the connector's createTable switch is for dev). */
    static void createTokenTable() {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(java.net.URI.create(dynamo.endpoint()))
                .region(Region.EU_WEST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            client.createTable(b -> b.tableName("lakegate-oauth")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build()));
        }
    }

    static Path chartDir() {
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .resolve("../helm/lakegate-operator")
                .normalize();
    }

    static Path imageTar(String module) {
        Path tar = Path.of(System.getProperty("lakegate.image." + module, "../" + module + "/target/jib-image.tar"));
        assertThat(tar).as("the %s image (built by the images profile)", module).isRegularFile();
        return tar;
    }

    // ---- the pods --------------------------------------------------------------------------------------------------

    static List<Pod> connectorPods() {
        return admin.pods().inNamespace(NS).withLabel(ConnectorNames.INSTANCE_LABEL, FLEET).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }

    static Set<String> podNames() {
        return admin.pods().inNamespace(NS).withLabel(ConnectorNames.INSTANCE_LABEL, FLEET).list().getItems().stream()
                .map(p -> p.getMetadata().getName())
                .collect(Collectors.toSet());
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c ->
                                c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    static String podSummary(String ns) {
        return "\npods: "
                + admin.pods().inNamespace(ns).list().getItems().stream()
                        .map(p ->
                                p.getMetadata().getName() + " " + p.getStatus().getPhase() + " "
                                        + (p.getStatus().getContainerStatuses() == null
                                                ? ""
                                                : p.getStatus().getContainerStatuses().stream()
                                                        .map(s -> String.valueOf(s.getState()))
                                                        .collect(Collectors.joining())))
                        .collect(Collectors.joining("; "));
    }

    /** The connector's JVM in the pod: a process in the pod's cgroup (cgroupfs: {@code .../pod<uid>/<id>}). */
    static long javaPid(Pod pod) throws IOException {
        String marker = "pod" + pod.getMetadata().getUid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    if (Files.readString(proc.resolve("cgroup")).contains(marker)
                            && Files.readString(proc.resolve("comm")).strip().equals("java")) {
                        return Long.parseLong(proc.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the process ended while listing
                }
            }
        }
        throw new AssertionError(
                "no java process in the cgroup of " + pod.getMetadata().getName());
    }

    /** Tool calls in each connector pod's audit log (kubectl logs, as an operator of the fleet reads them). */
    static Map<String, Integer> auditedCallsPerPod() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Pod pod : connectorPods()) {
            ExternalCommand.Result logs =
                    node.kubectl("logs", "-n", NS, pod.getMetadata().getName());
            assertThat(logs.succeeded()).as(logs.output()).isTrue();
            int calls = (int) logs.output()
                    .lines()
                    .filter(l -> l.contains("lakegate.audit"))
                    .count();
            if (calls > 0) {
                counts.put(pod.getMetadata().getName(), calls);
            }
        }
        return counts;
    }

    /** The eviction API, as {@code kubectl drain} uses it: true if evicted, false if a disruption budget refused. */
    static boolean evict(Pod pod) {
        Eviction eviction = new EvictionBuilder()
                .withNewMetadata()
                .withName(pod.getMetadata().getName())
                .withNamespace(NS)
                .endMetadata()
                .build();
        try {
            return admin.pods()
                    .inNamespace(NS)
                    .withName(pod.getMetadata().getName())
                    .evict(eviction);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 429) {
                return false;
            }
            throw e;
        }
    }

    static List<JsonNode> reports(ExternalCommand.Result run) {
        return run.output()
                .lines()
                .filter(l -> l.startsWith("MCP-CLIENT "))
                .map(l -> JSON.readTree(l.substring("MCP-CLIENT ".length())))
                .toList();
    }
}
