package io.lakegate.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.e2e.support.ConnectorProcess;
import io.lakegate.e2e.support.EntraStandIn;
import io.lakegate.e2e.support.ExampleManifests;
import io.lakegate.e2e.support.ExternalCommand;
import io.lakegate.e2e.support.McpSessions;
import io.lakegate.e2e.support.PodSecurity;
import io.lakegate.e2e.support.PodTemplateLauncher;
import io.lakegate.e2e.support.PodTemplateLauncher.ContainerReplica;
import io.lakegate.e2e.support.Podman;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.lakegate.emulator.http.RecordedRequest;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.testing.Crds;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images the build produced, run by a real container runtime (podman with runc) the way the chart and the
 * operator deploy them: the chart installed with {@code image.digest} of the operator image the build wrote, its
 * operator Deployment run from that image as its ServiceAccount (a token from the TokenRequest API, mounted where the
 * kubelet mounts it); that operator, in its container, renders the example direct-token connector naming the connector
 * image by digest; the connector Deployment is run from its image with the pod template's env, Secret/ConfigMap
 * mounts, user, read-only root filesystem and dropped capabilities, and answers an MCP call against the Databricks
 * emulator on the host as the signed-in user. For each process, {@code /proc} must show uid 65532, no effective
 * capabilities, no_new_privs and a read-only {@code /}; neither image has a shell.
 *
 * <p>Runs when the images were built (the images profile, on unless {@code -DskipImages}).
 */
@ExtendWith(KubeApiTestExtension.class)
@EnabledIfSystemProperty(named = "lakegate.images", matches = "true", disabledReason = "built with -DskipImages")
class ImageSmokeTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String API = "api://66666666-7777-8888-9999-000000000000";
    static final String TOOL_SCOPES = "lakegate.mcp lakegate.discovery lakegate.genie lakegate.sql";
    static final String CONNECTOR = "analytics-agents";
    static final String WORKSPACE = "analytics-aws";
    static final String BOB = "bob@lakegate.dev";
    static final long NON_ROOT = 65532;
    static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

    @TempDir
    static Path work;

    static EntraStandIn entra;
    static DatabricksEmulator aws;
    static final List<AutoCloseable> running = new ArrayList<>();
    static final Map<String, Long> timings = new LinkedHashMap<>();

    @BeforeAll
    static void startOutsideWorld(KubeTestContext kube) throws Exception {
        try (Stream<Path> files = Files.list(RenderedChart.chartDir().resolve("crds"))) {
            files.filter(p -> p.toString().endsWith(".yml")).forEach(p -> Crds.applyFromFile(kube.client(), p));
        }
        entra = EntraStandIn.start(TENANT, work);
        aws = DatabricksEmulator.start(EmulatorConfig.defaults());
        aws.trustIssuer(entra.issuer(), entra.jwksUri(), API);
    }

    @AfterAll
    static void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) {
            closeQuietly(running.get(i)); // the connector before the operator that rendered it
        }
        closeQuietly(aws);
        closeQuietly(entra);
    }

    @Test
    void theChartRunsTheBuiltImagesAsNonRootOnAReadOnlyRootWithoutCapabilities(KubeTestContext kube) throws Exception {
        Instant start = Instant.now();
        KubernetesClient admin = kube.client();
        String ns = kube.namespace();

        // 1. the images as the build wrote them: loaded by id, non-root by default, no shell to exec into
        String operatorImage = Podman.load(Podman.imageTar("operator"));
        String connectorImage = Podman.load(Podman.imageTar("connector"));
        timings.put("load", Duration.between(start, Instant.now()).toMillis());
        for (String image : List.of(operatorImage, connectorImage)) {
            assertThat(Podman.inspectImage(image, "{{.Config.User}}")).isEqualTo(NON_ROOT + ":" + NON_ROOT);
            for (String shell : List.of("/bin/sh", "/bin/bash", "/usr/bin/sh", "/bin/busybox")) {
                ExternalCommand.Result result = Podman.runToEnd(Podman.runCommand(
                        "lakegate-shell-probe-" + UUID.randomUUID(),
                        List.of("--entrypoint", shell),
                        image,
                        List.of("-c", "true")));
                assertThat(result.succeeded())
                        .as(shell + " in " + image + ":\n" + result.output())
                        .isFalse();
                assertThat(result.output()).as(shell).containsIgnoringCase("no such file or directory");
            }
        }

        // 2. the chart, installed as `helm install --set image.digest=...` with the operator image's digest
        String release = "lakegate-" + UUID.randomUUID().toString().substring(0, 8);
        admin.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(release)
                        .endMetadata()
                        .build())
                .create();
        String operatorRef = "localhost/lakegate/operator@" + digest("operator");
        RenderedChart chart = RenderedChart.render(
                "image: {repository: localhost/lakegate/operator, digest: \"" + digest("operator")
                        + "\"}\nwatchNamespaces: [" + ns + "]\n",
                RenderedChart.kubeVersion(),
                release);
        for (HasMetadata object : chart.all()) {
            admin.resource(object).fieldManager("helm").serverSideApply();
        }
        Deployment operatorDeployment = chart.single(Deployment.class);
        assertThat(operatorDeployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo(operatorRef);

        // 3. the operator pod: the chart's template, its ServiceAccount's token where the kubelet mounts it
        Instant operatorStart = Instant.now();
        Config apiserver = Config.fromKubeconfig(kube.server().kubeConfigYaml());
        URI master = URI.create(apiserver.getMasterUrl());
        Path serviceAccount = serviceAccountMount(admin, release, RenderedChart.RELEASE, apiserver);
        ContainerReplica operator = new PodTemplateLauncher(admin)
                .startContainer(
                        admin.apps()
                                .deployments()
                                .inNamespace(release)
                                .withName(operatorDeployment.getMetadata().getName())
                                .require(),
                        work.resolve("operator-0"),
                        Map.of(
                                "KUBERNETES_SERVICE_HOST",
                                master.getHost(),
                                "KUBERNETES_SERVICE_PORT",
                                Integer.toString(master.getPort())),
                        Map.of(SERVICE_ACCOUNT_DIR, serviceAccount),
                        operatorImage);
        running.add(operator);
        timings.put(
                "operator ready", Duration.between(operatorStart, Instant.now()).toMillis());
        assertConfined("operator", operator);

        // 4. the example direct-token connector, naming the connector image by digest; the containerised operator
        //    renders it
        Instant renderStart = Instant.now();
        String connectorRef = "localhost/lakegate/connector@" + digest("connector");
        ExampleManifests examples = ExampleManifests.load(admin, ns)
                .workspace(WORKSPACE, w -> {
                    w.getSpec().setHost(aws.baseUrl());
                    w.getSpec().setAllowInsecureHttp(true);
                })
                .connector(CONNECTOR, c -> {
                    c.getSpec().getAuth().setIssuer(entra.issuer());
                    c.getSpec().setImage(connectorRef);
                });
        for (HasMetadata object : examples.objects()) {
            String key = object.getKind() + "/" + object.getMetadata().getName();
            if (key.equals("DatabricksWorkspace/" + WORKSPACE) || key.equals("McpConnector/" + CONNECTOR)) {
                admin.resource(object).fieldManager("gitops").forceConflicts().serverSideApply();
            }
        }
        await().atMost(WAIT).untilAsserted(() -> {
            McpConnector connector = admin.resources(McpConnector.class)
                    .inNamespace(ns)
                    .withName(CONNECTOR)
                    .get();
            assertThat(connector.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(connector.getStatus().getConditions(), "Accepted"))
                    .as("accepted: " + connector.getStatus().getConditions() + "\noperator log:\n"
                            + operator.process().logText())
                    .isTrue();
            assertThat(admin.apps()
                            .deployments()
                            .inNamespace(ns)
                            .withName(CONNECTOR)
                            .get())
                    .isNotNull();
        });
        Deployment connectorDeployment =
                admin.apps().deployments().inNamespace(ns).withName(CONNECTOR).require();
        assertThat(connectorDeployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo(connectorRef);
        timings.put(
                "connector rendered",
                Duration.between(renderStart, Instant.now()).toMillis());

        // 5. the connector pod from its template and image; bob calls a tool with an Entra token for the API
        Instant connectorStart = Instant.now();
        ContainerReplica connector = new PodTemplateLauncher(admin)
                .startContainer(connectorDeployment, work.resolve("connector-0"), Map.of(), Map.of(), connectorImage);
        running.add(connector);
        timings.put(
                "connector ready",
                Duration.between(connectorStart, Instant.now()).toMillis());
        assertConfined("connector", connector);
        try (McpSessions sessions = new McpSessions()) {
            String catalogs = sessions.callText(
                    connector.process(),
                    entra.signIn(BOB, API, TOOL_SCOPES),
                    "list_catalogs",
                    Map.of("workspace", WORKSPACE));
            assertThat(catalogs).contains("sales");
        }
        List<RecordedRequest> api = aws.requests().stream()
                .filter(r -> r.path().startsWith("/api/2."))
                .toList();
        // the one call without credentials is the connector's warm-up before readiness, which the workspace refuses
        assertThat(api)
                .as("the emulator was called as bob, or without credentials and refused")
                .allSatisfy(r -> {
                    if (r.user() == null) {
                        assertThat(r.path()).isEqualTo("/api/2.0/preview/scim/v2/Me");
                        assertThat(r.status()).isEqualTo(401);
                    } else {
                        assertThat(r.user()).isEqualTo(BOB);
                    }
                })
                .anyMatch(r -> BOB.equals(r.user()));
        assertThat(health(connector.process(), "/actuator/health/liveness")).isEqualTo(200);

        timings.put("total", Duration.between(start, Instant.now()).toMillis());
        System.out.println("ImageSmokeTest timing: "
                + timings.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue() / 1000.0 + " s")
                        .collect(Collectors.joining(", ")));
    }

    /** What the kernel gave the container's JVM: the pod's user, nothing more. */
    static void assertConfined(String what, ContainerReplica replica) {
        PodSecurity.Observed observed = PodSecurity.of(replica.pid());
        String log = "\n" + what + " log:\n" + replica.process().logText();
        assertThat(observed.uids())
                .as(what + " uids (real, effective, saved, fs)" + log)
                .containsOnly(NON_ROOT);
        assertThat(observed.gids()).as(what + " gids").containsOnly(NON_ROOT);
        assertThat(observed.effectiveCapabilities()).as(what + " CapEff").isZero();
        assertThat(observed.noNewPrivileges()).as(what + " NoNewPrivs").isTrue();
        assertThat(observed.rootReadOnly()).as(what + " / read-only").isTrue();
        // writable: the emptyDir at /tmp, and the kernel's and runtime's own (proc with its masked files, dev, cgroup)
        assertThat(observed.writableMounts())
                .as(what + " writable mounts")
                .contains("/tmp")
                .allMatch(
                        m -> m.equals("/tmp")
                                || m.equals("/proc")
                                || m.startsWith("/proc/")
                                || m.equals("/dev")
                                || m.startsWith("/dev/")
                                || m.startsWith("/sys/fs/cgroup"),
                        "/tmp or kernel/runtime only");
        System.out.println("ImageSmokeTest " + what + " /proc: " + observed);
    }

    /**
     * The ServiceAccount token volume the kubelet projects into a pod: a bound token from the TokenRequest API, the
     * apiserver's CA and the namespace, readable by the pod's fsGroup.
     */
    static Path serviceAccountMount(KubernetesClient admin, String namespace, String serviceAccount, Config apiserver)
            throws Exception {
        TokenRequest request = admin.serviceAccounts()
                .inNamespace(namespace)
                .withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withExpirationSeconds(3600L)
                        .endSpec()
                        .build());
        Path dir = Files.createDirectories(work.resolve("operator-serviceaccount"));
        Files.writeString(dir.resolve("token"), request.getStatus().getToken(), StandardCharsets.UTF_8);
        if (apiserver.getCaCertData() != null) {
            Files.write(dir.resolve("ca.crt"), Base64.getDecoder().decode(apiserver.getCaCertData()));
        } else {
            Files.copy(Path.of(apiserver.getCaCertFile()), dir.resolve("ca.crt"));
        }
        Files.writeString(dir.resolve("namespace"), namespace, StandardCharsets.UTF_8);
        return dir;
    }

    static String digest(String module) throws Exception {
        return Files.readString(Podman.imageTar(module).resolveSibling("jib-image.digest"), StandardCharsets.UTF_8)
                .strip();
    }

    static int health(ConnectorProcess process, String path) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(
                        HttpRequest.newBuilder(URI.create(process.baseUrl() + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort: the next one still has to stop
        }
    }
}
