package io.lakegate.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.Autoscaling;
import io.lakegate.operator.api.DynamoDbTokenStore;
import io.lakegate.operator.api.Exposure;
import io.lakegate.operator.api.IngressExposure;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.TokenStore;
import io.lakegate.operator.api.TokenStoreType;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real operator, running as the chart's ServiceAccount (impersonated) with only the chart's RBAC, reconciles a
 * connector with every optional child on a real kube-apiserver, electing itself leader through the Lease grants: proof
 * that the rules are enough, as the exact-rules test proves they are no more.
 */
@ExtendWith(KubeApiTestExtension.class)
class OperatorUnderChartRbacTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String USER_AGENT = "lakegate-operator-as-chart-service-account";

    @BeforeAll
    static void installChartCrds(KubeTestContext kube) throws IOException {
        try (Stream<Path> files = Files.list(RenderedChart.chartDir().resolve("crds"))) {
            files.filter(p -> p.toString().endsWith(".yml")).forEach(p -> Crds.applyFromFile(kube.client(), p));
        }
    }

    @Test
    void namespacedInstallWithLeaderElectionIsEnoughForAFullFleet(KubeTestContext kube) {
        String ns = kube.namespace();
        String release = install(kube, "replicas: 2\nwatchNamespaces: [" + ns + "]");

        ApiWriteLog.Mark start = kube.writeLog().mark();
        var settings = new OperatorSettings(
                Set.of(ns), true, "lakegate-operator-leader", release, "127.0.0.1", 0, 2, Duration.ofSeconds(5));
        try (KubernetesClient asServiceAccount = impersonate(kube, release);
                LakegateOperator operator =
                        new LakegateOperator(asServiceAccount, settings, new SimpleMeterRegistry())) {
            operator.start();

            KubernetesClient admin = kube.client();
            admin.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "s3cret")))
                    .create();
            admin.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
            admin.resource(withIngressAndAutoscaling(Fixtures.connector(ns, "fleet", "analytics")))
                    .create();

            await().atMost(WAIT).until(() -> {
                McpConnector c = admin.resources(McpConnector.class)
                        .inNamespace(ns)
                        .withName("fleet")
                        .get();
                return c.getStatus() != null && Conditions.isTrue(c.getStatus().getConditions(), "Ready");
            });
            for (Class<? extends HasMetadata> kind : List.of(
                    Deployment.class,
                    Service.class,
                    ServiceAccount.class,
                    PodDisruptionBudget.class,
                    NetworkPolicy.class,
                    Ingress.class,
                    HorizontalPodAutoscaler.class)) {
                assertThat(admin.resources(kind)
                                .inNamespace(ns)
                                .withName("fleet")
                                .get())
                        .as(kind.getSimpleName())
                        .isNotNull();
            }
            assertThat(admin.resources(ConfigMap.class)
                            .inNamespace(ns)
                            .withName("fleet-config")
                            .get())
                    .isNotNull();

            // it reconciled as the leader, and keeps renewing the Lease (fabric8's LeaderElector renews with a PATCH)
            var lease = admin.resources(Lease.class).inNamespace(release).withName("lakegate-operator-leader");
            assertThat(lease.get().getSpec().getHolderIdentity()).isNotBlank();
            var renewed = lease.get().getSpec().getRenewTime();
            await().atMost(WAIT)
                    .until(() -> !lease.get().getSpec().getRenewTime().equals(renewed));

            // switching a feature off deletes its child: the delete grant is used too
            admin.resources(McpConnector.class)
                    .inNamespace(ns)
                    .withName("fleet")
                    .edit(c -> {
                        c.getSpec().setExposure(null);
                        return c;
                    });
            await().atMost(WAIT)
                    .until(() -> admin.resources(Ingress.class)
                                    .inNamespace(ns)
                                    .withName("fleet")
                                    .get()
                            == null);
        }

        List<ApiWrite> operatorWrites = kube.writeLog().since(start).stream()
                .filter(w -> w.byUserAgent(USER_AGENT))
                .toList();
        assertThat(operatorWrites)
                .as("the operator wrote through the chart's RBAC")
                .isNotEmpty();
        assertThat(operatorWrites)
                .filteredOn(w -> w.code() == 403)
                .as("forbidden writes")
                .isEmpty();
    }

    /** Applies the rendered chart (as `helm install --skip-crds`) into a new release namespace. */
    private static String install(KubeTestContext kube, String valuesYaml) {
        String release = "lakegate-" + UUID.randomUUID().toString().substring(0, 8);
        kube.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(release)
                        .endMetadata()
                        .build())
                .create();
        for (HasMetadata object : RenderedChart.render(valuesYaml, RenderedChart.kubeVersion(), release)
                .all()) {
            kube.client().resource(object).fieldManager("helm").serverSideApply();
        }
        return release;
    }

    private static McpConnector withIngressAndAutoscaling(McpConnector connector) {
        IngressExposure ingress = new IngressExposure();
        ingress.setHost("mcp.example.com");
        Exposure exposure = new Exposure();
        exposure.setIngress(ingress);
        connector.getSpec().setExposure(exposure);
        Autoscaling autoscaling = new Autoscaling();
        autoscaling.setMinReplicas(1);
        autoscaling.setMaxReplicas(3);
        connector.getSpec().setAutoscaling(autoscaling);
        // more than one replica needs a shared token store (a CEL rule of the CRD says so)
        DynamoDbTokenStore dynamodb = new DynamoDbTokenStore();
        dynamodb.setTable("lakegate-tokens");
        dynamodb.setRegion("eu-west-1");
        TokenStore tokenStore = new TokenStore();
        tokenStore.setType(TokenStoreType.DynamoDB);
        tokenStore.setDynamodb(dynamodb);
        connector.getSpec().setTokenStore(tokenStore);
        return connector;
    }

    private static KubernetesClient impersonate(KubeTestContext kube, String releaseNamespace) {
        Config config = Config.fromKubeconfig(kube.server().kubeConfigYaml());
        config.setUserAgent(USER_AGENT);
        config.setImpersonateUsername("system:serviceaccount:" + releaseNamespace + ":" + RenderedChart.RELEASE);
        config.setImpersonateGroups(
                "system:serviceaccounts", "system:serviceaccounts:" + releaseNamespace, "system:authenticated");
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
