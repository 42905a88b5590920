package io.lakegate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.testing.ApiWrite;
import io.lakegate.operator.testing.ApiWriteLog;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a connector's replicas must share comes from the operator: a generated Secret per connector holding the MCP
 * session key, created once and never replaced by a later pass, and the Service's names as allowed Host values.
 */
@ExtendWith(KubeApiTestExtension.class)
class ReplicaSecretApiServerTest {
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
    void everyConnectorGetsItsOwnSessionKeyOnceAndItsServiceNamesAsHosts() {
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "s3cret")))
                .create();
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
        McpConnector blue =
                client.resource(Fixtures.connector(ns, "blue", "analytics")).create();
        client.resource(Fixtures.connector(ns, "green", "analytics")).create();
        awaitReady("blue");
        awaitReady("green");

        Secret secret = secret("blue-replica-secrets");
        assertThat(secret.getImmutable()).isTrue();
        assertThat(secret.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(owner ->
                        assertThat(owner.getUid()).isEqualTo(blue.getMetadata().getUid()));
        String key = sessionKey(secret);
        assertThat(key).as("long enough for the connector").hasSizeGreaterThanOrEqualTo(32);
        assertThat(sessionKey(secret("green-replica-secrets")))
                .as("each connector its own key")
                .isNotEqualTo(key);

        Map<String, EnvVar> env = env(get(Deployment.class, "blue"));
        assertThat(env.get("LAKEGATE_MCP_SESSIONKEY").getValue()).isNull();
        assertThat(env.get("LAKEGATE_MCP_SESSIONKEY").getValueFrom().getSecretKeyRef())
                .satisfies(ref -> {
                    assertThat(ref.getName()).isEqualTo("blue-replica-secrets");
                    assertThat(ref.getKey()).isEqualTo("session-key");
                });
        assertThat(env.get("LAKEGATE_MCP_ALLOWEDHOSTS").getValue())
                .isEqualTo(String.join(
                        ",", "blue", "blue." + ns, "blue." + ns + ".svc", "blue." + ns + ".svc.cluster.local"));
        awaitQuiet();

        // a spec change rolls the pods with the same key; a fresh operator reconciles everything and writes nothing
        ApiWriteLog.Mark mark = kube.writeLog().mark();
        client.resources(McpConnector.class).inNamespace(ns).withName("blue").edit(c -> {
            var limits = new io.lakegate.operator.api.RateLimits();
            limits.setPerClientRequestsPerMinute(600);
            c.getSpec().setRateLimits(limits);
            return c;
        });
        await().atMost(WAIT)
                .until(() -> env(get(Deployment.class, "blue")).containsKey("LAKEGATE_RATELIMIT_CLIENT_FLEETLIMIT"));
        awaitQuiet();
        operator.close();
        operator = RunningOperator.start(kube);
        McpConnectorLifecycleApiServerTest.sleep(Duration.ofSeconds(4));
        assertThat(operatorWrites(mark))
                .as("no Secret written after creation")
                .noneMatch(w -> w.resource().equals("secrets"));
        assertThat(secret("blue-replica-secrets").getMetadata().getUid())
                .isEqualTo(secret.getMetadata().getUid());
        assertThat(sessionKey(secret("blue-replica-secrets"))).isEqualTo(key);

        // a deleted Secret (a deliberate rotation) is generated again, with a new key
        client.secrets().inNamespace(ns).withName("blue-replica-secrets").delete();
        await().atMost(WAIT).until(() -> {
            Secret again = get(Secret.class, "blue-replica-secrets");
            return again != null
                    && !again.getMetadata().getUid().equals(secret.getMetadata().getUid());
        });
        assertThat(sessionKey(secret("blue-replica-secrets"))).isNotEqualTo(key).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void anIngressHostIsAllowedBesideTheServiceNames() {
        client.resource(Fixtures.secret(ns, "entra", Map.of("client-secret", "s3cret")))
                .create();
        client.resource(Fixtures.azureWorkspace(ns, "analytics", "entra")).create();
        McpConnector connector = Fixtures.connector(ns, "fleet", "analytics");
        var exposure = new io.lakegate.operator.api.Exposure();
        var ingress = new io.lakegate.operator.api.IngressExposure();
        ingress.setHost("mcp.example.com");
        exposure.setIngress(ingress);
        connector.getSpec().setExposure(exposure);
        client.resource(connector).create();
        awaitReady("fleet");
        assertThat(env(get(Deployment.class, "fleet"))
                        .get("LAKEGATE_MCP_ALLOWEDHOSTS")
                        .getValue())
                .isEqualTo(String.join(
                        ",",
                        "fleet",
                        "fleet." + ns,
                        "fleet." + ns + ".svc",
                        "fleet." + ns + ".svc.cluster.local",
                        "mcp.example.com"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String sessionKey(Secret secret) {
        return new String(Base64.getDecoder().decode(secret.getData().get("session-key")), StandardCharsets.UTF_8);
    }

    private static Map<String, EnvVar> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    private Secret secret(String name) {
        Secret secret = get(Secret.class, name);
        assertThat(secret).as(name).isNotNull();
        return secret;
    }

    private List<ApiWrite> operatorWrites(ApiWriteLog.Mark mark) {
        return kube.writeLog().since(mark).stream()
                .filter(w -> w.inNamespace(ns) && w.byUserAgent(RunningOperator.USER_AGENT))
                .toList();
    }

    private void awaitQuiet() {
        await().atMost(WAIT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    ApiWriteLog.Mark mark = kube.writeLog().mark();
                    McpConnectorLifecycleApiServerTest.sleep(Duration.ofSeconds(1));
                    return operatorWrites(mark).isEmpty();
                });
    }

    private void awaitReady(String name) {
        await().atMost(WAIT).until(() -> {
            McpConnector c = get(McpConnector.class, name);
            return c != null
                    && c.getStatus() != null
                    && Conditions.isTrue(c.getStatus().getConditions(), "Ready");
        });
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T get(Class<T> type, String name) {
        return client.resources(type).inNamespace(ns).withName(name).get();
    }
}
