package io.lakegate.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves the harness gives tests a real apiserver: schema, CEL, admission policies, pruning, SSA, writes, status. */
@ExtendWith(KubeApiTestExtension.class)
class KubeApiTestHarnessTest {

    private static final String WIDGETS = "test.lakegate.io/v1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void installWidgetCrd() {
        Crds.applyFromClasspath(KubeApiTestServer.shared().client(), "testing/widgets.test.lakegate.io.yaml");
    }

    @Test
    void runsThePinnedKubernetesVersion(KubeTestContext kube) {
        String pinned = System.getProperty(KubeApiTestServer.VERSION_PROPERTY);
        assertThat(kube.server().version()).isEqualTo(pinned);
        assertThat(kube.client().getKubernetesVersion().getGitVersion()).isEqualTo("v" + pinned);
    }

    @Test
    void givesEachTestItsOwnActiveNamespace(KubeTestContext kube) {
        var namespace = kube.client().namespaces().withName(kube.namespace()).get();
        assertThat(namespace.getStatus().getPhase()).isEqualTo("Active");
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("lakegate.io/test-class", "kube-api-test-harness-test");
        assertThat(kube.namespace()).startsWith("gives-each-test-its-own-active-namespace-");
    }

    @Test
    void establishedCrdServesObjectsWithSchemaDefaults(KubeTestContext kube) {
        assertThat(Crds.isEstablished(kube.client()
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("widgets.test.lakegate.io")
                        .get()))
                .isTrue();

        widgets(kube).resource(widget("plain", Map.of("size", 3))).create();

        Map<String, Object> spec = spec(widgets(kube).withName("plain").get());
        assertThat(spec).containsEntry("size", 3).containsEntry("minReplicas", 1);
    }

    @Test
    void schemaBoundsAndCelRulesRejectBadObjectsWithTheirMessages(KubeTestContext kube) {
        assertThatThrownBy(() -> widgets(kube)
                        .resource(widget("too-big", Map.of("size", 11)))
                        .create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422))
                .hasMessageContaining("spec.size")
                .hasMessageContaining("should be less than or equal to 10");

        assertThatThrownBy(() -> widgets(kube)
                        .resource(widget("inverted", Map.of("size", 1, "minReplicas", 5, "maxReplicas", 2)))
                        .create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422))
                .hasMessageContaining("minReplicas must not exceed maxReplicas");

        widgets(kube)
                .resource(widget("pinned", Map.of("size", 1, "host", "a.example.com")))
                .create();
        assertThatThrownBy(() -> widgets(kube).withName("pinned").edit(w -> {
                    spec(w).put("host", "b.example.com");
                    return w;
                }))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422))
                .hasMessageContaining("host is immutable");
    }

    @Test
    void validatingAdmissionPolicyRejectsWithItsMessage(KubeTestContext kube) throws IOException {
        try (InputStream policy =
                getClass().getClassLoader().getResourceAsStream("testing/widgets-no-red-policy.yaml")) {
            for (HasMetadata item : kube.client().load(policy).items()) {
                kube.client()
                        .resource(item)
                        .fieldManager("lakegate-test")
                        .forceConflicts()
                        .serverSideApply();
            }
        }
        GenericKubernetesResource red = widget("red-one", Map.of("size", 1, "color", "red"));

        // the apiserver compiles and loads a new policy asynchronously; dry-run creates go through admission too
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> rejected(() -> widgets(kube).resource(red).dryRun().create()));

        assertThatThrownBy(() -> widgets(kube).resource(red).create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422))
                .hasMessageContaining("widget red-one: red is reserved for alerts");
        widgets(kube)
                .resource(widget("blue-one", Map.of("size", 1, "color", "blue")))
                .create();
        assertThat(widgets(kube).withName("red-one").get()).isNull();
    }

    @Test
    void unknownFieldsArePruned(KubeTestContext kube) {
        GenericKubernetesResource sloppy = widget("sloppy", Map.of("size", 2, "colour", "blue"));
        sloppy.setAdditionalProperty("extra", Map.of("anything", true));

        widgets(kube).resource(sloppy).create();

        GenericKubernetesResource stored = widgets(kube).withName("sloppy").get();
        assertThat(spec(stored)).containsOnlyKeys("size", "minReplicas");
        assertThat(stored.getAdditionalProperties()).doesNotContainKey("extra");
    }

    @Test
    void serverSideApplyTracksFieldOwnersAndReportsConflicts(KubeTestContext kube) {
        widgets(kube)
                .resource(widget("shared", Map.of("size", 2, "color", "blue")))
                .fieldManager("team-a")
                .serverSideApply();

        assertThatThrownBy(() -> widgets(kube)
                        .resource(widget("shared", Map.of("size", 2, "color", "green")))
                        .fieldManager("team-b")
                        .serverSideApply())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(409))
                .hasMessageContaining("conflict");

        widgets(kube)
                .resource(widget("shared", Map.of("size", 2, "color", "green")))
                .fieldManager("team-b")
                .forceConflicts()
                .serverSideApply();

        GenericKubernetesResource stored = widgets(kube).withName("shared").get();
        assertThat(spec(stored)).containsEntry("color", "green");
        assertThat(stored.getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager)
                .contains("team-a", "team-b");
    }

    @Test
    void fakeControllerReportsDeploymentStatusAndSimulatesUnavailablePods(KubeTestContext kube) {
        var deployments = kube.client().apps().deployments().inNamespace(kube.namespace());
        deployments.resource(deployment("web", 2)).create();

        await().atMost(WAIT).untilAsserted(() -> {
            Deployment d = deployments.withName("web").get();
            assertThat(d.getStatus().getObservedGeneration())
                    .isEqualTo(d.getMetadata().getGeneration());
            assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
            assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
            assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(2);
            assertThat(available(d).getStatus()).isEqualTo("True");
        });

        deployments.withName("web").scale(3);
        await().atMost(WAIT).untilAsserted(() -> {
            Deployment d = deployments.withName("web").get();
            assertThat(d.getMetadata().getGeneration()).isEqualTo(2L);
            assertThat(d.getStatus().getObservedGeneration()).isEqualTo(2L);
            assertThat(d.getStatus().getReadyReplicas()).isEqualTo(3);
        });

        kube.deployments().simulateUnavailable(kube.namespace(), "web");
        await().atMost(WAIT).untilAsserted(() -> {
            Deployment d = deployments.withName("web").get();
            assertThat(d.getStatus().getReadyReplicas()).isNull(); // zero counts are omitted by the apiserver
            assertThat(d.getStatus().getUnavailableReplicas()).isEqualTo(3);
            assertThat(available(d).getStatus()).isEqualTo("False");
            assertThat(available(d).getReason()).isEqualTo("MinimumReplicasUnavailable");
        });

        kube.deployments().simulateAvailable(kube.namespace(), "web");
        await().atMost(WAIT).untilAsserted(() -> {
            Deployment d = deployments.withName("web").get();
            assertThat(d.getStatus().getReadyReplicas()).isEqualTo(3);
            assertThat(d.getStatus().getUnavailableReplicas()).isNull();
        });
    }

    @Test
    void writeLogRecordsEveryWriteAndNothingWhileIdle(KubeTestContext kube) {
        String ns = kube.namespace();
        var deployments = kube.client().apps().deployments().inNamespace(ns);
        deployments.resource(deployment("settled", 1)).create();
        await().atMost(WAIT).until(() -> {
            Deployment d = deployments.withName("settled").get();
            return d.getStatus() != null
                    && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas());
        });

        ApiWriteLog.Mark idleStart = kube.writeLog().mark();
        deployments.withName("settled").get(); // reads are not writes
        assertThat(kube.writeLog().since(idleStart))
                .filteredOn(w -> w.inNamespace(ns))
                .isEmpty();

        KubernetesClient operatorLike = kube.server().newClient("write-log-test-client");
        ApiWriteLog.Mark start = kube.writeLog().mark();
        operatorLike
                .configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("rendered")
                        .endMetadata()
                        .addToData("k", "v")
                        .build())
                .create();
        operatorLike.configMaps().inNamespace(ns).withName("rendered").edit(cm -> {
            cm.getData().put("k", "v2");
            return cm;
        });
        assertThatThrownBy(() -> operatorLike
                        .resource(widget("bad", Map.of("size", 0)))
                        .inNamespace(ns)
                        .create())
                .isInstanceOf(KubernetesClientException.class);
        operatorLike.configMaps().inNamespace(ns).withName("rendered").delete();

        List<ApiWrite> writes = kube.writeLog().since(start).stream()
                .filter(w -> w.inNamespace(ns))
                .toList();
        assertThat(writes)
                .extracting(ApiWrite::verb, ApiWrite::resource, ApiWrite::name, ApiWrite::code)
                .containsExactly(
                        tuple("create", "configmaps", "rendered", 201),
                        tuple("patch", "configmaps", "rendered", 200),
                        tuple("create", "widgets", "bad", 422),
                        tuple("delete", "configmaps", "rendered", 200));
        assertThat(writes).allSatisfy(w -> assertThat(w.userAgent()).isEqualTo("write-log-test-client"));
    }

    private static boolean rejected(Runnable write) {
        try {
            write.run();
            return false;
        } catch (KubernetesClientException e) {
            return e.getCode() == 422;
        }
    }

    private static MixedOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            widgetsAnyNamespace(KubernetesClient client) {
        return client.genericKubernetesResources(WIDGETS, "Widget");
    }

    private static NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            widgets(KubeTestContext kube) {
        return widgetsAnyNamespace(kube.client()).inNamespace(kube.namespace());
    }

    private static GenericKubernetesResource widget(String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(WIDGETS)
                .withKind("Widget")
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToAdditionalProperties("spec", new LinkedHashMap<>(spec))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource widget) {
        return (Map<String, Object>) widget.getAdditionalProperties().get("spec");
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("registry.example/app:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static DeploymentCondition available(Deployment d) {
        return d.getStatus().getConditions().stream()
                .filter(c -> "Available".equals(c.getType()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Available condition in " + d.getStatus()));
    }
}
