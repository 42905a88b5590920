package io.lakegate.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lakegate.operator.testing.Crds;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart on a real kube-apiserver: its CRDs install, and with the rendered objects applied every grant is checked as
 * the operator's ServiceAccount (impersonated): what the operator does is allowed where it should be, nothing more.
 */
@ExtendWith(KubeApiTestExtension.class)
class HelmChartOnApiServerTest {

    private final List<KubernetesClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(KubernetesClient::close);
    }

    @Test
    void chartCrdsInstallAndAreEstablished(KubeTestContext kube) throws IOException {
        List<Path> files = chartFiles("crds", ".yml");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            CustomResourceDefinition crd = Crds.applyFromFile(kube.client(), file);
            assertThat(Crds.isEstablished(crd)).as(file.toString()).isTrue();
            assertThat(crd.getSpec().getGroup()).isEqualTo("lakegate.io");
        }
    }

    /** The manifests shipped as documentation are valid: schema, CEL rules, and no field pruned as unknown. */
    @Test
    void shippedExamplesAreAcceptedWithNothingPruned(KubeTestContext kube) throws IOException {
        for (Path crd : chartFiles("crds", ".yml")) {
            Crds.applyFromFile(kube.client(), crd);
        }
        kube.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("analytics")
                        .endMetadata()
                        .build())
                .serverSideApply();
        List<Path> examples = chartFiles("examples", ".yaml");
        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        for (Path example : examples) {
            List<HasMetadata> objects;
            try (InputStream in = Files.newInputStream(example)) {
                objects = kube.client().load(in).items();
            }
            for (HasMetadata object : objects) {
                HasMetadata stored =
                        kube.client().resource(object).fieldManager("example").serverSideApply();
                if (object instanceof GenericKubernetesResource sent) {
                    GenericKubernetesResource kept = (GenericKubernetesResource) stored;
                    assertKept(
                            example.getFileName() + ": spec",
                            sent.getAdditionalProperties().get("spec"),
                            kept.getAdditionalProperties().get("spec"));
                }
            }
        }
    }

    /** Every field sent is stored with its value (the server may add defaults, but may not prune or change). */
    private static void assertKept(String path, Object sent, Object stored) {
        if (sent instanceof Map<?, ?> sentMap) {
            assertThat(stored).as(path).isInstanceOf(Map.class);
            sentMap.forEach((k, v) -> assertKept(path + "." + k, v, ((Map<?, ?>) stored).get(k)));
        } else if (sent instanceof List<?> sentList) {
            assertThat(stored).as(path).isInstanceOf(List.class);
            assertThat((List<?>) stored).as(path).hasSameSizeAs(sentList);
            for (int i = 0; i < sentList.size(); i++) {
                assertKept(path + "[" + i + "]", sentList.get(i), ((List<?>) stored).get(i));
            }
        } else {
            assertThat(String.valueOf(stored)).as(path).isEqualTo(String.valueOf(sent));
        }
    }

    private static List<Path> chartFiles(String dir, String suffix) throws IOException {
        try (Stream<Path> list = Files.list(RenderedChart.chartDir().resolve(dir))) {
            return list.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void namespacedInstallAllowsTheOperatorsActionsInWatchedNamespacesOnly(KubeTestContext kube) {
        String watched = kube.namespace();
        String release = createNamespace(kube, "rel");
        String unwatched = createNamespace(kube, "other");
        install(kube, release, "watchNamespaces: [" + watched + "]");
        KubernetesClient operator = impersonateOperator(kube, release);

        for (String grant : OperatorRbacRules.perNamespace()) {
            assertThat(allowed(operator, grant, watched))
                    .as("%s in the watched namespace", grant)
                    .isTrue();
            assertThat(allowed(operator, grant, unwatched))
                    .as("%s in an unwatched namespace", grant)
                    .isFalse();
            assertThat(allowed(operator, grant, ""))
                    .as("%s cluster-wide", grant)
                    .isFalse();
        }
        // it creates each connector's session-key Secret, but never changes or deletes a Secret
        for (String denied : List.of(
                "/secrets:update",
                "/secrets:patch",
                "/secrets:delete",
                "/pods:list",
                "rbac.authorization.k8s.io/roles:create",
                "coordination.k8s.io/leases:create")) {
            assertThat(allowed(operator, denied, watched)).as(denied).isFalse();
            assertThat(allowed(operator, denied, release)).as(denied).isFalse();
        }

        // and real requests, not just reviews
        operator.configMaps()
                .inNamespace(watched)
                .resource(configMap("rendered"))
                .create();
        assertThat(operator.secrets().inNamespace(watched).list().getItems()).isEmpty();
        assertThatThrownBy(() -> operator.configMaps()
                        .inNamespace(unwatched)
                        .resource(configMap("rendered"))
                        .create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(403));
    }

    @Test
    void clusterWideInstallWithLeaderElection(KubeTestContext kube) {
        String release = createNamespace(kube, "rel");
        install(kube, release, "replicas: 2");
        KubernetesClient operator = impersonateOperator(kube, release);

        for (String grant : OperatorRbacRules.perNamespace()) {
            assertThat(allowed(operator, grant, kube.namespace())).as(grant).isTrue();
            assertThat(allowed(operator, grant, ""))
                    .as("%s cluster-wide", grant)
                    .isTrue();
        }
        for (String grant : OperatorRbacRules.leaderElection()) {
            assertThat(allowed(operator, grant, release))
                    .as("%s in the release namespace", grant)
                    .isTrue();
            assertThat(allowed(operator, grant, kube.namespace()))
                    .as("%s elsewhere", grant)
                    .isFalse();
        }
        assertThat(allowed(operator, "/secrets:update", kube.namespace())).isFalse();
        assertThat(allowed(operator, "apiextensions.k8s.io/customresourcedefinitions:create", ""))
                .isFalse();
    }

    /** Applies every rendered object (server-side apply), as `helm install --skip-crds` would create them. */
    private static void install(KubeTestContext kube, String releaseNamespace, String valuesYaml) {
        RenderedChart chart = RenderedChart.render(valuesYaml, RenderedChart.kubeVersion(), releaseNamespace);
        for (HasMetadata object : chart.all()) {
            kube.client().resource(object).fieldManager("helm").serverSideApply();
        }
    }

    private KubernetesClient impersonateOperator(KubeTestContext kube, String releaseNamespace) {
        Config config = Config.fromKubeconfig(kube.server().kubeConfigYaml());
        config.setImpersonateUsername("system:serviceaccount:" + releaseNamespace + ":" + RenderedChart.RELEASE);
        config.setImpersonateGroups(
                "system:serviceaccounts", "system:serviceaccounts:" + releaseNamespace, "system:authenticated");
        KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build();
        clients.add(client);
        return client;
    }

    /** A "group/resource[/subresource]:verb" grant, asked of the apiserver as the impersonated user. */
    private static boolean allowed(KubernetesClient client, String grant, String namespace) {
        String[] groupAndRest = grant.split("/", 2);
        String[] resourceAndVerb = groupAndRest[1].split(":", 2);
        String[] resource = resourceAndVerb[0].split("/", 2);
        var review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withNewResourceAttributes()
                .withGroup(groupAndRest[0])
                .withResource(resource[0])
                .withSubresource(resource.length > 1 ? resource[1] : null)
                .withVerb(resourceAndVerb[1])
                .withNamespace(namespace.isEmpty() ? null : namespace)
                .endResourceAttributes()
                .endSpec()
                .build();
        return client.authorization()
                .v1()
                .selfSubjectAccessReview()
                .create(review)
                .getStatus()
                .getAllowed();
    }

    private static String createNamespace(KubeTestContext kube, String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        kube.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
        return name;
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToData("k", "v")
                .build();
    }
}
