package io.lakegate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.Condition;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.connector.ConnectorNames;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.testing.ApiWrite;
import io.lakegate.operator.testing.ApiWriteLog;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator on a real kube-apiserver (fake Deployment controller): lifecycle, rollouts, status, write counts. */
@ExtendWith(KubeApiTestExtension.class)
class McpConnectorLifecycleApiServerTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    private KubeTestContext kube;
    private KubernetesClient client;
    private String ns;
    private RunningOperator operator;

    @BeforeAll
    static void installCrds(KubeTestContext kube) {
        LakegateCrds.install(kube.client());
    }

    @BeforeEach
    void startOperator(KubeTestContext kube) {
        this.kube = kube;
        this.client = kube.client();
        this.ns = kube.namespace();
        operator = RunningOperator.start(kube);
    }

    @AfterEach
    void stopOperator() {
        operator.close();
    }

    @Test
    void createsEveryChildWithOwnerReferencesAndReportsReady() {
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "s3cret")))
                .create();
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
        McpConnector created =
                client.resource(Fixtures.connector(ns, "fleet", "analytics")).create();

        awaitCondition("fleet", "Ready", "True");
        McpConnector connector = connector("fleet");
        assertThat(reason(connector, "Accepted")).isEqualTo("Resolved");
        assertThat(reason(connector, "Available")).isEqualTo("MinimumReplicasAvailable");
        assertThat(connector.getStatus().getObservedGeneration())
                .isEqualTo(connector.getMetadata().getGeneration());
        assertThat(connector.getStatus().getUrl()).isEqualTo("http://fleet." + ns + ".svc:8080/mcp");
        assertThat(connector.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(connector.getStatus().getWorkspaceCount()).isEqualTo(1);
        assertThat(connector.getStatus().getConditions()).allSatisfy(c -> {
            assertThat(c.getLastTransitionTime()).isNotBlank();
            assertThat(c.getObservedGeneration()).isEqualTo(1L);
        });

        List<HasMetadata> children = List.of(
                get(Deployment.class, "fleet"),
                get(Service.class, "fleet"),
                get(ServiceAccount.class, "fleet"),
                get(ConfigMap.class, "fleet-config"),
                get(PodDisruptionBudget.class, "fleet"),
                get(NetworkPolicy.class, "fleet"));
        for (HasMetadata child : children) {
            assertThat(child.getMetadata().getOwnerReferences())
                    .as(child.getKind())
                    .singleElement()
                    .satisfies(owner -> {
                        assertThat(owner.getKind()).isEqualTo("McpConnector");
                        assertThat(owner.getUid())
                                .isEqualTo(created.getMetadata().getUid());
                        assertThat(owner.getApiVersion()).isEqualTo("lakegate.io/v1alpha1");
                    });
        }
        ConfigMap config = get(ConfigMap.class, "fleet-config");
        assertThat(config.getData().get("workspaces.json"))
                .contains(
                        "\"name\":\"analytics\"",
                        "\"mode\":\"obo\"",
                        "\"clientSecretEnv\":\"LAKEGATE_WORKSPACE_0_CLIENT_SECRET\"")
                .doesNotContain("s3cret");
        var pod = get(Deployment.class, "fleet").getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("LAKEGATE_WORKSPACE_0_CLIENT_SECRET");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("entra");
        });

        awaitWorkspace(
                "analytics",
                w -> w.getStatus() != null
                        && Integer.valueOf(1).equals(w.getStatus().getConnectorCount())
                        && Conditions.isTrue(w.getStatus().getConditions(), "Ready"));
    }

    @Test
    void missingSecretAndWorkspaceGiveFalseConditionsUntilTheyAppear() {
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
        client.resource(Fixtures.connector(ns, "fleet", "analytics", "ghost")).create();

        awaitCondition("fleet", "Accepted", "False");
        McpConnector connector = connector("fleet");
        assertThat(connector.getStatus().getConditions())
                .filteredOn(c -> c.getType().equals("Accepted"))
                .singleElement()
                .satisfies(c -> assertThat(c.getMessage())
                        .contains("DatabricksWorkspace ghost not found", "Secret entra not found"));
        assertThat(reason(connector, "Ready")).isEqualTo("NotAccepted");
        assertThat(connector.getStatus().getWorkspaces())
                .extracting(w -> w.getName() + ":" + w.getReason())
                .containsExactly("analytics:SecretNotFound", "ghost:WorkspaceNotFound");
        assertThat(get(Deployment.class, "fleet")).isNull();
        awaitWorkspace(
                "analytics",
                w -> w.getStatus() != null
                        && "SecretNotFound"
                                .equals(Conditions.find(w.getStatus().getConditions(), "Accepted")
                                        .getReason()));

        // a broken reference is a state, not an error: nothing is retried or rewritten while it stays broken
        ApiWriteLog.Mark idle = kube.writeLog().mark();
        sleep(Duration.ofSeconds(2));
        assertThat(operatorWrites(idle)).isEmpty();

        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "s3cret")))
                .create();
        client.resource(Fixtures.federatedWorkspace(ns, "ghost")).create();
        awaitCondition("fleet", "Ready", "True");
        assertThat(connector("fleet").getStatus().getWorkspaceCount()).isEqualTo(2);
        awaitWorkspace("analytics", w -> Conditions.isTrue(w.getStatus().getConditions(), "Accepted"));
    }

    @Test
    void secretRotationRollsThePodsExactlyOnce() {
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "v1")))
                .create();
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
        client.resource(Fixtures.connector(ns, "fleet", "analytics")).create();
        awaitCondition("fleet", "Ready", "True");
        Deployment before = get(Deployment.class, "fleet");
        String hashBefore = hash(before);

        ApiWriteLog.Mark mark = kube.writeLog().mark();
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "v2")))
                .update();

        await().atMost(WAIT).until(() -> !hashBefore.equals(hash(get(Deployment.class, "fleet"))));
        awaitCondition("fleet", "Ready", "True");
        awaitQuiet();
        Deployment after = get(Deployment.class, "fleet");
        assertThat(after.getMetadata().getGeneration())
                .isEqualTo(before.getMetadata().getGeneration() + 1);
        assertThat(operatorWrites(mark))
                .filteredOn(w -> w.resource().equals("deployments"))
                .as("one Deployment write per rotation")
                .hasSize(1);
        assertThat(connector("fleet").getStatus().getConfigHash()).isEqualTo(hash(after));

        // a Secret change the pods do not consume (another key) rolls nothing
        ApiWriteLog.Mark unrelated = kube.writeLog().mark();
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "v2", "unused", "x")))
                .update();
        sleep(Duration.ofSeconds(2));
        assertThat(operatorWrites(unrelated)).isEmpty();
        assertThat(get(Deployment.class, "fleet").getMetadata().getGeneration())
                .isEqualTo(after.getMetadata().getGeneration());
    }

    @Test
    void workspaceChangeRollsAndDeletedChildrenAreRecreated() {
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "v1")))
                .create();
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
        client.resource(Fixtures.connector(ns, "fleet", "analytics")).create();
        awaitCondition("fleet", "Ready", "True");
        String hashBefore = hash(get(Deployment.class, "fleet"));

        client.resources(DatabricksWorkspace.class)
                .inNamespace(ns)
                .withName("analytics")
                .edit(w -> {
                    w.getSpec().setTagWarehouseId("wh42");
                    return w;
                });
        await().atMost(WAIT).until(() -> !hashBefore.equals(hash(get(Deployment.class, "fleet"))));
        assertThat(get(ConfigMap.class, "fleet-config").getData().get("workspaces.json"))
                .contains("\"tagWarehouseId\":\"wh42\"");

        String serviceUid = get(Service.class, "fleet").getMetadata().getUid();
        client.services().inNamespace(ns).withName("fleet").delete();
        client.configMaps().inNamespace(ns).withName("fleet-config").delete();
        client.apps().deployments().inNamespace(ns).withName("fleet").delete();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(get(Service.class, "fleet"))
                    .isNotNull()
                    .satisfies(s -> assertThat(s.getMetadata().getUid()).isNotEqualTo(serviceUid));
            assertThat(get(ConfigMap.class, "fleet-config")).isNotNull();
            assertThat(get(Deployment.class, "fleet")).isNotNull();
        });
        awaitCondition("fleet", "Ready", "True");
    }

    @Test
    void idleResyncAndOperatorRestartWriteNothing() {
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "v1")))
                .create();
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
        var spec = Fixtures.connector(ns, "fleet", "analytics");
        client.resource(spec).create();
        awaitCondition("fleet", "Ready", "True");
        awaitQuiet();

        // an event that makes every controller reconcile without changing anything the connector consumes
        ApiWriteLog.Mark touched = kube.writeLog().mark();
        client.secrets().inNamespace(ns).withName("entra").edit(s -> {
            s.getMetadata().setLabels(Map.of("rotated-by", "nobody"));
            return s;
        });
        sleep(Duration.ofSeconds(2));
        assertThat(operatorWrites(touched))
                .as("writes after a no-op Secret event")
                .isEmpty();

        // a fresh operator reconciles every resource from scratch: all children already match
        operator.close();
        ApiWriteLog.Mark restart = kube.writeLog().mark();
        operator = RunningOperator.start(kube);
        sleep(Duration.ofSeconds(4));
        assertThat(operatorWrites(restart))
                .as("writes after an operator restart")
                .isEmpty();
    }

    @Test
    void twoConnectorsShareOneWorkspaceAndBothRollOnRotation() {
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "v1")))
                .create();
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
        client.resource(Fixtures.connector(ns, "blue", "analytics")).create();
        McpConnector green = Fixtures.connector(ns, "green");
        green.getSpec().getWorkspaces().setNames(null);
        green.getSpec()
                .getWorkspaces()
                .setSelector(new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                        .addToMatchLabels("team", "data")
                        .build());
        client.resource(green).create();

        awaitCondition("blue", "Ready", "True");
        awaitCondition("green", "Accepted", "False");
        assertThat(reason(connector("green"), "Accepted")).isEqualTo("NoWorkspacesSelected");

        // labelling the workspace brings it under green's selector
        client.resources(DatabricksWorkspace.class)
                .inNamespace(ns)
                .withName("analytics")
                .edit(w -> {
                    w.getMetadata().setLabels(Map.of("team", "data"));
                    return w;
                });
        awaitCondition("green", "Ready", "True");
        awaitWorkspace("analytics", w -> Integer.valueOf(2).equals(w.getStatus().getConnectorCount()));
        awaitQuiet();

        String blue = hash(get(Deployment.class, "blue"));
        String greenHash = hash(get(Deployment.class, "green"));
        assertThat(blue).isEqualTo(greenHash);
        ApiWriteLog.Mark mark = kube.writeLog().mark();
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "v2")))
                .update();
        await().atMost(WAIT)
                .until(() -> !blue.equals(hash(get(Deployment.class, "blue")))
                        && !greenHash.equals(hash(get(Deployment.class, "green"))));
        awaitQuiet();
        assertThat(operatorWrites(mark))
                .filteredOn(w -> w.resource().equals("deployments"))
                .extracting(ApiWrite::name)
                .containsExactlyInAnyOrder("blue", "green");

        client.resources(McpConnector.class).inNamespace(ns).withName("blue").delete();
        awaitWorkspace("analytics", w -> Integer.valueOf(1).equals(w.getStatus().getConnectorCount()));
    }

    @Test
    void optionalIngressAndAutoscalerFollowTheSpec() {
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "v1")))
                .create();
        client.resource(Fixtures.connector(ns, "fleet", "analytics")).create();
        awaitCondition("fleet", "Ready", "True");
        assertThat(client.network()
                        .v1()
                        .ingresses()
                        .inNamespace(ns)
                        .withName("fleet")
                        .get())
                .isNull();

        client.resources(McpConnector.class).inNamespace(ns).withName("fleet").edit(c -> {
            var exposure = new io.lakegate.operator.api.Exposure();
            var ingress = new io.lakegate.operator.api.IngressExposure();
            ingress.setHost("mcp.example.com");
            ingress.setTlsSecretName("mcp-tls");
            exposure.setIngress(ingress);
            c.getSpec().setExposure(exposure);
            var store = new io.lakegate.operator.api.TokenStore();
            store.setType(io.lakegate.operator.api.TokenStoreType.DynamoDB);
            var dynamo = new io.lakegate.operator.api.DynamoDbTokenStore();
            dynamo.setTable("lakegate-tokens");
            dynamo.setRegion("eu-west-1");
            store.setDynamodb(dynamo);
            c.getSpec().setTokenStore(store);
            var autoscaling = new io.lakegate.operator.api.Autoscaling();
            autoscaling.setMinReplicas(2);
            autoscaling.setMaxReplicas(5);
            c.getSpec().setAutoscaling(autoscaling);
            return c;
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.network()
                            .v1()
                            .ingresses()
                            .inNamespace(ns)
                            .withName("fleet")
                            .get())
                    .isNotNull();
            assertThat(client.autoscaling()
                            .v2()
                            .horizontalPodAutoscalers()
                            .inNamespace(ns)
                            .withName("fleet")
                            .get())
                    .isNotNull();
            assertThat(connector("fleet").getStatus().getUrl()).isEqualTo("https://mcp.example.com/mcp");
        });
        assertThat(client.network()
                        .v1()
                        .ingresses()
                        .inNamespace(ns)
                        .withName("fleet")
                        .get()
                        .getMetadata()
                        .getOwnerReferences())
                .extracting(OwnerReference::getName)
                .containsExactly("fleet");
        // SSA matching must accept the server-defaulted HPA/Ingress as-is: otherwise every reconcile rewrites them
        awaitQuiet();

        client.resources(McpConnector.class).inNamespace(ns).withName("fleet").edit(c -> {
            c.getSpec().setExposure(null);
            c.getSpec().setAutoscaling(null);
            return c;
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.network()
                            .v1()
                            .ingresses()
                            .inNamespace(ns)
                            .withName("fleet")
                            .get())
                    .isNull();
            assertThat(client.autoscaling()
                            .v2()
                            .horizontalPodAutoscalers()
                            .inNamespace(ns)
                            .withName("fleet")
                            .get())
                    .isNull();
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    private List<ApiWrite> operatorWrites(ApiWriteLog.Mark mark) {
        return kube.writeLog().since(mark).stream()
                .filter(w -> w.inNamespace(ns) && w.byUserAgent(RunningOperator.USER_AGENT))
                .toList();
    }

    /** Waits until two consecutive 1 s windows see no operator write: the fleet has settled. */
    private void awaitQuiet() {
        await().atMost(WAIT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    ApiWriteLog.Mark mark = kube.writeLog().mark();
                    sleep(Duration.ofSeconds(1));
                    return operatorWrites(mark).isEmpty();
                });
    }

    private void awaitCondition(String name, String type, String status) {
        await().atMost(WAIT).untilAsserted(() -> {
            McpConnector c = connector(name);
            assertThat(c.getStatus()).as(name + " status").isNotNull();
            Condition condition = Conditions.find(c.getStatus().getConditions(), type);
            assertThat(condition).as(name + " " + type).isNotNull();
            assertThat(condition.getStatus())
                    .as(name + " " + type + " " + condition)
                    .isEqualTo(status);
            assertThat(c.getStatus().getObservedGeneration())
                    .isEqualTo(c.getMetadata().getGeneration());
        });
    }

    private void awaitWorkspace(String name, java.util.function.Predicate<DatabricksWorkspace> check) {
        await().atMost(WAIT).until(() -> {
            DatabricksWorkspace w = client.resources(DatabricksWorkspace.class)
                    .inNamespace(ns)
                    .withName(name)
                    .get();
            return w != null && w.getStatus() != null && check.test(w);
        });
    }

    private McpConnector connector(String name) {
        return client.resources(McpConnector.class)
                .inNamespace(ns)
                .withName(name)
                .get();
    }

    private <T extends HasMetadata> T get(Class<T> type, String name) {
        return client.resources(type).inNamespace(ns).withName(name).get();
    }

    private static String reason(McpConnector connector, String type) {
        return Conditions.find(connector.getStatus().getConditions(), type).getReason();
    }

    static String hash(Deployment deployment) {
        return deployment
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(ConnectorNames.CONFIG_HASH_ANNOTATION);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
